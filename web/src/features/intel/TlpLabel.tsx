import { useT } from "../../i18n/index.ts";
import type { Tlp } from "./intel-api.ts";
import { messages } from "./messages.ts";
import "./intel.css";

/** An item's TLP 2.0 marking: official colour on black, the level in words, and what it means for screen readers and on hover. */
export function TlpLabel({ tlp }: { tlp: Tlp }) {
  const t = useT(messages);
  return (
    <span className={`tlp-label tlp-${tlp.replace("+", "-")}`} title={t(`tlpMeaning.${tlp}`)} data-tlp={tlp}>
      {t(`tlp.${tlp}`)}
      <span className="visually-hidden"> ({t(`tlpMeaning.${tlp}`)})</span>
    </span>
  );
}

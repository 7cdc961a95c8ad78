import { useState } from "react";
import { useLocale, useT } from "../../i18n/index.ts";
import type { IntelItem } from "./intel-api.ts";
import { formatDate } from "./ItemList.tsx";
import { messages } from "./messages.ts";

/** Copies a value and says so in a live region (the clipboard may be refused outside HTTPS). */
export function CopyButton({ value }: { value: string }) {
  const t = useT(messages);
  const [done, setDone] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn btn-outline-primary btn-sm"
        aria-label={t("copy", { value })}
        onClick={async () => {
          await navigator.clipboard?.writeText(value).catch(() => undefined);
          setDone(true);
        }}
      >
        {t("copyShort")}
      </button>
      <span role="status" className={done ? "ms-2 small" : "visually-hidden"}>
        {done ? t("copied") : ""}
      </span>
    </>
  );
}

/** Indicators as a table: type, value with its copy button, confidence, first and last seen. */
export function IndicatorTable({ items, caption }: { items: IntelItem[]; caption: string }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const day = (iso: string | null | undefined) => (iso ? formatDate(iso, locale) : "—");
  return (
    <div className="table-responsive">
      <table className="table table-sm">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("type")}</th>
            <th scope="col">{t("value")}</th>
            <th scope="col">{t("confidence")}</th>
            <th scope="col">{t("firstSeen")}</th>
            <th scope="col">{t("lastSeen")}</th>
            <th scope="col">{t("validUntil")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) =>
            item.indicator ? (
              <tr key={item.id}>
                <td>{t(`itype.${item.indicator.type}`)}</td>
                <th scope="row" className="fw-normal">
                  <code className="intel-value me-2">{item.indicator.value}</code>
                  <CopyButton value={item.indicator.value} />
                </th>
                <td>{item.indicator.confidence ?? "—"}</td>
                <td>{day(item.indicator.firstSeen)}</td>
                <td>{day(item.indicator.lastSeen)}</td>
                <td>{item.validUntil ? day(item.validUntil) : t("noExpiry")}</td>
              </tr>
            ) : null,
          )}
        </tbody>
      </table>
    </div>
  );
}

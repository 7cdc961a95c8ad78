import { common } from "../i18n/common.ts";
import { useT } from "../i18n/use-t.ts";

/** The spinner every async view shows while it waits, with text for screen readers. */
export function Loading({ label }: { label?: string }) {
  const t = useT(common);
  return (
    <div role="status" className="d-flex align-items-center gap-3 my-4">
      <div className="progress-spinner progress-spinner-active" aria-hidden="true" />
      <span className="visually-hidden">{label ?? t("loading")}</span>
    </div>
  );
}

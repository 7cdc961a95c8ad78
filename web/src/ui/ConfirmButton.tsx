import { useState, type ReactNode } from "react";
import { common } from "../i18n/common.ts";
import { useT } from "../i18n/use-t.ts";

/** A button that asks for confirmation in place before doing something hard to undo. */
export function ConfirmButton({ children, onConfirm, question, variant = "danger", disabled }: {
  children: ReactNode;
  onConfirm: () => void | Promise<void>;
  question?: string;
  variant?: "danger" | "primary" | "secondary";
  disabled?: boolean;
}) {
  const t = useT(common);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={`btn btn-outline-${variant} btn-sm`} disabled={disabled} onClick={() => setAsking(true)}>
        {children}
      </button>
    );
  }
  return (
    <span role="group" aria-label={question ?? t("confirmQuestion")} className="d-inline-flex flex-wrap align-items-center gap-2">
      <span>{question ?? t("confirmQuestion")}</span>
      <button
        type="button"
        className={`btn btn-${variant} btn-sm`}
        disabled={busy}
        autoFocus
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {t("confirm")}
      </button>
      <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => setAsking(false)}>
        {t("cancel")}
      </button>
    </span>
  );
}

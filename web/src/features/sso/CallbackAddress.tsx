import { useState } from "react";
import { useT } from "../../i18n/use-t.ts";
import { ssoMessages } from "./messages.ts";

/** The redirect URI to register at the identity provider, with a copy button. */
export function CallbackAddress({ address }: { address: string }) {
  const t = useT(ssoMessages);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(address);
      setCopied("yes");
    } catch {
      // no clipboard permission (or not a secure context): the address stays selectable
      setCopied("failed");
    }
  };
  return (
    <section aria-labelledby="sso-callback-title" className="mb-5">
      <h2 id="sso-callback-title" className="h4">
        {t("callbackTitle")}
      </h2>
      <p id="sso-callback-hint">{t("callbackHint")}</p>
      <div className="d-flex flex-wrap align-items-center gap-3">
        <code id="sso-callback-address" className="fs-6 text-break">
          {address}
        </code>
        <button type="button" className="btn btn-outline-primary btn-sm" aria-describedby="sso-callback-hint" onClick={() => void copy()}>
          {t("copy")}
        </button>
      </div>
      <p role="status" className="small mt-2">
        {copied === "yes" ? t("copied") : copied === "failed" ? t("copyFailed") : ""}
      </p>
    </section>
  );
}

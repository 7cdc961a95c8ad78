import { useState } from "react";
import { useT } from "../../i18n/use-t.ts";
import { Notice } from "../../ui/index.ts";
import { profileMessages } from "./messages.ts";

/** Recovery codes, shown once, with copy and download. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useT(profileMessages);
  const [copied, setCopied] = useState(false);
  const text = `Cittadella\n${codes.join("\n")}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "cittadella-codici-di-recupero.txt";
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section aria-labelledby="recovery-codes-title" className="mb-4">
      <h2 id="recovery-codes-title" className="h4">
        {t("recoveryCodes")}
      </h2>
      <Notice kind="warning">{t("recoveryShownOnce")}</Notice>
      <ul className="recovery-codes list-unstyled mb-3" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div className="d-flex flex-wrap gap-2">
        <button
          type="button"
          className="btn btn-outline-primary btn-sm"
          onClick={async () => {
            await navigator.clipboard.writeText(text);
            setCopied(true);
          }}
        >
          {t("copy")}
        </button>
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={download}>
          {t("download")}
        </button>
      </div>
      {copied && (
        <p role="status" className="mt-2">
          {t("copied")}
        </p>
      )}
    </section>
  );
}

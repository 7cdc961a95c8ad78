import { useEffect, useRef } from "react";
import { useT } from "../../i18n/index.ts";
import { Notice } from "../../ui/index.ts";
import { publishMessages } from "./publish-messages.ts";
import { segmentsOf } from "./redaction.ts";
import type { PublishFlow, TextField, Texts } from "./use-publish-flow.ts";

/**
 * The texts to publish anonymously with what the scan found highlighted (<mark>), each with its
 * own "oscura" button, and "oscura tutto". The heading takes focus so the step is announced.
 */
export function AnonymousReview({ flow, fields, texts, busy, onPublish }: {
  flow: PublishFlow;
  fields: TextField[];
  texts: Texts;
  busy: boolean;
  onPublish: () => void;
}) {
  const t = useT(publishMessages);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const mask = t("redacted");
  const scanned = fields.filter((f) => (texts[f.name] ?? "").trim());
  return (
    <section aria-labelledby="scan-title" className="mb-4" data-scan-review>
      <h2 id="scan-title" ref={heading} tabIndex={-1} className="h4">
        {t("scanTitle")}
      </h2>
      {flow.count === 0 ? <Notice kind="success">{t("scanNothing")}</Notice> : <Notice kind="warning">{`${t("scanFound", { count: flow.count })} ${t("scanIntro")}`}</Notice>}
      {flow.count > 0 && (
        <p>
          <button type="button" className="btn btn-outline-danger" onClick={() => flow.redactEverything(mask)}>
            {t("redactAll")}
          </button>
        </p>
      )}
      {scanned.map((f) => (
        <div key={f.name} className="mb-3">
          <h3 className="h6">{f.label}</h3>
          <div className="scan-text" data-field={f.name}>
            {segmentsOf(texts[f.name] ?? "", flow.findings[f.name] ?? []).map((part, i) =>
              "plain" in part ? (
                <span key={i}>{part.plain}</span>
              ) : (
                <mark key={i} data-kind={part.span.kind}>
                  {part.span.text}
                  <button
                    type="button"
                    className="btn btn-sm btn-danger py-0 px-1"
                    aria-label={t("redactOne", { text: part.span.text, kind: t(`finding.${part.span.kind}` as "finding.email") })}
                    onClick={() => flow.redact(f.name, part.index, mask)}
                  >
                    {t("redact")}
                  </button>
                </mark>
              ),
            )}
          </div>
        </div>
      ))}
      <p className="d-flex flex-wrap gap-2">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={onPublish}>
          {t("publishNow")}
        </button>
        <button type="button" className="btn btn-outline-secondary" onClick={() => flow.setStage("edit")}>
          {t("backToEdit")}
        </button>
      </p>
    </section>
  );
}

import { useState } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { Finding } from "./intel-api.ts";
import { cleanSpans, redactAll, redactSpan } from "./redaction.ts";

/** A text field of a form, as the anonymous check scans and redacts it. */
export interface TextField {
  name: string;
  label: string;
}

export type Texts = Record<string, string>;

/**
 * The publishing flow of the three forms: edit → (anonymous only) review of the personal data the
 * server found, with redaction → done (the one-time edit link). The form keeps its texts in one
 * record so that redaction can change them.
 */
export function usePublishFlow(texts: Texts, setTexts: (update: (before: Texts) => Texts) => void) {
  const [stage, setStage] = useState<"edit" | "review" | "done">("edit");
  const [findings, setFindings] = useState<Record<string, Finding[]>>({});

  /** Asks the server, field by field, what would identify the author; nothing is stored there. */
  const scan = async (fields: TextField[]) => {
    const found: Record<string, Finding[]> = {};
    for (const f of fields) {
      const text = texts[f.name] ?? "";
      if (!text.trim()) continue;
      const result = await unwrap(api.POST("/api/intel/scan", { body: { text, ownDomains: [], ownAddresses: [] } }));
      found[f.name] = cleanSpans(text, result.findings);
    }
    setFindings(found);
    setStage("review");
  };

  const redact = (name: string, index: number, mask: string) => {
    const result = redactSpan(texts[name] ?? "", findings[name] ?? [], index, mask);
    setTexts((before) => ({ ...before, [name]: result.text }));
    setFindings((before) => ({ ...before, [name]: result.spans }));
  };

  const redactEverything = (mask: string) => {
    const next: Texts = {};
    for (const [name, spans] of Object.entries(findings)) next[name] = redactAll(texts[name] ?? "", spans, mask);
    setTexts((before) => ({ ...before, ...next }));
    setFindings({});
  };

  const count = Object.values(findings).reduce((n, spans) => n + spans.length, 0);
  return { stage, setStage, findings, count, scan, redact, redactEverything };
}
export type PublishFlow = ReturnType<typeof usePublishFlow>;

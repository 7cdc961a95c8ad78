import { formatDate, say } from "../report-text.ts";
import type { ReportData } from "../report-data.ts";
import { colours, type Draw, heading, paragraph, table } from "../../../../platform/pdf/layout.ts";

/** What backs the answers; expired evidence is flagged in red and in words. */
export function drawEvidence({ doc, locale }: Draw, data: ReportData) {
  heading(doc, say(locale, "evidenceTitle"));
  if (!data.evidence.length) return paragraph(doc, say(locale, "noEvidence"));
  table(
    doc,
    [
      { header: say(locale, "requirementCol"), width: 0.15 },
      { header: say(locale, "evidenceCol"), width: 0.6 },
      { header: say(locale, "expiresCol"), width: 0.25 },
    ],
    data.evidence.map((e) => [
      { text: e.requirementId, bold: true },
      { text: e.source && e.source !== e.title ? `${e.title}\n${e.source}` : e.title },
      e.expired
        ? { text: `${formatDate(e.expiresOn, locale)}\n${say(locale, "expired")}`, colour: colours.warn, bold: true }
        : { text: formatDate(e.expiresOn, locale) },
    ]),
  );
}

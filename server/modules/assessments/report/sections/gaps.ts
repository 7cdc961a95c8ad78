import type { Locale } from "../../../../platform/i18n/locale.ts";
import { formatNumber, pick, say } from "../report-text.ts";
import type { ReportData } from "../report-data.ts";
import { colours, type Draw, heading, paragraph, table } from "../../../../platform/pdf/layout.ts";

// the catalog's scale is 1-3 (catalog-format.ts); a caller-supplied weight outside it prints as a number
const importanceLabel = (importance: number, locale: Locale) =>
  importance === 1 || importance === 2 || importance === 3 ? say(locale, `importance${importance}` as const) : formatNumber(importance, locale, 2);

/** The report lists the largest gaps; the full list stays in the application. */
export const REPORT_GAPS = 30;

export function drawGaps({ doc, locale }: Draw, data: ReportData) {
  const { gaps } = data.results;
  heading(doc, say(locale, "gapsTitle"));
  if (!gaps.length) return paragraph(doc, say(locale, "noGaps"));
  paragraph(doc, say(locale, "gapsIntro"), { colour: colours.muted, size: 9 });
  // already in the order scoring.ts gives: weighted distance, then document order
  const shown = gaps.slice(0, REPORT_GAPS);
  table(
    doc,
    [
      { header: say(locale, "requirementCol"), width: 0.14 },
      { header: say(locale, "titleCol"), width: 0.39 },
      { header: say(locale, "current"), width: 0.11, align: "right" },
      { header: say(locale, "target"), width: 0.11, align: "right" },
      { header: say(locale, "importanceCol"), width: 0.12 },
      { header: say(locale, "distanceCol"), width: 0.13, align: "right" },
    ],
    shown.map((gap) => [
      { text: gap.requirementId, bold: true },
      { text: pick(data.titles.get(gap.requirementId), locale) },
      { text: String(gap.currentMaturity) },
      { text: String(gap.targetMaturity) },
      { text: importanceLabel(gap.importance, locale) },
      { text: formatNumber(gap.weightedDistance, locale, 2) },
    ]),
  );
  if (gaps.length > shown.length) paragraph(doc, say(locale, "gapsMore", { count: gaps.length - shown.length }), { colour: colours.muted, size: 9 });
}

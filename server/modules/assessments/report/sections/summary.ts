import { formatNumber, say } from "../report-text.ts";
import type { ReportData } from "../report-data.ts";
import { type Draw, heading, labelled, paragraph, colours } from "../../../../platform/pdf/layout.ts";

/** The figures a giunta reads first, and how they are computed. */
export function drawSummary({ doc, locale }: Draw, data: ReportData) {
  const { overall, gaps } = data.results;
  heading(doc, say(locale, "summaryTitle"));
  labelled(doc, say(locale, "compliance"), overall.compliancePercent === null ? "-" : `${formatNumber(overall.compliancePercent, locale)}%`);
  labelled(doc, say(locale, "maturity"), `${formatNumber(overall.averageCurrentMaturity, locale)} / ${formatNumber(overall.averageTargetMaturity, locale)}`);
  labelled(doc, say(locale, "answered"), `${overall.answered} / ${overall.requirements}`);
  labelled(doc, say(locale, "notApplicable"), String(overall.notApplicable));
  labelled(doc, say(locale, "gapCount"), String(gaps.length));
  doc.moveDown(0.5);
  paragraph(doc, say(locale, "formula"), { colour: colours.muted, size: 9 });
}

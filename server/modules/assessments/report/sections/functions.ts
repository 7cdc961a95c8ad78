import { formatNumber, pick, say } from "../report-text.ts";
import type { ReportData } from "../report-data.ts";
import { colours, contentWidth, type Doc, type Draw, ensureSpace, fonts, heading, paragraph, table } from "../../../../platform/pdf/layout.ts";

const BAR = 9;
const GROUP = 2 * BAR + 10;
const LABEL = 130;

/** Horizontal bars, current over target, for each function; vector graphics only. */
function barChart(doc: Doc, data: ReportData, labels: string[]) {
  const { functions } = data.results;
  const left = doc.page.margins.left;
  const barsLeft = left + LABEL;
  const barsWidth = contentWidth(doc) - LABEL - 30;
  const height = functions.length * GROUP + 30;
  ensureSpace(doc, height + 20);
  const top = doc.y;
  const scale = (value: number | null) => ((value ?? 0) / data.maturityMax) * barsWidth;
  // the scale's steps as light vertical lines, labelled underneath
  doc.fontSize(8).font(fonts.regular);
  for (let step = 0; step <= data.maturityMax; step++) {
    const x = barsLeft + scale(step);
    doc.moveTo(x, top).lineTo(x, top + functions.length * GROUP).lineWidth(0.5).strokeColor(colours.rule).stroke();
    doc.fillColor(colours.muted).text(String(step), x - 10, top + functions.length * GROUP + 3, { width: 20, align: "center" });
  }
  functions.forEach((fn, i) => {
    const y = top + i * GROUP;
    doc.fillColor(colours.ink).fontSize(9).text(labels[i]!, left, y + BAR / 2, { width: LABEL - 8, height: GROUP, ellipsis: true });
    doc.rect(barsLeft, y, scale(fn.averageCurrentMaturity), BAR).fill(colours.accent);
    doc.rect(barsLeft, y + BAR, scale(fn.averageTargetMaturity), BAR).fill(colours.light);
  });
  doc.x = left;
  doc.y = top + height;
}

export function drawFunctions({ doc, locale }: Draw, data: ReportData) {
  const { functions } = data.results;
  heading(doc, say(locale, "functionsTitle"));
  const labels = functions.map((fn) => `${fn.id} ${pick(data.titles.get(fn.id), locale)}`);
  paragraph(doc, say(locale, "chartCaption"), { colour: colours.muted, size: 9 });
  barChart(doc, data, labels);
  doc.moveDown(0.5);
  table(
    doc,
    [
      { header: say(locale, "functionCol"), width: 0.36 },
      { header: say(locale, "requirementsCol"), width: 0.14, align: "right" },
      { header: say(locale, "complianceCol"), width: 0.16, align: "right" },
      { header: say(locale, "currentCol"), width: 0.17, align: "right" },
      { header: say(locale, "targetCol"), width: 0.17, align: "right" },
    ],
    functions.map((fn, i) => [
      { text: labels[i]! },
      { text: String(fn.requirements) },
      { text: fn.compliancePercent === null ? "-" : `${formatNumber(fn.compliancePercent, locale)}%` },
      { text: formatNumber(fn.averageCurrentMaturity, locale) },
      { text: formatNumber(fn.averageTargetMaturity, locale) },
    ]),
  );
}

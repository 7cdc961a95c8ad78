import PDFDocument from "pdfkit";
import type { Locale } from "../../../platform/i18n/locale.ts";
import type { ReportData } from "./report-data.ts";
import { colours, fonts } from "../../../platform/pdf/layout.ts";
import { say } from "./report-text.ts";
import { drawCover } from "./sections/cover.ts";
import { drawSummary } from "./sections/summary.ts";
import { drawFunctions } from "./sections/functions.ts";
import { drawGaps } from "./sections/gaps.ts";
import { drawEvidence } from "./sections/evidence.ts";
import { drawSignOff, drawWatermark } from "./sections/sign-off.ts";

export interface RenderOptions {
  /** false leaves the page streams readable (inspection by hand); compressed by default */
  compress?: boolean;
}

function footer(doc: PDFKit.PDFDocument, locale: Locale, data: ReportData, n: number, total: number) {
  const { margins, width, height } = doc.page;
  // drawing under the bottom margin would make pdfkit start a new page
  const keep = margins.bottom;
  margins.bottom = 0;
  doc
    .font(fonts.regular)
    .fontSize(8)
    .fillColor(colours.muted)
    .text(`${data.organisation} - ${data.title}`, margins.left, height - 35, { width: width / 2, lineBreak: false, ellipsis: true })
    .text(say(locale, "page", { n, total }), width / 2, height - 35, { width: width / 2 - margins.right, align: "right", lineBreak: false });
  margins.bottom = keep;
}

/** The assessment report as PDF bytes, in Italian unless asked otherwise. */
export function renderReport(data: ReportData, locale: Locale, options: RenderOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    compress: options.compress ?? true,
    lang: locale === "it" ? "it-IT" : "en-GB",
    info: { Title: `${say(locale, "reportTitle")} - ${data.organisation}`, Author: "Cittadella", Subject: data.title },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const draw = { doc, locale };
  drawCover(draw, data);
  doc.addPage();
  drawSummary(draw, data);
  drawFunctions(draw, data);
  drawGaps(draw, data);
  drawEvidence(draw, data);
  drawSignOff(draw, data);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    if (data.status !== "approved") drawWatermark(doc, locale);
    footer(doc, locale, data, i + 1, range.count);
  }
  doc.end();
  return done;
}

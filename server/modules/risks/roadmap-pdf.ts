import PDFDocument from "pdfkit";
import type { Locale } from "../../platform/i18n/locale.ts";
import { fillTemplate } from "../../platform/i18n/template.ts";
import { colours, fonts, heading, paragraph, table } from "../../platform/pdf/layout.ts";
import type { LoadedAction } from "./action-records.ts";
import type { RoadmapRow } from "./roadmap-export.ts";
import { euros, roadmapWords } from "./roadmap-text.ts";

// The roadmap as a printable report (A4 landscape): a summary line and one table of actions,
// late ones in red, using the drawing helpers of the assessment report.

export function roadmapPdf(organisation: string, actions: LoadedAction[], rows: RoadmapRow[], locale: Locale): Promise<Buffer> {
  const words = roadmapWords(locale);
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margins: { top: 48, bottom: 48, left: 48, right: 48 },
    bufferPages: true,
    lang: locale === "it" ? "it-IT" : "en-GB",
    info: { Title: `${words.reportTitle} - ${organisation}`, Author: "Cittadella" },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  heading(doc, `${words.reportTitle} - ${organisation}`);
  paragraph(doc, fillTemplate(words.generated, { date: new Date().toISOString().slice(0, 10) }), { colour: colours.muted, size: 9 });
  const cost = actions.filter((a) => a.status !== "cancelled").reduce((sum, a) => sum + (a.estimatedCostCents ?? 0), 0);
  paragraph(doc, fillTemplate(words.summary, { total: rows.length, late: rows.filter((r) => r.late).length, cost: euros(cost, locale) }));
  const c = words.columns;
  table(
    doc,
    [
      { header: c.ref, width: 0.05 },
      { header: c.title, width: 0.25 },
      { header: c.csfFunction, width: 0.09 },
      { header: c.ownerOrg, width: 0.14 },
      { header: c.priority, width: 0.17 },
      { header: c.dueOn, width: 0.08 },
      { header: c.status, width: 0.09 },
      { header: c.progress, width: 0.06, align: "right" },
      { header: c.risks, width: 0.07 },
    ],
    rows.map((r) => [
      { text: r.ref, bold: true },
      { text: r.title },
      { text: r.csfFunction },
      { text: r.ownerUser ? `${r.ownerOrg}\n${r.ownerUser}` : r.ownerOrg },
      { text: r.priorityReason ? `${r.priority}: ${r.priorityReason}` : r.priority },
      { text: r.dueOn, ...(r.late ? { colour: colours.warn, bold: true } : {}) },
      { text: r.late ? `${r.status} (${c.late.toLowerCase()})` : r.status, ...(r.late ? { colour: colours.warn } : {}) },
      { text: `${r.progress}%` },
      { text: r.risks },
    ]),
  );
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { margins, width, height } = doc.page;
    const keep = margins.bottom;
    margins.bottom = 0;
    doc
      .font(fonts.regular)
      .fontSize(8)
      .fillColor(colours.muted)
      .text(fillTemplate(words.page, { n: i + 1, total: range.count }), margins.left, height - 30, { width: width - margins.left - margins.right, align: "right", lineBreak: false });
    margins.bottom = keep;
  }
  doc.end();
  return done;
}

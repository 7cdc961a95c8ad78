import type { Locale } from "../i18n/locale.ts";

// Drawing helpers shared by every PDF the product makes (assessment report, risk register, roadmap): headings, label/value lines and simple tables that
// carry their header over to the next page. Helvetica (a PDF standard font, WinAnsi encoding)
// covers the accented letters of Italian, so no font file is embedded.

export type Doc = PDFKit.PDFDocument;
export interface Draw {
  doc: Doc;
  locale: Locale;
}

export const colours = { ink: "#1a1a1a", muted: "#5c6f82", accent: "#0066cc", light: "#a8cdf0", rule: "#c5c7c9", warn: "#b71918" };
export const fonts = { regular: "Helvetica", bold: "Helvetica-Bold" };

export const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points still fit on this one. */
export function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

export function heading(doc: Doc, text: string) {
  ensureSpace(doc, 60);
  doc.moveDown(0.5).font(fonts.bold).fontSize(16).fillColor(colours.accent).text(text, doc.page.margins.left, doc.y);
  doc.moveDown(0.4).font(fonts.regular).fontSize(10).fillColor(colours.ink);
}

export function paragraph(doc: Doc, text: string, options: { colour?: string; size?: number } = {}) {
  doc.font(fonts.regular).fontSize(options.size ?? 10).fillColor(options.colour ?? colours.ink).text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.4).fillColor(colours.ink);
}

const LABEL_WIDTH = 190;

export function labelled(doc: Doc, label: string, value: string) {
  const x = doc.page.margins.left;
  const y = doc.y;
  doc.font(fonts.bold).fontSize(10).fillColor(colours.muted).text(label, x, y, { width: LABEL_WIDTH });
  const labelBottom = doc.y;
  doc.font(fonts.regular).fillColor(colours.ink).text(value, x + LABEL_WIDTH + 10, y, { width: contentWidth(doc) - LABEL_WIDTH - 10 });
  // a label that wraps is taller than its value: the next line starts below whichever ends lower
  doc.x = x;
  doc.y = Math.max(labelBottom, doc.y);
  doc.moveDown(0.3);
}

export interface Column {
  header: string;
  /** share of the content width */
  width: number;
  align?: "left" | "right";
}

export interface Cell {
  text: string;
  colour?: string;
  bold?: boolean;
}

const PAD = 3;

function row(doc: Doc, columns: Column[], cells: Cell[], header: boolean) {
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.width * total);
  doc.fontSize(9);
  const height =
    Math.max(...cells.map((cell, i) => doc.font(header || cell.bold ? fonts.bold : fonts.regular).heightOfString(cell.text, { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
  if (doc.y + height > bottom(doc)) return false;
  const y = doc.y;
  let x = doc.page.margins.left;
  cells.forEach((cell, i) => {
    doc
      .font(header || cell.bold ? fonts.bold : fonts.regular)
      .fillColor(cell.colour ?? (header ? colours.muted : colours.ink))
      .text(cell.text, x + PAD, y + PAD, { width: widths[i]! - 2 * PAD, align: columns[i]!.align ?? "left" });
    x += widths[i]!;
  });
  doc
    .moveTo(doc.page.margins.left, y + height)
    .lineTo(doc.page.margins.left + total, y + height)
    .lineWidth(header ? 1 : 0.5)
    .strokeColor(colours.rule)
    .stroke();
  doc.x = doc.page.margins.left;
  doc.y = y + height;
  return true;
}

/** A table; when a row does not fit, it goes on a new page under a repeated header. */
export function table(doc: Doc, columns: Column[], rows: Cell[][]) {
  const headerCells = columns.map((c) => ({ text: c.header }));
  ensureSpace(doc, 40);
  row(doc, columns, headerCells, true);
  for (const cells of rows) {
    if (!row(doc, columns, cells, false)) {
      doc.addPage();
      row(doc, columns, headerCells, true);
      row(doc, columns, cells, false);
    }
  }
  doc.fillColor(colours.ink).moveDown(0.6);
}

import { formatDate, say } from "../report-text.ts";
import type { ReportData } from "../report-data.ts";
import { colours, type Doc, type Draw, fonts, heading, paragraph } from "../../../../platform/pdf/layout.ts";
import type { Locale } from "../../../../platform/i18n/locale.ts";

export function drawSignOff({ doc, locale }: Draw, data: ReportData) {
  heading(doc, say(locale, "signOffTitle"));
  if (data.status === "approved" && data.approvedAt)
    paragraph(doc, say(locale, "signedBy", { name: data.approvedByName ?? "-", date: formatDate(data.approvedAt, locale) }));
  else paragraph(doc, say(locale, "notSigned"), { colour: colours.warn });
}

/** Across every page of a report that is not approved, so no page passes for the final one. */
export function drawWatermark(doc: Doc, locale: Locale) {
  const { width, height } = doc.page;
  doc.save();
  doc.rotate(-45, { origin: [width / 2, height / 2] });
  doc
    .font(fonts.bold)
    .fontSize(110)
    .fillColor(colours.warn)
    .fillOpacity(0.12)
    .text(say(locale, "watermark"), 0, height / 2 - 60, { width, align: "center", lineBreak: false });
  doc.restore();
}

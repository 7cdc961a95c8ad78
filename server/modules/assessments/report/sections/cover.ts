import { formatDate, pick, say } from "../report-text.ts";
import type { ReportData } from "../report-data.ts";
import { colours, type Draw, fonts, labelled } from "../../../../platform/pdf/layout.ts";

/** First page: whose assessment, against what, on what scope, where it stands. */
export function drawCover({ doc, locale }: Draw, data: ReportData) {
  doc.moveDown(4);
  doc.font(fonts.regular).fontSize(12).fillColor(colours.muted).text(say(locale, "reportTitle"));
  doc.moveDown(0.5).font(fonts.bold).fontSize(24).fillColor(colours.ink).text(data.organisation);
  doc.moveDown(0.3).font(fonts.regular).fontSize(16).fillColor(colours.accent).text(data.title);
  doc.moveDown(2).fontSize(10).fillColor(colours.ink);
  labelled(doc, say(locale, "framework"), `${pick(data.framework.title, locale)} (${data.framework.version})`);
  if (data.level) labelled(doc, say(locale, "level"), pick(data.level, locale));
  labelled(doc, say(locale, "scope"), data.scopeService ?? say(locale, "wholeEntity"));
  labelled(doc, say(locale, "status"), say(locale, data.status));
  labelled(doc, say(locale, "startedOn"), formatDate(data.createdAt, locale));
  labelled(doc, say(locale, "targetDate"), formatDate(data.targetDate, locale));
  if (data.approvedAt) labelled(doc, say(locale, "approvedOn"), formatDate(data.approvedAt, locale));
  labelled(doc, say(locale, "generatedOn"), formatDate(data.generatedAt, locale));
}

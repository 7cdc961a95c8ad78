import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { organisations } from "../identity/identity.tables.ts";
import { colours, fonts, heading, paragraph, table, type Cell, type Column } from "../../platform/pdf/layout.ts";
import { loadMatrix, type RiskMatrix } from "./risk-matrix.ts";
import { withLinks, type LoadedRisk } from "./risk-records.ts";
import { registerPolicy } from "./risks.policy.ts";
import { riskRef } from "./risks.presenter.ts";
import { risks } from "./risks.tables.ts";
import { say } from "./risks-export-text.ts";
import { threatById } from "./threats.ts";

// The register as files for the giunta, the auditor and the DPO: XLSX to work on, PDF to file.
// Both come from the same loaded data; every word is translated (risks-export-text.ts).

export interface RegisterExport {
  organisation: string;
  matrix: RiskMatrix;
  risks: LoadedRisk[];
  generatedAt: Date;
}

export async function loadRegisterExport(db: Db, actor: Actor, orgId: string): Promise<RegisterExport> {
  registerPolicy.authorize(actor, "export", { orgId });
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  const rows = await db.select().from(risks).where(eq(risks.orgId, orgId)).orderBy(asc(risks.number));
  return { organisation: org?.name ?? "", matrix: await loadMatrix(db, orgId), risks: await withLinks(db, actor, orgId, rows), generatedAt: new Date() };
}

const stages = ["inherent", "current", "residual"] as const;
const levelWord = (locale: Locale, level: string | null) => (level ? say(locale, level as "low") : "");
const threatTitle = (locale: Locale, id: string) => threatById(id)?.title[locale] ?? id;
const treatmentWord = (locale: Locale, treatment: string | null) => say(locale, (treatment ?? "undecided") as "mitigate");

/** One row per risk, numbers as numbers so the sheet sorts and filters; plus the matrix. */
export async function registerWorkbook(data: RegisterExport, locale: Locale): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Cittadella";
  const sheet = workbook.addWorksheet(say(locale, "sheetRisks"), { views: [{ state: "frozen", ySplit: 1 }] });
  const stageHeaders = stages.flatMap((s) => (["likelihood", "impact", "level"] as const).map((k) => `${say(locale, s)} - ${say(locale, k)}`));
  sheet.addRow([
    say(locale, "ref"), say(locale, "title"), say(locale, "threat"), say(locale, "description"), say(locale, "affectedServices"), say(locale, "owner"),
    ...stageHeaders,
    say(locale, "treatment"), say(locale, "treatmentNotes"), say(locale, "acceptedBy"), say(locale, "acceptanceReason"), say(locale, "acceptanceExpiresOn"),
    say(locale, "status"), say(locale, "nextReviewOn"), say(locale, "lastReviewedAt"), say(locale, "gaps"),
  ]);
  for (const risk of data.risks) {
    sheet.addRow([
      riskRef(risk.number), risk.title, threatTitle(locale, risk.threatId), risk.description ?? "", risk.affectedServices ?? "", risk.ownerName ?? "",
      ...stages.flatMap((s) => [risk[`${s}Likelihood`] ?? "", risk[`${s}Impact`] ?? "", levelWord(locale, risk[`${s}Level`])]),
      treatmentWord(locale, risk.treatment), risk.treatmentNotes ?? "", risk.acceptedByName ?? "", risk.acceptanceReason ?? "", risk.acceptanceExpiresOn ?? "",
      say(locale, risk.status === "closed" ? "closed" : "open"), risk.nextReviewOn ?? "", risk.lastReviewedAt?.toISOString().slice(0, 10) ?? "",
      risk.gaps.map((g) => g.requirementId).join(", "),
    ]);
  }
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => (column.width = i === 1 || i === 3 ? 40 : 16));

  const matrixSheet = workbook.addWorksheet(say(locale, "sheetMatrix"));
  const { matrix } = data;
  matrixSheet.addRow([`${say(locale, "likelihood")} \\ ${say(locale, "impact")}`, ...matrix.impactLabels[locale].map((label, i) => `${i + 1} ${label}`)]);
  for (let l = matrix.likelihoodSteps; l >= 1; l--)
    matrixSheet.addRow([`${l} ${matrix.likelihoodLabels[locale][l - 1]}`, ...matrix.cells[l - 1]!.map((level) => levelWord(locale, level))]);
  matrixSheet.getRow(1).font = { bold: true };
  matrixSheet.columns.forEach((column) => (column.width = 18));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const levelColour: Record<string, string> = { low: colours.ink, medium: colours.ink, high: colours.warn, critical: colours.warn };

function stageCell(locale: Locale, risk: LoadedRisk, stage: (typeof stages)[number]): Cell {
  const level = risk[`${stage}Level`];
  if (!level) return { text: "-" };
  return { text: `${levelWord(locale, level)} (${risk[`${stage}Likelihood`]}x${risk[`${stage}Impact`]})`, colour: levelColour[level], bold: level === "critical" };
}

/** The register as an A4 landscape PDF: summary by level, then one row per risk. */
export function registerPdf(data: RegisterExport, locale: Locale): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margins: { top: 48, bottom: 48, left: 48, right: 48 },
    bufferPages: true,
    lang: locale === "it" ? "it-IT" : "en-GB",
    info: { Title: `${say(locale, "registerTitle")} - ${data.organisation}`, Author: "Cittadella" },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font(fonts.bold).fontSize(20).fillColor(colours.accent).text(say(locale, "registerTitle"));
  doc.font(fonts.regular).fontSize(12).fillColor(colours.ink).text(data.organisation).moveDown(0.3);
  const open = data.risks.filter((r) => r.status === "open");
  paragraph(doc, `${say(locale, "generatedOn", { date: data.generatedAt.toISOString().slice(0, 10) })}. ${say(locale, "summary", { count: data.risks.length, open: open.length })}.`);
  paragraph(doc, say(locale, "scoringNote"), { colour: colours.muted, size: 9 });

  heading(doc, say(locale, "byLevel"));
  const levels = ["critical", "high", "medium", "low"] as const;
  table(
    doc,
    levels.map((level) => ({ header: levelWord(locale, level), width: 0.25, align: "right" as const })),
    [levels.map((level) => ({ text: String(open.filter((r) => (r.currentLevel ?? r.inherentLevel) === level).length) }))],
  );

  heading(doc, say(locale, "sheetRisks"));
  if (!data.risks.length) paragraph(doc, say(locale, "none"));
  else {
    const columns: Column[] = [
      { header: say(locale, "ref"), width: 0.05 },
      { header: say(locale, "title"), width: 0.25 },
      { header: say(locale, "threat"), width: 0.14 },
      { header: say(locale, "owner"), width: 0.11 },
      { header: say(locale, "inherent"), width: 0.09 },
      { header: say(locale, "current"), width: 0.09 },
      { header: say(locale, "residual"), width: 0.09 },
      { header: say(locale, "treatment"), width: 0.1 },
      { header: say(locale, "nextReviewOn"), width: 0.08 },
    ];
    table(
      doc,
      columns,
      data.risks.map((risk) => [
        { text: riskRef(risk.number), bold: true },
        { text: risk.status === "closed" ? `${risk.title} (${say(locale, "closed")})` : risk.title },
        { text: threatTitle(locale, risk.threatId) },
        { text: risk.ownerName ?? "-" },
        stageCell(locale, risk, "inherent"),
        stageCell(locale, risk, "current"),
        stageCell(locale, risk, "residual"),
        { text: risk.treatment === "accept" && risk.acceptanceExpiresOn ? `${treatmentWord(locale, risk.treatment)} (${risk.acceptanceExpiresOn})` : treatmentWord(locale, risk.treatment) },
        { text: risk.nextReviewOn ?? "-" },
      ]),
    );
  }
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
      .text(`${data.organisation} - ${say(locale, "registerTitle")}`, margins.left, height - 30, { width: width / 2, lineBreak: false, ellipsis: true })
      .text(say(locale, "page", { n: i + 1, total: range.count }), width / 2, height - 30, { width: width / 2 - margins.right, align: "right", lineBreak: false });
    margins.bottom = keep;
  }
  doc.end();
  return done;
}

import type { MessageKey } from "../../platform/i18n/messages.ts";
import type { FieldProblem } from "../../platform/http/errors.ts";
import type { CatalogIssue } from "./catalogs/catalog-issues.ts";
import { locateHeader } from "./catalogs/sheet-header.ts";
import { type SheetTable, columnLetter, decodeCsv, parseCsv, readWorkbook, writeCsv, writeWorkbook } from "./catalogs/spreadsheet.ts";
import { answerStatuses, type AnswerInput } from "./assessments.schemas.ts";
import type { AnswerRow } from "./assessment-records.ts";

// Answers as a spreadsheet, the file consultants and auditors exchange: one row per requirement.
// Reading is pure and checks every cell, so the import can refuse the file as a whole naming the
// row and column of each problem before anything is written.

export const ANSWERS_SHEET = "Risposte";

const columns = {
  requirementId: ["requirement_id", "Requisito", "ID requisito", "Codice"],
  status: ["status", "Stato"],
  currentMaturity: ["current_maturity", "Maturità attuale"],
  targetMaturity: ["target_maturity", "Maturità obiettivo"],
  reason: ["not_applicable_reason", "Motivo non applicabile", "Motivo N/A"],
  notes: ["notes", "Note"],
} as const;
type Column = keyof typeof columns;
const order: Column[] = ["requirementId", "status", "currentMaturity", "targetMaturity", "reason", "notes"];

// Italian spellings accepted on import, as people type them in a spreadsheet
const statusWords: Record<string, (typeof answerStatuses)[number]> = {
  implementato: "implemented",
  implementata: "implemented",
  parziale: "partial",
  "non implementato": "not_implemented",
  "non implementata": "not_implemented",
  "non applicabile": "not_applicable",
  "n/a": "not_applicable",
};

/** Every requirement in scope, in catalog order; blank cells where nothing was answered yet. */
export function answersTable(requirementIds: string[], answers: AnswerRow[]): SheetTable {
  const byId = new Map(answers.map((a) => [a.requirementId, a]));
  const text = (value: string | number | null | undefined) => (value === null || value === undefined ? "" : String(value));
  const rows = requirementIds.map((id) => {
    const a = byId.get(id);
    return [id, text(a?.status), text(a?.currentMaturity), text(a?.targetMaturity), text(a?.reason), text(a?.notes)];
  });
  return { name: ANSWERS_SHEET, rows: [order.map((key) => columns[key][0]), ...rows] };
}

export const answersXlsx = (table: SheetTable) => writeWorkbook([table]);
export const answersCsv = (table: SheetTable) => writeCsv(table.rows);

type Read = { ok: true; answers: AnswerInput[] } | { ok: false; problems: FieldProblem[] };

const problem = (sheet: string, row: number, column: number, header: string | undefined, reason: MessageKey, params: Record<string, string | number> = {}): FieldProblem => ({
  field: `${sheet}!${columnLetter(column)}${row + 1}${header ? ` (${header})` : ""}`,
  reason,
  params: { row: row + 1, column: header ?? columnLetter(column), ...params },
});

const fromHeaderIssue = (issue: CatalogIssue): FieldProblem => ({
  field: issue.field,
  reason: issue.reason === "column_unknown" ? "answers_column_unknown" : "answers_column_missing",
  params: { ...(issue.row ? { row: issue.row } : {}), column: issue.column ?? "", ...(issue.params ?? {}) },
});

/** Reads an XLSX or CSV file of answers, checking it against the requirements and the scale. */
export async function readAnswersFile(bytes: Uint8Array, requirementIds: Set<string>, scale: number[]): Promise<Read> {
  let table: SheetTable;
  const workbook = await readWorkbook(bytes);
  if (workbook.ok) table = workbook.value.find((s) => s.name === ANSWERS_SHEET) ?? workbook.value[0] ?? { name: ANSWERS_SHEET, rows: [] };
  else {
    const text = bytes[0] === 0x50 && bytes[1] === 0x4b ? null : decodeCsv(bytes);
    if (text === null || !text.trim()) return { ok: false, problems: [{ field: "body.file", reason: "answers_file_not_spreadsheet" }] };
    table = { name: "CSV", rows: parseCsv(text) };
  }
  const located = locateHeader<Column>(table, { columns, required: ["requirementId", "status"], strict: true, searchRows: 5 });
  if (!located.ok) return { ok: false, problems: located.issues.map(fromHeaderIssue) };
  const { headerRow, columnOf, headerText } = located.header;
  const problems: FieldProblem[] = [];
  const answers: AnswerInput[] = [];
  const firstRowOf = new Map<string, number>();
  for (let r = headerRow + 1; r < table.rows.length; r++) {
    const cells = table.rows[r] ?? [];
    const cell = (key: Column) => {
      const index = columnOf[key];
      return index === undefined ? "" : (cells[index] ?? "").trim();
    };
    const at = (key: Column, reason: MessageKey, params?: Record<string, string | number>) =>
      problems.push(problem(table.name, r, columnOf[key]!, headerText[columnOf[key]!], reason, params));
    if (order.every((key) => cell(key) === "")) continue;
    const id = cell("requirementId");
    if (!id) at("requirementId", "answers_value_required");
    else if (!requirementIds.has(id)) at("requirementId", "requirement_unknown", { id });
    else if (firstRowOf.has(id)) at("requirementId", "requirement_repeated", { id });
    firstRowOf.set(id, r);
    const statusText = cell("status");
    // a requirement listed but not answered yet: left as it is
    if (!statusText && !cell("currentMaturity") && !cell("targetMaturity") && !cell("reason")) continue;
    const status = (answerStatuses as readonly string[]).includes(statusText) ? (statusText as AnswerInput["status"]) : statusWords[statusText.toLowerCase()];
    if (!statusText) at("status", "answers_value_required");
    else if (!status) at("status", "answers_status_unknown", { value: statusText, allowed: answerStatuses.join(", ") });
    const maturity = (key: "currentMaturity" | "targetMaturity") => {
      const value = cell(key);
      if (!value) return null;
      if (!/^\d+$/.test(value)) return at(key, "answers_number_expected", { value }), null;
      const n = Number(value);
      if (!scale.includes(n)) at(key, "maturity_off_scale", { values: scale.join(", ") });
      return n;
    };
    const currentMaturity = maturity("currentMaturity");
    const targetMaturity = maturity("targetMaturity");
    const reason = cell("reason") || null;
    if (status === "not_applicable" && !reason) {
      if (columnOf.reason === undefined) problems.push(problem(table.name, r, columnOf.status!, headerText[columnOf.status!], "not_applicable_reason_required"));
      else at("reason", "not_applicable_reason_required");
    }
    if (status) answers.push({ requirementId: id, status, reason, currentMaturity, targetMaturity, notes: cell("notes") || null });
  }
  if (problems.length) return { ok: false, problems: problems.slice(0, 50) };
  return { ok: true, answers };
}

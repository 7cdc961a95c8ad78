import ExcelJS from "exceljs";
import { type CatalogIssue, type ImportResult, failed, succeeded } from "./catalog-issues.ts";

/** A sheet reduced to text cells: rows[0] is spreadsheet row 1, cells[0] is column A. */
export interface SheetTable {
  name: string;
  rows: string[][];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Names a cell the way a spreadsheet user finds it: `Requisiti!C12 (title_it)`. */
export function cellIssue(
  sheet: string,
  rowIndex: number,
  columnIndex: number,
  header: string | undefined,
  reason: CatalogIssue["reason"],
  params?: CatalogIssue["params"],
): CatalogIssue {
  const column = columnLetter(columnIndex);
  return {
    field: `${sheet}!${column}${rowIndex + 1}${header ? ` (${header})` : ""}`,
    row: rowIndex + 1,
    column: header ?? column,
    reason,
    ...(params ? { params } : {}),
  };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  if ("error" in value) return "";
  return "";
}

/** Reads every sheet of an XLSX file as text; refuses anything that is not one. */
export async function readWorkbook(bytes: Uint8Array): Promise<ImportResult<SheetTable[]>> {
  const notSpreadsheet = failed<SheetTable[]>([{ field: "file", reason: "not_a_spreadsheet" }]);
  if (bytes.length < 4 || ZIP_MAGIC.some((byte, i) => bytes[i] !== byte)) return notSpreadsheet;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return notSpreadsheet;
  }
  return succeeded(
    workbook.worksheets.map((sheet) => {
      const rows: string[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row, number) => {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          cells[col - 1] = cellText(cell.value).replace(/\r\n?/g, "\n");
        });
        rows[number - 1] = Array.from(cells, (cell) => cell ?? "");
      });
      return { name: sheet.name, rows: Array.from(rows, (row) => row ?? []) };
    }),
  );
}

/** Writes sheets of text; the header row is bold and frozen so the file is pleasant to edit. */
export async function writeWorkbook(sheets: SheetTable[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Cittadella";
  for (const table of sheets) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: "frozen", ySplit: 1 }] });
    for (const row of table.rows) sheet.addRow(row);
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((column) => (column.width = 18));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** RFC 4180 CSV (comma or semicolon, as Italian Excel writes it), BOM tolerated. */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, "");
  const firstLine = source.slice(0, source.indexOf("\n") === -1 ? undefined : source.indexOf("\n"));
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === separator) row.push(field), (field = "");
    else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += char;
  }
  if (field !== "" || row.length) row.push(field), rows.push(row);
  return rows;
}

export function writeCsv(rows: string[][]): string {
  const quote = (value: string) => (/[",\n\r;]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return rows.map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n";
}

/** True when the bytes decode as UTF-8 text without NULs: what a CSV must at least be. */
export function decodeCsv(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

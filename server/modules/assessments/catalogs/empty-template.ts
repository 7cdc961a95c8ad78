import { type SheetTable, writeCsv, writeWorkbook } from "./spreadsheet.ts";
import { CATALOG_FORMAT_VERSION } from "./catalog-format.ts";
import { FRAMEWORK_KEYS, LEVEL_COLUMNS, MATURITY_COLUMNS, REQUIREMENT_COLUMNS, SHEETS } from "./template-columns.ts";

// The template with headers and nothing else, for someone writing a framework from scratch.

export function emptyTemplateSheets(): SheetTable[] {
  return [
    { name: SHEETS.framework, rows: [["key", "value"], ...FRAMEWORK_KEYS.map((key) => [key, key === "formatVersion" ? String(CATALOG_FORMAT_VERSION) : ""])] },
    { name: SHEETS.levels, rows: [[...LEVEL_COLUMNS]] },
    { name: SHEETS.maturity, rows: [[...MATURITY_COLUMNS]] },
    { name: SHEETS.requirements, rows: [[...REQUIREMENT_COLUMNS]] },
  ];
}

export const emptyTemplateXlsx = (): Promise<Uint8Array> => writeWorkbook(emptyTemplateSheets());
export const emptyTemplateCsv = (): string => writeCsv([[...REQUIREMENT_COLUMNS]]);

import type { Catalog, LocalizedText } from "./catalog-format.ts";
import { flattenRequirements } from "./catalog-tree.ts";
import { type SheetTable, writeCsv, writeWorkbook } from "./spreadsheet.ts";
import {
  FRAMEWORK_KEYS,
  LEVEL_COLUMNS,
  LIST_SEPARATOR,
  MAPPING_SEPARATOR,
  MATURITY_COLUMNS,
  REQUIREMENT_COLUMNS,
  SHEETS,
} from "./template-columns.ts";

const it = (text: LocalizedText | undefined) => text?.it ?? "";
const en = (text: LocalizedText | undefined) => text?.en ?? "";

export function requirementRows(catalog: Catalog): string[][] {
  const rows: string[][] = [[...REQUIREMENT_COLUMNS]];
  for (const { node, parentId } of flattenRequirements(catalog)) {
    rows.push([
      node.id,
      parentId ?? "",
      node.kind,
      it(node.title),
      en(node.title),
      it(node.guidance),
      en(node.guidance),
      // only the levels written on the node: inherited ones stay implicit, so the round trip is exact
      (node.levels ?? []).join(LIST_SEPARATOR),
      // likewise only an importance written on the node
      node.importance === undefined ? "" : String(node.importance),
      (node.mappings ?? []).map((m) => `${m.framework}${MAPPING_SEPARATOR}${m.requirementId}`).join(LIST_SEPARATOR),
    ]);
  }
  return rows;
}

export function templateSheets(catalog: Catalog): SheetTable[] {
  const framework: Record<(typeof FRAMEWORK_KEYS)[number], string> = {
    formatVersion: String(catalog.formatVersion),
    id: catalog.id,
    version: catalog.version,
    title_it: it(catalog.title),
    title_en: en(catalog.title),
    description_it: it(catalog.description),
    description_en: en(catalog.description),
    publisher: catalog.publisher,
    source_reference: catalog.source?.reference ?? "",
    source_url: catalog.source?.url ?? "",
  };
  return [
    { name: SHEETS.framework, rows: [["key", "value"], ...FRAMEWORK_KEYS.map((key) => [key, framework[key]])] },
    {
      name: SHEETS.levels,
      rows: [[...LEVEL_COLUMNS], ...(catalog.levels ?? []).map((l) => [l.id, it(l.title), en(l.title)])],
    },
    {
      name: SHEETS.maturity,
      rows: [
        [...MATURITY_COLUMNS],
        ...catalog.maturityScale.map((s) => [String(s.value), it(s.title), en(s.title), it(s.description), en(s.description)]),
      ],
    },
    { name: SHEETS.requirements, rows: requirementRows(catalog) },
  ];
}

/** The whole framework as an XLSX workbook (four sheets). */
export function exportTemplateXlsx(catalog: Catalog): Promise<Uint8Array> {
  return writeWorkbook(templateSheets(catalog));
}

/** The requirements as CSV; the framework's own data travels beside it (see importTemplateCsv). */
export function exportTemplateCsv(catalog: Catalog): string {
  return writeCsv(requirementRows(catalog));
}

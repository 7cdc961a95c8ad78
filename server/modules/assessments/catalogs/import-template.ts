import { type Catalog, type LocalizedText, type RequirementNode, validateCatalog } from "./catalog-format.ts";
import { type CatalogIssue, type ImportResult, failed } from "./catalog-issues.ts";
import { cellOf, isBlankRow, locateHeader } from "./sheet-header.ts";
import { type SheetTable, cellIssue, decodeCsv, parseCsv, readWorkbook } from "./spreadsheet.ts";
import {
  LEVEL_COLUMNS,
  LIST_SEPARATOR,
  MAPPING_SEPARATOR,
  MATURITY_COLUMNS,
  REQUIRED_REQUIREMENT_COLUMNS,
  REQUIREMENT_COLUMNS,
  type RequirementColumn,
  SHEETS,
} from "./template-columns.ts";

export type CatalogMeta = Omit<Catalog, "requirements">;

const columnsOf = <K extends string>(names: readonly K[]) =>
  Object.fromEntries(names.map((name) => [name, [name]])) as unknown as Record<K, readonly string[]>;

function text(it: string, en: string): LocalizedText | undefined {
  if (!it && !en) return undefined;
  return { ...(it ? { it } : {}), ...(en ? { en } : {}) };
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._()/-]{0,63}$/;

/** Rows of the requirements table -> the tree, each problem named by row and column. */
export function parseRequirementTable(
  table: SheetTable,
  declaredLevels: string[],
): ImportResult<{ requirements: RequirementNode[]; rowOf: Map<RequirementNode, number> }> {
  const located = locateHeader<RequirementColumn>(table, {
    columns: columnsOf(REQUIREMENT_COLUMNS),
    required: REQUIRED_REQUIREMENT_COLUMNS,
    strict: true,
    searchRows: 1,
  });
  if (!located.ok) return located;
  const { header } = located;
  const issues: CatalogIssue[] = [];
  const at = (r: number, key: RequirementColumn, reason: CatalogIssue["reason"], params?: CatalogIssue["params"]) =>
    issues.push(cellIssue(table.name, r, header.columnOf[key] ?? 0, key, reason, params));
  const byId = new Map<string, { node: RequirementNode; row: number }>();
  const roots: RequirementNode[] = [];
  const rowOf = new Map<RequirementNode, number>();
  for (let r = header.headerRow + 1; r < table.rows.length; r++) {
    const row = table.rows[r];
    if (isBlankRow(row)) continue;
    const get = (key: RequirementColumn) => cellOf(row, header, key);
    const id = get("id");
    if (!id) at(r, "id", "cell_required");
    else if (!ID_PATTERN.test(id)) at(r, "id", "invalid_id", { id });
    else if (byId.has(id)) at(r, "id", "duplicate_id", { id, firstRow: byId.get(id)!.row + 1 });
    const kind = get("kind");
    if (!kind) at(r, "kind", "cell_required");
    const title = text(get("title_it"), get("title_en"));
    if (!title) at(r, header.columnOf.title_it !== undefined ? "title_it" : "title_en", "cell_required");
    const levels = get("levels") ? get("levels").split(LIST_SEPARATOR).map((l) => l.trim()).filter(Boolean) : [];
    for (const level of levels)
      if (!declaredLevels.includes(level)) at(r, "levels", "level_unknown", { level, levels: declaredLevels.join(", ") || "-" });
    const mappings = (get("mappings") ? get("mappings").split(LIST_SEPARATOR) : []).map((value) => {
      const cut = value.indexOf(MAPPING_SEPARATOR);
      const framework = value.slice(0, cut).trim();
      const requirementId = value.slice(cut + 1).trim();
      if (cut < 1 || !requirementId) at(r, "mappings", "mapping_invalid", { value: value.trim() });
      return { framework, requirementId };
    });
    // a whole number here; its range (1-3) is checked with the rest of the catalog, naming the row
    const importanceCell = get("importance");
    const importance = importanceCell ? Number(importanceCell) : undefined;
    if (importance !== undefined && !Number.isInteger(importance)) at(r, "importance", "number_expected", { value: importanceCell });
    const parentId = get("parent_id");
    const parent = parentId ? byId.get(parentId) : undefined;
    if (parentId && !parent) at(r, "parent_id", "parent_unknown", { parent: parentId });
    if (!id || !kind || !title || byId.has(id)) continue;
    const node: RequirementNode = {
      id,
      kind,
      title,
      ...(text(get("guidance_it"), get("guidance_en")) ? { guidance: text(get("guidance_it"), get("guidance_en")) } : {}),
      ...(levels.length ? { levels } : {}),
      ...(importance !== undefined ? { importance } : {}),
      ...(mappings.length ? { mappings } : {}),
    };
    byId.set(id, { node, row: r });
    rowOf.set(node, r + 1);
    if (parent) (parent.node.children ??= []).push(node);
    else roots.push(node);
  }
  if (issues.length) return failed(issues);
  if (!roots.length) return failed([{ field: table.name, reason: "no_requirements" }]);
  return { ok: true, value: { requirements: roots, rowOf } };
}

/** Validates the assembled catalog, naming the spreadsheet row for problems found in a requirement. */
function finish(meta: CatalogMeta, requirements: RequirementNode[], rowOf: Map<RequirementNode, number>, sheet: string) {
  const result = validateCatalog({ ...meta, requirements });
  if (result.ok) return result;
  return failed<Catalog>(
    result.issues.map((issue) => {
      const match = /^requirements((?:\[\d+\](?:\.children)?)+)(.*)$/.exec(issue.field);
      if (!match) return issue;
      let nodes: RequirementNode[] | undefined = requirements;
      let node: RequirementNode | undefined;
      for (const index of match[1]!.matchAll(/\[(\d+)\]/g)) {
        node = nodes?.[Number(index[1])];
        nodes = node?.children;
      }
      const row = node ? rowOf.get(node) : undefined;
      return row ? { ...issue, field: `${sheet}!${row}${match[2] ? ` (${match[2].replace(/^\./, "")})` : ""}`, row } : issue;
    }),
  );
}

/** Our CSV template: the requirements table; `meta` gives what a CSV cannot carry (title, levels, scale). */
export function importTemplateCsv(bytes: Uint8Array, meta: CatalogMeta): ImportResult<Catalog> {
  const decoded = decodeCsv(bytes);
  if (decoded === null) return failed([{ field: "file", reason: "not_csv" }]);
  const table: SheetTable = { name: "csv", rows: parseCsv(decoded) };
  const parsed = parseRequirementTable(table, meta.levels?.map((l) => l.id) ?? []);
  if (!parsed.ok) return parsed;
  return finish(meta, parsed.value.requirements, parsed.value.rowOf, table.name);
}

function readKeyValues(table: SheetTable): Record<string, string> {
  return Object.fromEntries(table.rows.slice(1).map((row) => [(row[0] ?? "").trim(), (row[1] ?? "").trim()]));
}

function readRows<K extends string>(table: SheetTable, names: readonly K[], issues: CatalogIssue[]) {
  const located = locateHeader<K>(table, { columns: columnsOf(names), required: [names[0]!], strict: true, searchRows: 1 });
  if (!located.ok) return issues.push(...located.issues), [];
  return table.rows
    .slice(located.header.headerRow + 1)
    .map((row, offset) => ({ row: offset + 2, get: (key: K) => cellOf(row, located.header, key), blank: isBlankRow(row) }))
    .filter((row) => !row.blank);
}

/** Our XLSX template: sheets framework, levels, maturity, requirements (see docs/CATALOG-FORMAT.md). */
export async function importTemplateXlsx(bytes: Uint8Array): Promise<ImportResult<Catalog>> {
  const workbook = await readWorkbook(bytes);
  if (!workbook.ok) return workbook;
  const sheet = (name: string) => workbook.value.find((s) => s.name === name);
  const missing = Object.values(SHEETS).filter((name) => !sheet(name));
  if (missing.length) return failed(missing.map((name) => ({ field: name, reason: "sheet_missing", params: { sheet: name } })));
  const issues: CatalogIssue[] = [];
  const fw = readKeyValues(sheet(SHEETS.framework)!);
  const levels = readRows(sheet(SHEETS.levels)!, LEVEL_COLUMNS, issues).map((r) => ({
    id: r.get("id"),
    title: text(r.get("title_it"), r.get("title_en")),
  }));
  const maturityScale = readRows(sheet(SHEETS.maturity)!, MATURITY_COLUMNS, issues).map((r) => {
    const value = Number(r.get("value"));
    if (!Number.isInteger(value))
      issues.push(cellIssue(SHEETS.maturity, r.row - 1, 0, "value", "number_expected", { value: r.get("value") }));
    const description = text(r.get("description_it"), r.get("description_en"));
    return { value, title: text(r.get("title_it"), r.get("title_en")), ...(description ? { description } : {}) };
  });
  if (issues.length) return failed(issues);
  const description = text(fw.description_it ?? "", fw.description_en ?? "");
  const source = { ...(fw.source_reference ? { reference: fw.source_reference } : {}), ...(fw.source_url ? { url: fw.source_url } : {}) };
  const meta = {
    formatVersion: Number(fw.formatVersion),
    id: fw.id ?? "",
    version: fw.version ?? "",
    title: text(fw.title_it ?? "", fw.title_en ?? ""),
    ...(description ? { description } : {}),
    publisher: fw.publisher ?? "",
    ...(Object.keys(source).length ? { source } : {}),
    ...(levels.length ? { levels } : {}),
    maturityScale,
  } as CatalogMeta;
  const parsed = parseRequirementTable(sheet(SHEETS.requirements)!, levels.map((l) => l.id));
  if (!parsed.ok) return parsed;
  const result = finish(meta, parsed.value.requirements, parsed.value.rowOf, SHEETS.requirements);
  return result.ok ? result : failed(result.issues.map(toSheetField));
}

// Problems in the framework's own data point at the sheet and row where a person fixes them.
function toSheetField(issue: CatalogIssue): CatalogIssue {
  const list = /^(levels|maturityScale)\[(\d+)\]\.?(.*)$/.exec(issue.field);
  if (list) {
    const row = Number(list[2]) + 2;
    const sheet = list[1] === "levels" ? SHEETS.levels : SHEETS.maturity;
    return { ...issue, field: `${sheet}!${row}${list[3] ? ` (${list[3]})` : ""}`, row };
  }
  if (/^[a-zA-Z]+(\.|$)/.test(issue.field) && !issue.field.startsWith(`${SHEETS.requirements}!`))
    return { ...issue, field: `${SHEETS.framework}!${issue.field.replace(/\.(it|en)$/, "_$1")}` };
  return issue;
}

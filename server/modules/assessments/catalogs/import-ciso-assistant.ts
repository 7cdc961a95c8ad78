import { type Catalog, CATALOG_FORMAT_VERSION, type RequirementNode, validateCatalog } from "./catalog-format.ts";
import { type CatalogIssue, type ImportResult, failed } from "./catalog-issues.ts";
import { CAPABILITY_SCALE } from "./maturity-scales.ts";
import { cellOf, isBlankRow, locateHeader } from "./sheet-header.ts";
import { type SheetTable, cellIssue, readWorkbook } from "./spreadsheet.ts";

/**
 * The framework workbook of the open-source CISO Assistant libraries (sheets req_content, ig_content),
 * the layout of the public transcription of AgID's Misure minime. Implementation groups become our
 * applicability levels; `depth` gives the tree.
 */
export interface LibraryImportOptions {
  frameworkId: string;
  publisher: string;
  /** implementation-group code -> our level id, in increasing order of demand */
  levels: { code: string; id: string }[];
}

export const AGID_OPTIONS: LibraryImportOptions = {
  frameworkId: "agid-misure-minime",
  publisher: "AgID",
  levels: [
    { code: "M", id: "minimo" },
    { code: "S", id: "standard" },
    { code: "A", id: "alto" },
  ],
};

const COLUMNS = {
  refId: ["ref_id"],
  depth: ["depth"],
  groups: ["implementation_groups"],
  name: ["name"],
  description: ["description"],
  assessable: ["assessable"],
} as const;

const sheetNamed = (sheets: SheetTable[], name: string) => sheets.find((s) => s.name === name);

export async function importLibraryFramework(bytes: Uint8Array, options: LibraryImportOptions = AGID_OPTIONS): Promise<ImportResult<Catalog>> {
  const workbook = await readWorkbook(bytes);
  if (!workbook.ok) return workbook;
  const table = sheetNamed(workbook.value, "req_content");
  if (!table) return failed([{ field: "req_content", reason: "sheet_missing", params: { sheet: "req_content" } }]);
  const located = locateHeader<keyof typeof COLUMNS>(table, { columns: COLUMNS, required: ["refId", "depth"], strict: false, searchRows: 1 });
  if (!located.ok) return located;
  const { header } = located;
  const meta = Object.fromEntries((sheetNamed(workbook.value, "req_meta")?.rows ?? []).map((r) => [r[0] ?? "", r[1] ?? ""]));
  const issues: CatalogIssue[] = [];
  const seen = new Map<string, number>();
  const roots: RequirementNode[] = [];
  const stack: RequirementNode[] = [];
  for (let r = header.headerRow + 1; r < table.rows.length; r++) {
    const row = table.rows[r];
    if (isBlankRow(row)) continue;
    const get = (key: keyof typeof COLUMNS) => cellOf(row, header, key);
    const at = (key: keyof typeof COLUMNS, reason: CatalogIssue["reason"], params?: CatalogIssue["params"]) =>
      issues.push(cellIssue(table.name, r, header.columnOf[key] ?? 0, COLUMNS[key][0], reason, params));
    const id = get("refId");
    const depth = Number(get("depth"));
    if (!id) at("refId", "cell_required");
    else if (seen.has(id)) at("refId", "duplicate_id", { id, firstRow: seen.get(id)! + 1 });
    if (!Number.isInteger(depth) || depth < 1 || depth > stack.length + 1) at("depth", "number_expected", { value: get("depth") });
    const codes = get("groups") ? get("groups").split(",").map((c) => c.trim()) : [];
    const levels = codes.map((code) => {
      const level = options.levels.find((l) => l.code === code);
      if (!level) at("groups", "level_unknown", { level: code, levels: options.levels.map((l) => l.code).join(", ") });
      return level?.id ?? code;
    });
    if (!id || seen.has(id) || issues.length) continue;
    seen.set(id, r);
    const name = get("name");
    const description = get("description");
    const node: RequirementNode = {
      id,
      kind: depth === 1 ? "family" : "control",
      title: { it: name || description || id },
      ...(name && description ? { guidance: { it: description } } : {}),
      ...(levels.length ? { levels } : {}),
    };
    stack.length = depth - 1;
    const parent = stack[depth - 2];
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
    stack.push(node);
  }
  if (issues.length) return failed(issues);
  return validateCatalog({
    formatVersion: CATALOG_FORMAT_VERSION,
    id: options.frameworkId,
    version: meta.version || "1",
    title: { it: meta.name || options.frameworkId },
    publisher: options.publisher,
    levels: options.levels.map((l) => ({ id: l.id, title: { it: l.id } })),
    maturityScale: CAPABILITY_SCALE,
    requirements: roots,
  });
}

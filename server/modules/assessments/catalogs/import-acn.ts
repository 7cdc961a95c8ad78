import { type Catalog, CATALOG_FORMAT_VERSION, type RequirementNode, validateCatalog } from "./catalog-format.ts";
import { type CatalogIssue, type ImportResult, failed } from "./catalog-issues.ts";
import { CSF_TIERS } from "./maturity-scales.ts";
import { type LocatedHeader, cellOf, isBlankRow, locateHeader } from "./sheet-header.ts";
import { type SheetTable, cellIssue, readWorkbook } from "./spreadsheet.ts";

export const ACN_FRAMEWORK_ID = "acn-nis2-misure-base";
export const ACN_LEVELS = ["importanti", "essenziali"] as const;
export type AcnLevel = (typeof ACN_LEVELS)[number];

// Header texts of the 164179/2025 annexes, plus the variants we expect in the consolidated
// 379907/2025 edition (longer names, merged cells, one sheet with an applicability column).
const COLUMNS = {
  function: ["Funzione"],
  category: ["Categoria"],
  code: ["Codice", "Codice misura", "Misura (codice)", "ID misura", "Sottocategoria"],
  description: ["Descrizione", "Descrizione misura", "Misura"],
  point: ["Punto", "N.", "N", "Numero", "Numero requisito", "Punto requisito"],
  requirement: ["Requisito", "Requisiti", "Testo requisito", "Requisito di sicurezza"],
  policyArea: ["Ambiti politiche", "Ambito politiche", "Ambiti delle politiche"],
  importanti: ["Importanti", "Soggetti importanti"],
  essenziali: ["Essenziali", "Soggetti essenziali"],
  applicability: ["Applicabilità", "Soggetti", "Tipologia soggetto", "Soggetti NIS"],
} as const;
type Column = keyof typeof COLUMNS;

export interface AcnFile {
  bytes: Uint8Array;
  /** which annex this is; read from the sheet's title when not given */
  level?: AcnLevel;
}

interface AcnRow {
  fn: string;
  category: string;
  code: string;
  description: string;
  point: number;
  requirement: string;
  levels: AcnLevel[];
  where: string;
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();
const marked = (cell: string) => /^(x|sì|si|s|yes|y|✓|✔|1|true)$/i.test(cell.trim());

function levelsFromText(text: string): AcnLevel[] {
  const lower = text.toLowerCase();
  if (/tutti|entrambi/.test(lower)) return [...ACN_LEVELS];
  return ACN_LEVELS.filter((level) => lower.includes(level));
}

function findSheet(sheets: SheetTable[]) {
  const ordered = [...sheets].sort((a, b) => Number(/misure/i.test(b.name)) - Number(/misure/i.test(a.name)));
  let firstFailure: CatalogIssue[] | undefined;
  for (const table of ordered) {
    const located = locateHeader<Column>(table, { columns: COLUMNS, required: ["code", "point", "requirement"], strict: false, searchRows: 15 });
    if (located.ok) return { table, header: located.header };
    firstFailure ??= located.issues;
  }
  return { issues: firstFailure ?? [{ field: "file", reason: "no_requirements" as const }] };
}

function readRows(table: SheetTable, header: LocatedHeader<Column>, fileLevel: AcnLevel[], issues: CatalogIssue[]): AcnRow[] {
  const out: AcnRow[] = [];
  let last = { fn: "", category: "", code: "", description: "" };
  for (let r = header.headerRow + 1; r < table.rows.length; r++) {
    const row = table.rows[r];
    if (isBlankRow(row)) continue;
    const get = (key: Column) => cellOf(row, header, key);
    const at = (key: Column, reason: CatalogIssue["reason"], params?: CatalogIssue["params"]) =>
      issues.push(cellIssue(table.name, r, header.columnOf[key] ?? 0, header.headerText[header.columnOf[key] ?? 0], reason, params));
    // Merged cells in the consolidated edition leave these blank below the first row of a measure.
    const code = get("code") || last.code;
    const fn = get("function") || (get("code") ? code.split(".")[0]! : last.fn);
    const category = get("category") || (get("code") ? code.split("-")[0]! : last.category);
    const description = get("description") || (get("code") ? "" : last.description);
    last = { fn, category, code, description };
    const pointText = get("point");
    const requirement = get("requirement");
    if (!code) at("code", "cell_required");
    else if (!/^[A-Z]{2}\.[A-Z]{2}-\d{2}$/.test(code)) at("code", "invalid_id", { id: code });
    if (!/^\d+$/.test(pointText)) at("point", pointText ? "number_expected" : "cell_required", { value: pointText });
    if (!requirement) at("requirement", "cell_required");
    let levels = fileLevel;
    if (header.columnOf.importanti !== undefined || header.columnOf.essenziali !== undefined)
      levels = ACN_LEVELS.filter((level) => marked(get(level)));
    else if (header.columnOf.applicability !== undefined) levels = levelsFromText(get("applicability"));
    if (!levels.length) issues.push(cellIssue(table.name, r, 0, undefined, "level_undetermined"));
    out.push({ fn, category, code, description, point: Number(pointText), requirement, levels, where: `${table.name}!${r + 1}` });
  }
  return out;
}

/** Builds function > category > measure > requirement, each measure mapped to its CSF 2.0 subcategory. */
function buildTree(rows: AcnRow[], issues: CatalogIssue[]): RequirementNode[] {
  const roots: RequirementNode[] = [];
  const nodes = new Map<string, RequirementNode>();
  const firstSeen = new Map<string, string>();
  const child = (parent: RequirementNode[] | undefined, id: string, make: () => RequirementNode, into: RequirementNode[]) => {
    let node = nodes.get(id);
    if (!node) (node = make()), nodes.set(id, node), (parent ?? into).push(node);
    return node;
  };
  for (const row of rows) {
    const fn = child(undefined, row.fn, () => ({ id: row.fn, kind: "function", title: { it: row.fn } }), roots);
    const category = child((fn.children ??= []), row.category, () => ({ id: row.category, kind: "category", title: { it: row.category } }), roots);
    const measure = child(
      (category.children ??= []),
      row.code,
      () => ({
        id: row.code,
        kind: "measure",
        title: { it: squash(row.description) || row.code },
        mappings: [{ framework: "nist-csf-2.0", requirementId: row.code }],
      }),
      roots,
    );
    if (row.description && squash(row.description) !== measure.title.it)
      issues.push({ field: row.where, reason: "measure_changed", params: { id: row.code, firstRow: firstSeen.get(row.code) ?? "?" } });
    firstSeen.set(row.code, firstSeen.get(row.code) ?? row.where);
    const id = `${row.code}.${row.point}`;
    const existing = nodes.get(id);
    if (existing) {
      if (existing.title.it !== squash(row.requirement)) issues.push({ field: row.where, reason: "requirement_changed", params: { id } });
      existing.levels = ACN_LEVELS.filter((level) => existing.levels?.includes(level) || row.levels.includes(level));
      continue;
    }
    child((measure.children ??= []), id, () => ({ id, kind: "requirement", title: { it: squash(row.requirement) }, levels: [...row.levels] }), roots);
  }
  return roots;
}

/** Parents apply where any child applies; `levels` is written only when narrower than the framework. */
export function settleLevels(nodes: RequirementNode[], all: readonly string[]): string[] {
  const union = new Set<string>();
  for (const node of nodes) {
    const own = node.children?.length ? settleLevels(node.children, all) : (node.levels ?? [...all]);
    own.forEach((level) => union.add(level));
    if (own.length === all.length) delete node.levels;
    else node.levels = all.filter((level) => own.includes(level));
  }
  return all.filter((level) => union.has(level));
}

/** One or both ACN annexes (either edition) -> one framework with the levels "importanti" and "essenziali". */
export async function importAcnMeasures(files: AcnFile[]): Promise<ImportResult<Catalog>> {
  const issues: CatalogIssue[] = [];
  const rows: AcnRow[] = [];
  for (const [index, file] of files.entries()) {
    const prefix = files.length > 1 ? `file ${index + 1}: ` : "";
    const workbook = await readWorkbook(file.bytes);
    if (!workbook.ok) {
      issues.push(...workbook.issues.map((i) => ({ ...i, field: prefix + i.field })));
      continue;
    }
    const found = findSheet(workbook.value);
    if ("issues" in found) {
      issues.push(...found.issues!.map((i) => ({ ...i, field: prefix + i.field })));
      continue;
    }
    const title = found.table.rows.slice(0, found.header.headerRow).flat().join(" ");
    const fileLevel = file.level ? [file.level] : levelsFromText(title).slice(0, 1);
    const fileIssues: CatalogIssue[] = [];
    rows.push(...readRows(found.table, found.header, fileLevel, fileIssues).map((r) => ({ ...r, where: prefix + r.where })));
    issues.push(...fileIssues.map((i) => ({ ...i, field: prefix + i.field })));
  }
  if (issues.length) return failed(issues);
  // The essential measures are a superset: reading that annex first keeps the official order.
  const requirements = buildTree(groupByLevelFirst(rows), issues);
  if (issues.length) return failed(issues);
  if (!requirements.length) return failed([{ field: "file", reason: "no_requirements" }]);
  settleLevels(requirements, ACN_LEVELS);
  return validateCatalog({
    formatVersion: CATALOG_FORMAT_VERSION,
    id: ACN_FRAMEWORK_ID,
    version: "2025",
    title: { it: "Misure di sicurezza di base NIS (ACN)" },
    publisher: "Agenzia per la cybersicurezza nazionale",
    levels: [
      { id: "importanti", title: { it: "Soggetti importanti" } },
      { id: "essenziali", title: { it: "Soggetti essenziali" } },
    ],
    maturityScale: CSF_TIERS,
    requirements,
  });
}

// Rows of the essential annex first (in their own order), then any row only the other annex has.
function groupByLevelFirst(rows: AcnRow[]): AcnRow[] {
  const essential = rows.filter((r) => r.levels.includes("essenziali"));
  return [...essential, ...rows.filter((r) => !r.levels.includes("essenziali"))];
}

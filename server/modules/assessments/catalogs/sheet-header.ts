import type { CatalogIssue } from "./catalog-issues.ts";
import { type SheetTable, cellIssue } from "./spreadsheet.ts";

const normalise = (text: string) => text.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();

export interface HeaderSpec<K extends string> {
  /** each key with the header texts accepted for it (any edition of a file), compared case-insensitively */
  columns: Record<K, readonly string[]>;
  required: readonly K[];
  /** refuse columns that are not in `columns` (our own template); official files may carry extras */
  strict: boolean;
  /** how many rows to look through for the header (official files put a title above it) */
  searchRows: number;
}

export interface LocatedHeader<K extends string> {
  headerRow: number;
  columnOf: Partial<Record<K, number>>;
  headerText: string[];
}

/** Finds the header row holding every required column; names the missing or unexpected ones. */
export function locateHeader<K extends string>(
  table: SheetTable,
  spec: HeaderSpec<K>,
): { ok: true; header: LocatedHeader<K> } | { ok: false; issues: CatalogIssue[] } {
  const keys = Object.keys(spec.columns) as K[];
  let best: { row: number; found: number } | undefined;
  for (let r = 0; r < Math.min(spec.searchRows, table.rows.length); r++) {
    const cells = (table.rows[r] ?? []).map(normalise);
    const columnOf: Partial<Record<K, number>> = {};
    for (const key of keys) {
      const index = cells.findIndex((cell) => spec.columns[key].some((alias) => normalise(alias) === cell));
      if (index >= 0) columnOf[key] = index;
    }
    const found = spec.required.filter((key) => columnOf[key] !== undefined).length;
    if (found > (best?.found ?? 0)) best = { row: r, found };
    if (found < spec.required.length) continue;
    const issues: CatalogIssue[] = [];
    if (spec.strict) {
      const allowed = keys.map((key) => spec.columns[key][0]).join(", ");
      cells.forEach((cell, index) => {
        if (cell && !Object.values(columnOf).includes(index))
          issues.push(cellIssue(table.name, r, index, undefined, "column_unknown", { column: table.rows[r]![index]!, allowed }));
      });
    }
    if (issues.length) return { ok: false, issues };
    return { ok: true, header: { headerRow: r, columnOf, headerText: table.rows[r]! } };
  }
  // Name each required column that is absent from the row that came closest to being the header.
  const row = best?.row ?? 0;
  const cells = (table.rows[row] ?? []).map(normalise);
  const missing = spec.required.filter((key) => !cells.some((cell) => spec.columns[key].some((a) => normalise(a) === cell)));
  return {
    ok: false,
    issues: missing.map((key) => ({
      field: `${table.name}!${row + 1}`,
      row: row + 1,
      column: spec.columns[key][0]!,
      reason: "column_missing" as const,
      params: { column: spec.columns[key][0]! },
    })),
  };
}

/** Reads one cell of a data row by column key; "" when the column is absent or the cell empty. */
export function cellOf<K extends string>(row: string[] | undefined, header: LocatedHeader<K>, key: K): string {
  const index = header.columnOf[key];
  return index === undefined ? "" : (row?.[index] ?? "").trim();
}

export function isBlankRow(row: string[] | undefined): boolean {
  return !row || row.every((cell) => cell.trim() === "");
}

import type { Schemas } from "../../api/types.ts";
import type { LocalizedText } from "./catalogs.ts";

// The coordinator view's reply turned into table rows: one per shared assessment (an entity shares
// at most one per framework, level and scope), filtered by framework and sorted by any column.

type Reply = Schemas["CoordinatedAssessments"];
type Shared = Reply["items"][number]["assessments"][number];

export interface CoordinatedRow extends Omit<Shared, "functions"> {
  orgId: string;
  entity: string;
  /** compliance % by function id */
  functions: Record<string, number | null>;
}

export interface FunctionColumn {
  id: string;
  title: LocalizedText;
}

export type SortKey = "entity" | "framework" | "level" | "approvedAt" | "overall" | `fn:${string}`;
export interface Sort {
  key: SortKey;
  descending: boolean;
}

export function rowsOf(reply: Reply): CoordinatedRow[] {
  return reply.items.flatMap(({ organisation, assessments }) =>
    assessments.map(({ functions, ...a }) => ({
      ...a,
      orgId: organisation.id,
      entity: organisation.name,
      functions: Object.fromEntries(functions.map((f) => [f.id, f.compliancePercent])),
    })),
  );
}

/** The entities listed by the coordinator that shared nothing (yet). */
export function notSharing(reply: Reply): string[] {
  return reply.items.filter((i) => i.assessments.length === 0).map((i) => i.organisation.name);
}

/** The functions of the rows shown, in the order the frameworks list them. */
export function functionColumns(reply: Reply, frameworkId: string | null): FunctionColumn[] {
  const seen = new Map<string, FunctionColumn>();
  for (const item of reply.items) {
    for (const a of item.assessments) {
      if (frameworkId && a.frameworkId !== frameworkId) continue;
      for (const f of a.functions) if (!seen.has(f.id)) seen.set(f.id, { id: f.id, title: f.title });
    }
  }
  return [...seen.values()];
}

function valueOf(row: CoordinatedRow, key: SortKey): string | number | null {
  if (key === "entity") return row.entity;
  if (key === "framework") return row.frameworkId;
  if (key === "level") return row.level;
  if (key === "approvedAt") return row.approvedAt;
  if (key === "overall") return row.compliancePercent;
  return row.functions[key.slice(3)] ?? null;
}

/** Sorted copy; rows without a figure always go last, whatever the direction, then by entity name. */
export function sortRows(rows: CoordinatedRow[], sort: Sort, locale: string): CoordinatedRow[] {
  const byName = (a: CoordinatedRow, b: CoordinatedRow) => a.entity.localeCompare(b.entity, locale);
  return [...rows].sort((a, b) => {
    const x = valueOf(a, sort.key);
    const y = valueOf(b, sort.key);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), locale);
    return (sort.descending ? -order : order) || byName(a, b);
  });
}

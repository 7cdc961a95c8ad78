import { and, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/pagination.ts";
import { invalidField } from "../../platform/http/errors.ts";
import { intelAdvisories, intelIndicators, intelItemCommunities, intelItems } from "./intel.tables.ts";
import type { ListItemsQuery } from "./intel.schemas.ts";
import { loadItems, type ItemRecord } from "./item-records.ts";
import { visibleItemsWhere, type Viewer } from "./tlp.ts";

// Lists and search. TLP is applied in the database by the same rule as for one item
// (visibleItemsWhere), so a page is never short of or beyond what the caller may see.
// Newest first, with a keyset cursor on (createdAt, id).

export type ListFilters = Partial<Omit<ListItemsQuery, "includeExpired" | "includeRevoked" | "limit">> & {
  includeExpired?: "true" | "false";
  includeRevoked?: "true" | "false";
  limit: number;
};

export function filtersWhere(viewer: Viewer, query: ListFilters, now = new Date()): SQL {
  const i = intelItems;
  const where: (SQL | undefined)[] = [visibleItemsWhere(viewer)];
  if (query.kind) where.push(eq(i.kind, query.kind));
  if (query.tlp) where.push(eq(i.tlp, query.tlp));
  if (query.severity) where.push(sql`exists (select 1 from ${intelAdvisories} where ${intelAdvisories.itemId} = ${i.id} and ${intelAdvisories.severity} = ${query.severity})`);
  if (query.indicatorType) where.push(sql`exists (select 1 from ${intelIndicators} where ${intelIndicators.itemId} = ${i.id} and ${intelIndicators.type} = ${query.indicatorType})`);
  if (query.communityId) {
    const c = intelItemCommunities;
    where.push(sql`exists (select 1 from ${c} where ${c.itemId} = ${i.id} and ${c.communityId} = ${query.communityId})`);
  }
  if (query.from) where.push(gte(i.createdAt, new Date(query.from)));
  if (query.to) where.push(lt(i.createdAt, new Date(query.to)));
  if (query.q) {
    where.push(sql`${i.searchVector} @@ (websearch_to_tsquery('italian', ${query.q}) || websearch_to_tsquery('english', ${query.q}))`);
  }
  // expired indicators (and advisories past their validity) are not served unless asked for
  if (query.includeExpired !== "true") where.push(or(sql`${i.validUntil} is null`, sql`${i.validUntil} > ${now.toISOString()}::timestamptz`));
  if (query.includeRevoked !== "true") where.push(sql`${i.status} <> 'revoked'`);
  return and(...where)!;
}

export async function listItems(db: DbOrTx, viewer: Viewer, query: ListFilters): Promise<{ records: ItemRecord[]; nextCursor: string | null }> {
  const i = intelItems;
  const cursor = decodeCursor(query.cursor);
  const wellFormed = cursor?.length === 2 && !Number.isNaN(Date.parse(String(cursor[0]))) && /^[0-9a-f-]{36}$/.test(String(cursor[1]));
  if (query.cursor && !wellFormed) throw invalidField("query.cursor", "cursor_invalid");
  const after = cursor ? sql`(${i.createdAt}, ${i.id}) < (${String(cursor[0])}::timestamptz, ${String(cursor[1])}::uuid)` : undefined;
  const rows = await db
    .select({ id: i.id, createdAt: i.createdAt })
    .from(i)
    .where(and(filtersWhere(viewer, query), after))
    .orderBy(desc(i.createdAt), desc(i.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null;
  return { records: await loadItems(db, page.map((r) => r.id)), nextCursor };
}

import { and, desc, eq, gt, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client.ts";
import { intelItemCommunities, intelItems } from "../intel.tables.ts";
import { loadItems } from "../item-records.ts";
import { visibleItemsWhere, type Viewer } from "../tlp.ts";
import { exportBundle, type StixBundle } from "../stix/index.ts";
import { sharedItemsOf } from "./shared-items.ts";

// The bundle export: the items the caller may see (TLP predicate of the core), never drafts,
// expired indicators only when asked, newest versions first.

export interface ExportFilters {
  kind?: "advisory" | "indicator" | "experience_report" | undefined;
  tlp?: string | undefined;
  communityId?: string | undefined;
  modifiedSince?: string | undefined;
  includeExpired?: boolean | undefined;
  limit: number;
}

export async function exportVisibleBundle(db: DbOrTx, viewer: Viewer, filters: ExportFilters): Promise<StixBundle> {
  const i = intelItems;
  const where: SQL[] = [visibleItemsWhere(viewer), ne(i.status, "draft")];
  if (filters.kind) where.push(eq(i.kind, filters.kind));
  if (filters.tlp) where.push(eq(i.tlp, filters.tlp));
  if (filters.modifiedSince) where.push(gt(i.modifiedAt, new Date(filters.modifiedSince)));
  if (!filters.includeExpired) where.push(or(isNull(i.validUntil), gt(i.validUntil, new Date()))!);
  if (filters.communityId) {
    const c = intelItemCommunities;
    where.push(sql`exists (select 1 from ${c} where ${c.itemId} = ${i.id} and ${c.communityId} = ${filters.communityId})`);
  }
  const rows = await db.select({ id: i.id }).from(i).where(and(...where)).orderBy(desc(i.modifiedAt), desc(i.id)).limit(filters.limit);
  const records = await loadItems(db, rows.map((r) => r.id));
  return exportBundle(await sharedItemsOf(db, viewer, records));
}

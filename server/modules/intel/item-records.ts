import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { organisations } from "../identity/identity.tables.ts";
import {
  intelAdvisories,
  intelAdvisoryIndicators,
  intelAdvisoryProducts,
  intelExperienceReports,
  intelIndicators,
  intelItemCommunities,
  intelItemRecipientOrgs,
  intelItemRecipientUsers,
  intelItems,
} from "./intel.tables.ts";
import type { Sharing } from "./tlp.ts";

// Loading items with everything their policy and presenter need, for one or a page of them:
// one query per table whatever the number of items.

export type ItemRow = typeof intelItems.$inferSelect;
export type AdvisoryRecord = typeof intelAdvisories.$inferSelect & { products: (typeof intelAdvisoryProducts.$inferSelect)[]; indicatorIds: string[] };

export interface ItemRecord {
  row: ItemRow;
  sharing: Sharing;
  authorOrgName: string | null;
  advisory: AdvisoryRecord | null;
  indicator: typeof intelIndicators.$inferSelect | null;
  report: typeof intelExperienceReports.$inferSelect | null;
}

const group = <T, K extends keyof T>(rows: T[], key: K) => {
  const map = new Map<T[K], T[]>();
  for (const row of rows) map.set(row[key], [...(map.get(row[key]) ?? []), row]);
  return map;
};

export async function loadItems(db: DbOrTx, ids: string[], lock = false): Promise<ItemRecord[]> {
  if (!ids.length) return [];
  const query = db.select().from(intelItems).where(inArray(intelItems.id, ids));
  const rows = lock ? await query.for("update") : await query;
  if (!rows.length) return [];
  const found = rows.map((r) => r.id);
  // one after the other: a transaction's connection runs one query at a time
  const communities = await db.select().from(intelItemCommunities).where(inArray(intelItemCommunities.itemId, found));
  const recipientOrgs = await db.select().from(intelItemRecipientOrgs).where(inArray(intelItemRecipientOrgs.itemId, found));
  const recipientUsers = await db.select().from(intelItemRecipientUsers).where(inArray(intelItemRecipientUsers.itemId, found));
  const advisories = await db.select().from(intelAdvisories).where(inArray(intelAdvisories.itemId, found));
  const products = await db.select().from(intelAdvisoryProducts).where(inArray(intelAdvisoryProducts.itemId, found));
  const links = await db.select().from(intelAdvisoryIndicators).where(inArray(intelAdvisoryIndicators.advisoryId, found));
  const indicators = await db.select().from(intelIndicators).where(inArray(intelIndicators.itemId, found));
  const reports = await db.select().from(intelExperienceReports).where(inArray(intelExperienceReports.itemId, found));
  const authorIds = [...new Set(rows.map((r) => r.authorOrgId).filter((id): id is string => id !== null))];
  const names = authorIds.length ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, authorIds)) : [];
  const byCommunity = group(communities, "itemId");
  const byOrg = group(recipientOrgs, "itemId");
  const byUser = group(recipientUsers, "itemId");
  const byProduct = group(products, "itemId");
  const byLink = group(links, "advisoryId");
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    .map((row) => {
      const advisory = advisories.find((a) => a.itemId === row.id);
      return {
        row,
        sharing: {
          id: row.id,
          tlp: row.tlp,
          status: row.status,
          authorOrgId: row.authorOrgId,
          authorTag: row.authorTag,
          providersAllowed: row.providersAllowed,
          communityIds: (byCommunity.get(row.id) ?? []).map((c) => c.communityId),
          recipientOrgIds: (byOrg.get(row.id) ?? []).map((o) => o.orgId),
          recipientUserIds: (byUser.get(row.id) ?? []).map((u) => u.userId),
        },
        authorOrgName: names.find((n) => n.id === row.authorOrgId)?.name ?? null,
        advisory: advisory ? { ...advisory, products: byProduct.get(row.id) ?? [], indicatorIds: (byLink.get(row.id) ?? []).map((l) => l.indicatorId) } : null,
        indicator: indicators.find((i) => i.itemId === row.id) ?? null,
        report: reports.find((r) => r.itemId === row.id) ?? null,
      };
    });
}

export async function loadItem(db: DbOrTx, id: string, lock = false): Promise<ItemRecord | undefined> {
  const [record] = await loadItems(db, [id], lock);
  return record;
}

/** Replaces who an item is shared with. */
export async function writeSharing(tx: DbOrTx, itemId: string, sharing: { communityIds: string[]; recipientOrgIds: string[]; recipientUserIds: string[] }) {
  await tx.delete(intelItemCommunities).where(eq(intelItemCommunities.itemId, itemId));
  await tx.delete(intelItemRecipientOrgs).where(eq(intelItemRecipientOrgs.itemId, itemId));
  await tx.delete(intelItemRecipientUsers).where(eq(intelItemRecipientUsers.itemId, itemId));
  if (sharing.communityIds.length) await tx.insert(intelItemCommunities).values(sharing.communityIds.map((communityId) => ({ itemId, communityId })));
  if (sharing.recipientOrgIds.length) await tx.insert(intelItemRecipientOrgs).values(sharing.recipientOrgIds.map((orgId) => ({ itemId, orgId })));
  if (sharing.recipientUserIds.length) await tx.insert(intelItemRecipientUsers).values(sharing.recipientUserIds.map((userId) => ({ itemId, userId })));
}

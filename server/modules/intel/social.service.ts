import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { organisations } from "../identity/identity.tables.ts";
import { authorTag, coarseTime } from "./anonymity.ts";
import { intelComments, intelSightings } from "./intel.tables.ts";
import { auditItem, authorizeItem, type Caller } from "./items.service.ts";

// Sightings ("we saw this too") and comments on an item: whoever sees the item sees them.
// A sighting is counted once per organisation (more sightings add to its count) and stored under
// a keyed hash of organisation and item, so it can never be shown who saw what.

export async function sightingsOf(db: Db, caller: Caller, itemId: string) {
  await authorizeItem(db, caller, itemId, "read");
  const [row] = await db
    .select({ organisations: sql<number>`count(*)::int`, total: sql<number>`coalesce(sum(${intelSightings.count}), 0)::int` })
    .from(intelSightings)
    .where(eq(intelSightings.itemId, itemId));
  return { organisations: row?.organisations ?? 0, total: row?.total ?? 0 };
}

export async function addSighting(db: Db, caller: Caller, itemId: string, count: number) {
  await db.transaction(async (tx) => {
    const record = await authorizeItem(tx, caller, itemId, "sight");
    // a different derivation from the author tag, so a sighting never matches an authorship
    const sighterTag = authorTag(caller.viewer.orgKey!, `sighting:${itemId}`);
    await tx
      .insert(intelSightings)
      .values({ itemId, sighterTag, count })
      .onConflictDoUpdate({ target: [intelSightings.itemId, intelSightings.sighterTag], set: { count: sql`${intelSightings.count} + ${count}` } });
    // the audit log records that the organisation reported a sighting, not of which item
    await auditItem(tx, caller, { ...record.row, anonymous: true }, "intel.sighting.add", {});
  });
  return sightingsOf(db, caller, itemId);
}

export type CommentRow = typeof intelComments.$inferSelect;

export async function listComments(db: Db, caller: Caller, itemId: string) {
  await authorizeItem(db, caller, itemId, "read");
  return db.select().from(intelComments).where(eq(intelComments.itemId, itemId)).orderBy(asc(intelComments.createdAt), asc(intelComments.id));
}

export async function addComment(db: Db, caller: Caller, itemId: string, input: { body: string; anonymous: boolean }) {
  return db.transaction(async (tx) => {
    const record = await authorizeItem(tx, caller, itemId, "comment");
    const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, caller.viewer.orgId!));
    const author = input.anonymous
      ? { authorOrgId: null, authorUserId: null, authorName: null, authorOrgName: null, createdAt: coarseTime(new Date()) }
      : { authorOrgId: caller.viewer.orgId, authorUserId: caller.actor.userId, authorName: caller.actor.name, authorOrgName: org?.name ?? null };
    const [row] = await tx
      .insert(intelComments)
      .values({ itemId, stixId: `note--${randomUUID()}`, body: input.body, anonymous: input.anonymous, ...author })
      .returning();
    await auditItem(tx, caller, { ...record.row, anonymous: record.row.anonymous || input.anonymous }, "intel.comment.add", { commentId: row!.id });
    return row!;
  });
}

export function presentComment(row: CommentRow) {
  return {
    id: row.id,
    stixId: row.stixId,
    body: row.body,
    anonymous: row.anonymous,
    author: row.anonymous ? null : { orgName: row.authorOrgName, name: row.authorName },
    createdAt: row.createdAt.toISOString(),
  };
}

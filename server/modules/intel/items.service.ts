import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import { publishEvent } from "../../platform/jobs/queue.ts";
import { ITEM_CHANGED_EVENT } from "./intel-events.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { safeEqual } from "../../platform/auth/tokens.ts";
import { invalidField } from "../../platform/http/errors.ts";
import { organisations, users } from "../identity/identity.tables.ts";
import { authorTag, coarseTime, editKeyHash, newEditKey } from "./anonymity.ts";
import { itemPolicy, type ItemAccess } from "./intel.policy.ts";
import { intelItems } from "./intel.tables.ts";
import type { SharingInput } from "./intel.schemas.ts";
import { loadItem, writeSharing, type ItemRecord, type ItemRow } from "./item-records.ts";
import { visibleItemsWhere, type Viewer } from "./tlp.ts";

// What every kind of shared item has in common: who it is shared with, who wrote it (or the keyed
// hash that stands for an anonymous author), its STIX id and version, and its lifecycle.

type ItemAction = "read" | "update" | "share" | "publish" | "withdraw" | "sight" | "comment";
const stixTypes = { advisory: "report", indicator: "indicator", experience_report: "incident" } as const;
export type ItemKind = keyof typeof stixTypes;

/** The caller as the item services need it. */
export interface Caller {
  actor: Actor;
  viewer: Viewer;
  /** the x-intel-edit-key header, if sent */
  editKey?: string | undefined;
  audit: AuditContext;
}

/** Checks the sharing against its TLP level: the lists a level uses must be there, the others empty. */
export async function checkSharing(tx: DbOrTx, viewer: Viewer, input: SharingInput, field = "body.sharing"): Promise<SharingInput> {
  const { tlp } = input;
  const needs = { communityIds: tlp === "green", recipientOrgIds: tlp === "amber" || tlp === "amber+strict", recipientUserIds: tlp === "red" };
  const reasons = { communityIds: "tlp_needs_communities", recipientOrgIds: "tlp_needs_recipient_orgs", recipientUserIds: "tlp_needs_recipient_users" } as const;
  for (const list of ["communityIds", "recipientOrgIds", "recipientUserIds"] as const) {
    if (needs[list] && input[list].length === 0) throw invalidField(`${field}.${list}`, reasons[list], { tlp });
    // communities may accompany any level (they are how members browse); recipients may not
    if (list !== "communityIds" && !needs[list] && input[list].length > 0) throw invalidField(`${field}.${list}`, "tlp_field_not_applicable", { tlp });
  }
  if (input.providersAllowed && tlp !== "amber") throw invalidField(`${field}.providersAllowed`, "tlp_field_not_applicable", { tlp });
  const notJoined = input.communityIds.find((c) => !viewer.communityIds.includes(c));
  if (notJoined) throw invalidField(`${field}.communityIds`, "community_not_joined", { id: notJoined });
  const orgIds = [...new Set(input.recipientOrgIds)];
  if (orgIds.length) {
    const found = await tx.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, orgIds));
    const missing = orgIds.find((id) => !found.some((f) => f.id === id));
    if (missing) throw invalidField(`${field}.recipientOrgIds`, "organisation_unknown", { id: missing });
  }
  const userIds = [...new Set(input.recipientUserIds)];
  if (userIds.length) {
    const found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, userIds));
    const missing = userIds.find((id) => !found.some((f) => f.id === id));
    if (missing) throw invalidField(`${field}.recipientUserIds`, "user_unknown", { id: missing });
  }
  return { ...input, communityIds: [...new Set(input.communityIds)], recipientOrgIds: orgIds, recipientUserIds: userIds };
}

export interface NewItem {
  kind: ItemKind;
  title: string;
  status: "draft" | "published";
  anonymous: boolean;
  validUntil: Date | null;
  searchText: string;
}

/**
 * Writes the shared part of a new item; returns its id and, when anonymous, the edit key (shown
 * once). `sameKeyAs` lets a batch of anonymous items share one key.
 */
export async function insertItem(tx: DbOrTx, caller: Caller, item: NewItem, sharing: SharingInput, sameKeyAs?: string | null) {
  const id = randomUUID();
  const now = new Date();
  const editKey = item.anonymous ? (sameKeyAs ?? newEditKey()) : null;
  const authorship = item.anonymous
    ? { authorOrgId: null, authorUserId: null, authorTag: authorTag(caller.viewer.orgKey!, id), editKeyHash: editKeyHash(editKey!), createdAt: coarseTime(now), modifiedAt: coarseTime(now) }
    : { authorOrgId: caller.viewer.orgId, authorUserId: caller.actor.userId, authorTag: null, editKeyHash: null, createdAt: now, modifiedAt: now };
  await tx.insert(intelItems).values({
    id,
    kind: item.kind,
    stixId: `${stixTypes[item.kind]}--${randomUUID()}`,
    tlp: sharing.tlp,
    status: item.status,
    title: item.title,
    anonymous: item.anonymous,
    providersAllowed: sharing.providersAllowed,
    validUntil: item.validUntil,
    searchText: item.searchText,
    ...authorship,
  });
  await writeSharing(tx, id, sharing);
  return { id, editKey };
}

export function holdsEditKey(row: Pick<ItemRow, "editKeyHash">, editKey: string | undefined): boolean {
  return row.editKeyHash !== null && editKey !== undefined && safeEqual(editKeyHash(editKey), row.editKeyHash);
}

export function accessOf(caller: Pick<Caller, "viewer" | "editKey">, record: ItemRecord): ItemAccess {
  return { sharing: record.sharing, viewer: caller.viewer, holdsEditKey: holdsEditKey(record.row, caller.editKey) };
}

/** The item when the caller may act on it: 404 when TLP hides it, 403 when it may not act. */
export async function authorizeItem(db: DbOrTx, caller: Caller, itemId: string, action: ItemAction, lock = false): Promise<ItemRecord> {
  const record = await loadItem(db, itemId, lock);
  itemPolicy.authorize(caller.actor, action, record ? accessOf(caller, record) : undefined);
  return record!;
}

/** A new STIX version: `modified` moves on, coarsely for an anonymous item. */
export function nextVersion(row: ItemRow, now = new Date()): Date {
  if (row.anonymous) return coarseTime(now, row.modifiedAt);
  return now.getTime() > row.modifiedAt.getTime() ? now : new Date(row.modifiedAt.getTime() + 1);
}

/**
 * The audit entry of a change. For an anonymous item it records that the organisation acted on
 * an anonymous item, but not which one, so the log cannot undo the anonymity.
 */
export async function auditItem(tx: DbOrTx, caller: Caller, row: Pick<ItemRow, "id" | "anonymous" | "kind">, action: string, after: Record<string, unknown>) {
  await publishEvent(tx, ITEM_CHANGED_EVENT, {});
  if (row.anonymous) {
    await appendAudit(tx, caller.audit, { orgId: caller.viewer.orgId, action, entityType: "intel_item", entityId: null, after: { kind: row.kind, anonymous: true } });
    return;
  }
  await appendAudit(tx, caller.audit, { orgId: caller.viewer.orgId, action, entityType: "intel_item", entityId: row.id, after });
}

/** Changes the marking and recipients; only the author may, relaxing included (policy `share`). */
export async function changeSharing(db: Db, caller: Caller, itemId: string, input: SharingInput) {
  return db.transaction(async (tx) => {
    const record = await authorizeItem(tx, caller, itemId, "share", true);
    const sharing = await checkSharing(tx, caller.viewer, input);
    await tx.update(intelItems).set({ tlp: sharing.tlp, providersAllowed: sharing.providersAllowed, modifiedAt: nextVersion(record.row) }).where(eq(intelItems.id, itemId));
    await writeSharing(tx, itemId, sharing);
    await auditItem(tx, caller, record.row, "intel.item.share", { before: record.sharing, after: sharing });
  });
}

export async function changeStatus(db: Db, caller: Caller, itemId: string, action: "publish" | "withdraw") {
  return db.transaction(async (tx) => {
    const record = await authorizeItem(tx, caller, itemId, action, true);
    const set = action === "publish" ? { status: "published" } : { status: "revoked", revoked: true };
    await tx.update(intelItems).set({ ...set, modifiedAt: nextVersion(record.row) }).where(eq(intelItems.id, itemId));
    await auditItem(tx, caller, record.row, `intel.item.${action}`, { status: set.status });
  });
}

/** Of the given items, those the viewer may see (e.g. an advisory's linked indicators). */
export async function visibleIds(db: DbOrTx, viewer: Viewer, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.select({ id: intelItems.id }).from(intelItems).where(and(inArray(intelItems.id, ids), visibleItemsWhere(viewer)));
  return new Set(rows.map((r) => r.id));
}

export const touch = (tx: DbOrTx, row: ItemRow, set: Partial<typeof intelItems.$inferInsert>) =>
  tx.update(intelItems).set({ ...set, modifiedAt: nextVersion(row) }).where(eq(intelItems.id, row.id));

import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { invalidField } from "../../platform/http/errors.ts";
import { memberships, organisations, users } from "../identity/identity.tables.ts";
import { communityPolicy, communityShelfPolicy } from "./intel.policy.ts";
import { intelCommunities, intelCommunityMembers, intelCommunityModerators } from "./intel.tables.ts";

// Communities (sharing groups) of organisations, e.g. "Cyber Secure City Milano". Members' users
// see them; moderators (people) manage name, members and moderators.

export interface CommunityInput {
  name: string;
  description?: string | null | undefined;
  memberOrgIds?: string[] | undefined;
  moderatorIds?: string[] | undefined;
}

export async function loadCommunity(db: DbOrTx, communityId: string) {
  const [row] = await db.select().from(intelCommunities).where(eq(intelCommunities.id, communityId));
  if (!row) return undefined;
  const members = await db
    .select({ orgId: intelCommunityMembers.orgId, name: organisations.name, type: organisations.type })
    .from(intelCommunityMembers)
    .innerJoin(organisations, eq(organisations.id, intelCommunityMembers.orgId))
    .where(eq(intelCommunityMembers.communityId, communityId))
    .orderBy(asc(organisations.name));
  const moderators = await db
    .select({ userId: intelCommunityModerators.userId, name: users.name })
    .from(intelCommunityModerators)
    .innerJoin(users, eq(users.id, intelCommunityModerators.userId))
    .where(eq(intelCommunityModerators.communityId, communityId))
    .orderBy(asc(users.name));
  return { ...row, members, moderators, memberOrgIds: members.map((m) => m.orgId), moderatorIds: moderators.map((m) => m.userId) };
}
export type LoadedCommunity = NonNullable<Awaited<ReturnType<typeof loadCommunity>>>;

/** The communities the caller's organisation belongs to, or the caller moderates. */
export async function listCommunities(db: Db, actor: Actor) {
  communityShelfPolicy.authorize(actor, "list", { orgType: null });
  const member = await db.select({ id: intelCommunityMembers.communityId }).from(intelCommunityMembers).where(eq(intelCommunityMembers.orgId, actor.orgId!));
  const moderated = await db.select({ id: intelCommunityModerators.communityId }).from(intelCommunityModerators).where(eq(intelCommunityModerators.userId, actor.userId));
  const ids = [...new Set([...member, ...moderated].map((r) => r.id))];
  const loaded = [];
  for (const id of ids) loaded.push(await loadCommunity(db, id));
  return loaded.filter((c): c is LoadedCommunity => c !== undefined).sort((a, b) => a.name.localeCompare(b.name, "it"));
}

async function checkMembers(tx: DbOrTx, orgIds: string[]) {
  if (!orgIds.length) return;
  const found = await tx.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, orgIds));
  const missing = orgIds.find((id) => !found.some((f) => f.id === id));
  if (missing) throw invalidField("body.memberOrgIds", "organisation_unknown", { id: missing });
}

/** Moderators must be people of member organisations. */
async function checkModerators(tx: DbOrTx, userIds: string[], memberOrgIds: string[], field: string) {
  if (!userIds.length) return;
  const found = memberOrgIds.length
    ? await tx.select({ userId: memberships.userId }).from(memberships).where(and(inArray(memberships.userId, userIds), inArray(memberships.orgId, memberOrgIds)))
    : [];
  const missing = userIds.find((id) => !found.some((f) => f.userId === id));
  if (missing) throw invalidField(field, "moderator_not_member", { id: missing });
}

export async function createCommunity(db: Db, actor: Actor, input: CommunityInput, audit: AuditContext) {
  const [org] = actor.orgId ? await db.select({ type: organisations.type }).from(organisations).where(eq(organisations.id, actor.orgId)) : [];
  communityShelfPolicy.authorize(actor, "create", { orgType: org?.type ?? null });
  return db.transaction(async (tx) => {
    const memberOrgIds = [...new Set([actor.orgId!, ...(input.memberOrgIds ?? [])])];
    const moderatorIds = [...new Set([actor.userId, ...(input.moderatorIds ?? [])])];
    await checkMembers(tx, memberOrgIds);
    await checkModerators(tx, moderatorIds, memberOrgIds, "body.moderatorIds");
    const [row] = await tx.insert(intelCommunities).values({ name: input.name, description: input.description ?? null, createdByOrgId: actor.orgId }).returning();
    await tx.insert(intelCommunityMembers).values(memberOrgIds.map((orgId) => ({ communityId: row!.id, orgId })));
    await tx.insert(intelCommunityModerators).values(moderatorIds.map((userId) => ({ communityId: row!.id, userId })));
    await appendAudit(tx, audit, { orgId: actor.orgId, action: "intel.community.create", entityType: "intel_community", entityId: row!.id, after: { ...row, memberOrgIds, moderatorIds } });
    return row!.id;
  });
}

export async function getCommunity(db: Db, actor: Actor, communityId: string) {
  return communityPolicy.authorize(actor, "read", await loadCommunity(db, communityId));
}

export async function updateCommunity(db: Db, actor: Actor, communityId: string, input: Partial<CommunityInput>, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const before = communityPolicy.authorize(actor, "manage", await loadCommunity(tx, communityId));
    const memberOrgIds = input.memberOrgIds ? [...new Set(input.memberOrgIds)] : before.memberOrgIds;
    const moderatorIds = input.moderatorIds ? [...new Set(input.moderatorIds)] : before.moderatorIds;
    if (!moderatorIds.length) throw invalidField("body.moderatorIds", "too_small_array", { minimum: 1 });
    await checkMembers(tx, memberOrgIds);
    await checkModerators(tx, moderatorIds, memberOrgIds, input.moderatorIds ? "body.moderatorIds" : "body.memberOrgIds");
    const fields = { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.description !== undefined ? { description: input.description } : {}) };
    await tx.update(intelCommunities).set({ ...fields, updatedAt: new Date() }).where(eq(intelCommunities.id, communityId));
    if (input.memberOrgIds) {
      await tx.delete(intelCommunityMembers).where(eq(intelCommunityMembers.communityId, communityId));
      if (memberOrgIds.length) await tx.insert(intelCommunityMembers).values(memberOrgIds.map((orgId) => ({ communityId, orgId })));
    }
    if (input.moderatorIds) {
      await tx.delete(intelCommunityModerators).where(eq(intelCommunityModerators.communityId, communityId));
      await tx.insert(intelCommunityModerators).values(moderatorIds.map((userId) => ({ communityId, userId })));
    }
    const { members: _m, moderators: _mo, ...beforeAudit } = before;
    await appendAudit(tx, audit, { orgId: actor.orgId, action: "intel.community.update", entityType: "intel_community", entityId: communityId, before: beforeAudit, after: { ...fields, memberOrgIds, moderatorIds } });
  });
}

export function presentCommunity(actor: Actor, c: LoadedCommunity) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    members: c.members.map((m) => ({ orgId: m.orgId, name: m.name, type: m.type })),
    moderators: c.moderators.map((m) => ({ userId: m.userId, name: m.name })),
    createdAt: c.createdAt.toISOString(),
    actions: communityPolicy.allowedActions(actor, c),
  };
}

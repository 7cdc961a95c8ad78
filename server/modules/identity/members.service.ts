import { and, asc, count, eq, gt, ilike, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor, Role } from "../../platform/authz/actor.ts";
import { invalidField } from "../../platform/http/errors.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/pagination.ts";
import { memberPolicy, organisationPolicy } from "./identity.policy.ts";
import { memberships, organisations, users } from "./identity.tables.ts";

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: Role;
  office: string | null;
  managementBody: boolean;
  mfaEnabled: boolean;
  joinedAt: Date;
  orgId: string;
}

/** One page of members, ordered by join date; the cursor is the last row's (joinedAt, userId). */
export async function listMembers(db: Db, actor: Actor, orgId: string, page: { limit: number; cursor?: string; q?: string }) {
  organisationPolicy.authorize(actor, "listMembers", { id: orgId });
  const after = decodeCursor(page.cursor);
  const conditions = [eq(memberships.orgId, orgId)];
  if (after && typeof after[0] === "string" && typeof after[1] === "string") {
    const at = new Date(after[0]);
    conditions.push(or(gt(memberships.createdAt, at), and(eq(memberships.createdAt, at), gt(memberships.userId, after[1])))!);
  }
  if (page.q) {
    const like = `%${page.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.email, like), ilike(users.name, like))!);
  }
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      office: memberships.office,
      managementBody: memberships.managementBody,
      mfaEnabled: sql<boolean>`${users.totpEnabledAt} is not null`,
      joinedAt: memberships.createdAt,
      orgId: memberships.orgId,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...conditions))
    .orderBy(asc(memberships.createdAt), asc(memberships.userId))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit) as MemberView[];
  const last = items.at(-1);
  const nextCursor = rows.length > page.limit && last ? encodeCursor([last.joinedAt.toISOString(), last.userId]) : null;
  return { items, nextCursor };
}

async function adminCount(db: Db, orgId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")));
  return row?.n ?? 0;
}

export async function changeMemberRole(db: Db, actor: Actor, orgId: string, userId: string, role: Role, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
      .for("update");
    const member = memberPolicy.authorize(actor, "changeRole", row);
    // lock the organisation row so two admins demoting each other cannot leave it without one
    await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, orgId)).for("update");
    if (member.role === "admin" && role !== "admin" && (await adminCount(tx as unknown as Db, orgId)) <= 1) {
      throw invalidField("body.role", "last_admin");
    }
    const [after] = await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
      .returning();
    await appendAudit(tx, audit, { orgId, action: "member.role_change", entityType: "membership", entityId: userId, before: { role: member.role }, after: { role } });
    return after!;
  });
}

export async function removeMember(db: Db, actor: Actor, orgId: string, userId: string, audit: AuditContext) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
      .for("update");
    const member = memberPolicy.authorize(actor, "remove", row);
    await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, orgId)).for("update");
    if (member.role === "admin" && (await adminCount(tx as unknown as Db, orgId)) <= 1) {
      throw invalidField("params.userId", "last_admin");
    }
    await tx.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
    await appendAudit(tx, audit, { orgId, action: "member.remove", entityType: "membership", entityId: userId, before: member });
  });
  // no session to end: the actor resolver finds no membership, so access to the organisation stops at once
}

/** Sets where a member works (office, management body); admins only, the member's own row included. */
export async function setMemberWorkplace(db: Db, actor: Actor, orgId: string, userId: string, workplace: { office: string | null; managementBody: boolean }, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
      .for("update");
    const member = memberPolicy.authorize(actor, "setWorkplace", row);
    const [after] = await tx
      .update(memberships)
      // a blank office is no office: reports group it with the members who have none
      .set({ office: workplace.office?.trim() || null, managementBody: workplace.managementBody })
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
      .returning();
    await appendAudit(tx, audit, {
      orgId,
      action: "member.workplace_change",
      entityType: "membership",
      entityId: userId,
      before: { office: member.office, managementBody: member.managementBody },
      after: { office: after!.office, managementBody: after!.managementBody },
    });
    return after!;
  });
}

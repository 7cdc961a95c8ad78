import { and, asc, eq, gt, isNull, or } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import { hashPassword } from "../../platform/auth/passwords.ts";
import { newSecret, sha256 } from "../../platform/auth/tokens.ts";
import type { Actor, Role } from "../../platform/authz/actor.ts";
import { conflict, invalidField } from "../../platform/http/errors.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/pagination.ts";
import { queueMail } from "../../platform/mail/mailer.ts";
import { organisationPolicy } from "./identity.policy.ts";
import { invitations, memberships, organisations, users } from "./identity.tables.ts";
import { invitationPolicy } from "./invitations.policy.ts";
import { assertStrongPassword } from "./password.service.ts";
import { normaliseEmail } from "./sign-in.service.ts";

export type InvitationRow = typeof invitations.$inferSelect;
export const INVITATION_DAYS = 7;

const roleLabels: Record<Locale, Record<Role, string>> = {
  it: { admin: "Amministratore", security_manager: "Responsabile della sicurezza", it_operator: "Operatore IT", employee: "Dipendente", auditor: "Revisore", viewer: "Lettore" },
  en: { admin: "Administrator", security_manager: "Security manager", it_operator: "IT operator", employee: "Employee", auditor: "Auditor", viewer: "Viewer" },
};

const pendingNow = () => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date()));

/** Pending invitations of an organisation, oldest first, a page at a time. */
export async function listInvitations(db: Db, actor: Actor, orgId: string, page: { limit: number; cursor?: string }) {
  invitationPolicy.authorize(actor, "read", { orgId });
  const after = decodeCursor(page.cursor);
  const conditions = [eq(invitations.orgId, orgId), pendingNow()];
  if (after && typeof after[0] === "string" && typeof after[1] === "string") {
    const at = new Date(after[0]);
    conditions.push(or(gt(invitations.createdAt, at), and(eq(invitations.createdAt, at), gt(invitations.id, after[1]))));
  }
  const rows = await db
    .select()
    .from(invitations)
    .where(and(...conditions))
    .orderBy(asc(invitations.createdAt), asc(invitations.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

/**
 * Invites an address into the organisation and mails the link. A new invitation to the same
 * address replaces the pending one, so "send again" is simply inviting again.
 */
export async function createInvitation(
  db: Db,
  actor: Actor,
  orgId: string,
  input: { email: string; role: Role },
  context: { publicUrl: string; locale: Locale; audit: AuditContext },
) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  organisationPolicy.authorize(actor, "invite", org);
  const email = normaliseEmail(input.email);
  const [existing] = await db
    .select({ userId: users.id, locale: users.locale, member: memberships.userId })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.orgId, orgId)))
    .where(eq(users.email, email));
  if (existing?.member) throw conflict("body.email", "already_member");
  const token = newSecret();
  const locale: Locale = existing ? (existing.locale === "en" ? "en" : "it") : context.locale;
  return db.transaction(async (tx) => {
    const replaced = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.orgId, orgId), eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    const [row] = await tx
      .insert(invitations)
      .values({ orgId, email, role: input.role, tokenHash: sha256(token), invitedBy: actor.userId, expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000) })
      .returning();
    await queueMail(tx, {
      to: email,
      template: "invitation",
      locale,
      orgId,
      params: { inviter: actor.name, orgName: org!.name, role: roleLabels[locale][input.role], link: `${context.publicUrl}/invitations/${encodeURIComponent(token)}` },
    });
    const { tokenHash: _secret, ...shown } = row!;
    await appendAudit(tx, context.audit, { orgId, action: "invitation.create", entityType: "invitation", entityId: row!.id, after: { ...shown, replaced: replaced.map((r) => r.id) } });
    return row!;
  });
}

export async function revokeInvitation(db: Db, actor: Actor, orgId: string, invitationId: string, audit: AuditContext) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.orgId, orgId)))
      .for("update");
    const invitation = invitationPolicy.authorize(actor, "revoke", row);
    if (invitation.acceptedAt) throw conflict("params.invitationId", "token_used");
    if (invitation.revokedAt) return;
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, invitation.id));
    await appendAudit(tx, audit, { orgId, action: "invitation.revoke", entityType: "invitation", entityId: invitation.id });
  });
}

/** The invitation a link's token opens, or a 422 saying why the link no longer works. */
export async function findUsableInvitation(db: DbOrTx, token: string, field: string) {
  const [row] = await db
    .select({ invitation: invitations, orgName: organisations.name })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, sha256(token)));
  if (!row) throw invalidField(field, "token_unknown");
  if (row.invitation.acceptedAt) throw invalidField(field, "token_used");
  if (row.invitation.revokedAt) throw invalidField(field, "token_revoked");
  if (row.invitation.expiresAt.getTime() <= Date.now()) throw invalidField(field, "token_expired");
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.invitation.email));
  return { ...row, existingUserId: user?.id ?? null };
}

/**
 * Accepts an invitation. A known address gets the membership (the token proves the inbox; a
 * signed-in caller must be that same person); a new one gets an account with name and password.
 */
export async function acceptInvitation(
  db: Db,
  signedIn: Actor | null,
  input: { token: string; name?: string; password?: string; locale: Locale },
  audit: AuditContext,
) {
  const { invitation, existingUserId } = await findUsableInvitation(db, input.token, "body.token");
  if (signedIn && signedIn.userId !== existingUserId) throw invalidField("body.token", "signed_in_as_other");
  let passwordHash: string | null = null;
  if (!existingUserId) {
    if (!input.name) throw invalidField("body.name", "required");
    if (!input.password) throw invalidField("body.password", "required");
    await assertStrongPassword("body.password", input.password, invitation.email, input.name);
    passwordHash = await hashPassword(input.password);
  }
  return db.transaction(async (tx) => {
    const spent = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (spent.length === 0) throw invalidField("body.token", "token_used");
    let userId = existingUserId;
    if (!userId) {
      const [created] = await tx
        .insert(users)
        .values({ email: invitation.email, name: input.name!, passwordHash, locale: input.locale })
        .returning({ id: users.id });
      userId = created!.id;
      await appendAudit(tx, { ...audit, actor: { userId, email: invitation.email } }, { orgId: invitation.orgId, action: "user.create", entityType: "user", entityId: userId, after: { email: invitation.email, name: input.name } });
    }
    const [already] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.orgId, invitation.orgId)));
    if (already) throw conflict("body.token", "already_member");
    await tx.insert(memberships).values({ userId, orgId: invitation.orgId, role: invitation.role });
    await appendAudit(tx, { ...audit, actor: { userId, email: invitation.email } }, {
      orgId: invitation.orgId,
      action: "invitation.accept",
      entityType: "membership",
      entityId: userId,
      after: { invitationId: invitation.id, role: invitation.role },
    });
    return { userId, email: invitation.email, orgId: invitation.orgId, accountCreated: !existingUserId };
  });
}

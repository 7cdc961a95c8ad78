import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import { loginFailures, passwordResets } from "../../platform/auth/auth.tables.ts";
import { hashPassword } from "../../platform/auth/passwords.ts";
import { destroyUserSessions } from "../../platform/auth/sessions.ts";
import { newSecret, sha256 } from "../../platform/auth/tokens.ts";
import { invalidField } from "../../platform/http/errors.ts";
import { queueMail } from "../../platform/mail/mailer.ts";
import { users } from "./identity.tables.ts";
import { assertStrongPassword } from "./password.service.ts";
import { findUserByEmail } from "./sign-in.service.ts";

export const RESET_LINK_MINUTES = 60;
// at most this many links per account per hour, so the form cannot be used to flood an inbox
const MAX_LINKS_PER_HOUR = 3;

/**
 * Mails a single-use link when the address belongs to an active account. The caller answers 202
 * either way, so the form does not reveal which addresses have accounts.
 */
export async function requestPasswordReset(db: Db, publicUrl: string, email: string, audit: AuditContext) {
  const user = await findUserByEmail(db, email);
  if (!user || user.disabledAt) return;
  const hourAgo = new Date(Date.now() - 3_600_000);
  const [recent] = await db
    .select({ n: count() })
    .from(passwordResets)
    .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, hourAgo)));
  if ((recent?.n ?? 0) >= MAX_LINKS_PER_HOUR) return;
  const token = newSecret();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(passwordResets)
      .values({ userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + RESET_LINK_MINUTES * 60_000) })
      .returning();
    await queueMail(tx, {
      to: user.email,
      template: "password_reset",
      locale: user.locale === "en" ? "en" : "it",
      params: { name: user.name, link: `${publicUrl}/password-reset?token=${encodeURIComponent(token)}` },
    });
    await appendAudit(tx, { ...audit, actor: null, actorLabel: user.email }, {
      orgId: null,
      action: "auth.password_reset_request",
      entityType: "user",
      entityId: user.id,
      after: { resetId: row!.id },
    });
  });
}

/** Sets the new password, spends the link (and any other open link), signs out everywhere. */
export async function confirmPasswordReset(db: Db, input: { token: string; password: string }, audit: AuditContext) {
  const tokenHash = sha256(input.token);
  const [reset] = await db.select().from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash));
  if (!reset) throw invalidField("body.token", "token_unknown");
  if (reset.usedAt) throw invalidField("body.token", "token_used");
  if (reset.expiresAt.getTime() <= Date.now()) throw invalidField("body.token", "token_expired");
  const [user] = await db.select().from(users).where(eq(users.id, reset.userId));
  if (!user || user.disabledAt) throw invalidField("body.token", "token_unknown");
  await assertStrongPassword("body.password", input.password, user.email, user.name);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    // the conditional update is the real single-use check: of two racing requests one wins
    const spent = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt)))
      .returning({ id: passwordResets.id });
    if (spent.length === 0) throw invalidField("body.token", "token_used");
    await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await destroyUserSessions(tx, user.id);
    // the owner proved the inbox: let them sign in now rather than wait out a guessing block
    await tx.delete(loginFailures).where(eq(loginFailures.email, user.email));
    await appendAudit(tx, { ...audit, actor: { userId: user.id, email: user.email } }, {
      orgId: null,
      action: "auth.password_reset",
      entityType: "user",
      entityId: user.id,
    });
  });
}

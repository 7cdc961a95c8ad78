import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import { passwordResets, sessions } from "../../platform/auth/auth.tables.ts";
import { checkPasswordStrength, hashPassword, verifyPassword } from "../../platform/auth/passwords.ts";
import { clearFailures, reserveAttempt } from "../../platform/auth/throttle.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { HttpError, invalidField } from "../../platform/http/errors.ts";
import { users } from "./identity.tables.ts";

/** Words about the person (name, email and its parts) that a good password must not lean on. */
export function personalWords(email?: string | null, name?: string | null): string[] {
  const local = email?.split("@")[0] ?? "";
  return [email ?? "", local, ...local.split(/[._+-]/), ...(name ?? "").split(/\s+/)].filter((w) => w.length >= 3);
}

/** Refuses a weak password with a 422 naming the field; the reason lists zxcvbn's advice. */
export async function assertStrongPassword(field: string, password: string, email?: string | null, name?: string | null) {
  const strength = await checkPasswordStrength(password, personalWords(email, name));
  if (!strength.ok) throw invalidField(field, "password_too_weak");
}

/** Changes the caller's password and signs out every other session of theirs. */
export async function changePassword(
  db: Db,
  actor: Actor & { sessionTokenHash: string },
  input: { currentPassword: string; newPassword: string; ip: string },
  audit: AuditContext,
) {
  // the current password is a guessable secret here too, so it shares the sign-in throttle
  const key = `password:${actor.userId}`;
  if (!(await reserveAttempt(db, key, input.ip))) throw new HttpError(429, "too_many_attempts", [], { "retry-after": "900" });
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new HttpError(401, "unauthenticated");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalidField("body.currentPassword", "wrong_password");
  }
  await clearFailures(db, key, input.ip);
  await assertStrongPassword("body.newPassword", input.newPassword, user.email, user.name);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.tokenHash, actor.sessionTokenHash)));
    // a reset link mailed before the change must not undo it
    await tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    await appendAudit(tx, audit, { orgId: actor.orgId, action: "user.password_change", entityType: "user", entityId: user.id });
  });
}

export async function updateProfile(db: Db, actor: Actor, input: { name?: string; locale?: "it" | "en" }, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, actor.userId)).for("update");
    if (!before) throw new HttpError(401, "unauthenticated");
    if (input.name === undefined && input.locale === undefined) return before;
    const [after] = await tx.update(users).set(input).where(eq(users.id, actor.userId)).returning();
    await appendAudit(tx, audit, {
      orgId: actor.orgId,
      action: "user.update",
      entityType: "user",
      entityId: actor.userId,
      before: { name: before.name, locale: before.locale },
      after: { name: after!.name, locale: after!.locale },
    });
    return after!;
  });
}

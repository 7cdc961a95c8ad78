import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import { verifyPassword } from "../../platform/auth/passwords.ts";
import { createSession, type SessionPolicy } from "../../platform/auth/sessions.ts";
import { clearFailures, reserveAttempt } from "../../platform/auth/throttle.ts";
import { HttpError } from "../../platform/http/errors.ts";
import { memberships, users } from "./identity.tables.ts";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, normaliseEmail(email)));
  return user;
}

/** The organisation a new session starts in: the first membership by date. */
export async function defaultOrgFor(db: Db, userId: string): Promise<string | null> {
  const [first] = await db
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.createdAt)
    .limit(1);
  return first?.orgId ?? null;
}

/**
 * Email and password sign-in. Unknown email and wrong password answer the same, in the same
 * time. Throttling is checked before the password, so guessing costs nothing but a 429.
 */
export async function signInWithPassword(
  db: Db,
  policy: SessionPolicy,
  input: { email: string; password: string; ip: string; userAgent?: string },
  audit: AuditContext,
) {
  const email = normaliseEmail(input.email);
  // the attempt counts as a failure from the start (cleared on success), so a burst of parallel
  // guesses cannot all pass the check before any failure is recorded
  if (!(await reserveAttempt(db, email, input.ip))) {
    throw new HttpError(429, "too_many_attempts", [], { "retry-after": "900" });
  }
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok || user.disabledAt) {
    if (user) {
      await db.transaction((tx) =>
        appendAudit(tx, { ...audit, actorLabel: email }, { orgId: null, action: "auth.sign_in_failed", entityType: "user", entityId: user.id }),
      );
    }
    throw new HttpError(401, "invalid_credentials");
  }
  await clearFailures(db, email, input.ip);
  const orgId = await defaultOrgFor(db, user.id);
  const mfaPending = user.totpEnabledAt !== null;
  const session = await db.transaction(async (tx) => {
    const created = await createSession(tx, policy, { userId: user.id, orgId, mfaVerified: !mfaPending, ip: input.ip, userAgent: input.userAgent });
    await appendAudit(tx, { ...audit, actor: { userId: user.id, email: user.email } }, {
      orgId,
      action: mfaPending ? "auth.password_ok_mfa_pending" : "auth.sign_in",
      entityType: "user",
      entityId: user.id,
    });
    return created;
  });
  return { session, mfaPending };
}

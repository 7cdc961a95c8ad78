import { randomInt } from "node:crypto";
import { and, count, eq, isNull, lt, or } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import { recoveryCodes } from "../../platform/auth/auth.tables.ts";
import { verifyPassword } from "../../platform/auth/passwords.ts";
import { updateSession } from "../../platform/auth/sessions.ts";
import { clearFailures, reserveAttempt } from "../../platform/auth/throttle.ts";
import { seal, sha256, unseal } from "../../platform/auth/tokens.ts";
import { newTotpSecret, totpUri, verifyTotp } from "../../platform/auth/totp.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { conflict, HttpError, invalidField } from "../../platform/http/errors.ts";
import { users } from "./identity.tables.ts";

export type UserRow = typeof users.$inferSelect;

const RECOVERY_CODE_COUNT = 10;
// no 0/o, 1/l/i: codes are typed from paper
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten characters (about 49 bits) shown as `xxxxx-xxxxx`; only a hash is kept. */
function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const hashRecoveryCode = (code: string) => sha256(`recovery:${code.toLowerCase().replace(/[^a-z0-9]/g, "")}`);

async function replaceRecoveryCodes(tx: DbOrTx, userId: string): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  return codes;
}

export async function recoveryCodesLeft(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/**
 * Checks a TOTP code, or spends a recovery code. Spending is one conditional update, so two
 * requests racing with the same recovery code cannot both succeed.
 */
async function checkSecondFactor(tx: DbOrTx, secretKey: string, user: UserRow, code: string): Promise<"totp" | "recovery_code" | null> {
  const step = user.totpSecret ? verifyTotp(unseal(user.totpSecret, secretKey), code) : null;
  if (step !== null) return (await acceptTotpStep(tx, user.id, step)) ? "totp" : null;
  const spent = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return spent.length > 0 ? "recovery_code" : null;
}

/**
 * Records the time step of an accepted code; false when that step (or a later one) was already
 * used, so a code seen over someone's shoulder or in a proxy log cannot be played again.
 */
async function acceptTotpStep(tx: DbOrTx, userId: string, step: number): Promise<boolean> {
  const updated = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return updated.length > 0;
}

// Second-factor and password guesses on these routes share the sign-in throttle, keyed apart
// from sign-in itself so neither can be used to lock out the other.
const throttleKey = (userId: string) => `mfa:${userId}`;
const tooMany = () => new HttpError(429, "too_many_attempts", [], { "retry-after": "900" });
const wrongCode = () => new HttpError(422, "invalid_code", [{ field: "body.code", reason: "wrong_code" }]);

async function loadUser(db: DbOrTx, userId: string, lock = false) {
  const query = db.select().from(users).where(eq(users.id, userId));
  const [user] = lock ? await query.for("update") : await query;
  if (!user) throw new HttpError(401, "unauthenticated");
  return user;
}

/** A new secret, sealed in the user's row until a first code proves the authenticator has it. */
export async function startMfaSetup(db: Db, secretKey: string, actor: Actor, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const user = await loadUser(tx, actor.userId, true);
    if (user.totpEnabledAt) throw conflict("body", "mfa_already_enabled");
    const secret = newTotpSecret();
    await tx.update(users).set({ totpSecret: seal(secret, secretKey) }).where(eq(users.id, user.id));
    await appendAudit(tx, audit, { orgId: actor.orgId, action: "mfa.setup_start", entityType: "user", entityId: user.id });
    return { secret, otpauthUri: totpUri(secret, user.email) };
  });
}

/** Turns MFA on once a code matches; the session that proved it counts as verified. */
export async function enableMfa(db: Db, secretKey: string, actor: Actor & { sessionTokenHash: string }, code: string, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const user = await loadUser(tx, actor.userId, true);
    if (user.totpEnabledAt) throw conflict("body", "mfa_already_enabled");
    if (!user.totpSecret) throw invalidField("body.code", "mfa_setup_missing");
    const step = verifyTotp(unseal(user.totpSecret, secretKey), code);
    if (step === null || !(await acceptTotpStep(tx, user.id, step))) throw wrongCode();
    await tx.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, user.id));
    const codes = await replaceRecoveryCodes(tx, user.id);
    await updateSession(tx, actor.sessionTokenHash, { mfaVerified: true });
    await appendAudit(tx, audit, { orgId: actor.orgId, action: "mfa.enable", entityType: "user", entityId: user.id });
    return codes;
  });
}

/** The second step of sign-in: a TOTP or an unused recovery code marks the session verified. */
export async function verifyMfaSignIn(
  db: Db,
  secretKey: string,
  actor: Actor & { sessionTokenHash: string },
  input: { code: string; ip: string },
  audit: AuditContext,
) {
  const key = throttleKey(actor.userId);
  // reserved as a failure up front, so a parallel burst of guesses cannot outrun the limit
  if (!(await reserveAttempt(db, key, input.ip))) throw tooMany();
  const method = await db.transaction(async (tx) => {
    const user = await loadUser(tx, actor.userId);
    if (!user.totpEnabledAt) throw invalidField("body.code", "mfa_not_enabled");
    const found = await checkSecondFactor(tx, secretKey, user, input.code);
    if (found) {
      await updateSession(tx, actor.sessionTokenHash, { mfaVerified: true });
      await appendAudit(tx, audit, { orgId: actor.orgId, action: "auth.sign_in", entityType: "user", entityId: user.id, after: { secondFactor: found } });
    }
    return found;
  });
  if (!method) {
    await db.transaction((tx) => appendAudit(tx, audit, { orgId: actor.orgId, action: "auth.mfa_failed", entityType: "user", entityId: actor.userId }));
    throw wrongCode();
  }
  await clearFailures(db, key, input.ip);
  return { recoveryCodesLeft: await recoveryCodesLeft(db, actor.userId) };
}

/** Password and a current code, so neither a stolen session nor a stolen password is enough. */
async function confirmOwner(db: Db, secretKey: string, actor: Actor, input: { password: string; code?: string; ip: string }, audit: AuditContext) {
  const key = throttleKey(actor.userId);
  if (!(await reserveAttempt(db, key, input.ip))) throw tooMany();
  const user = await loadUser(db, actor.userId);
  if (!user.totpEnabledAt) throw invalidField("body", "mfa_not_enabled");
  const failed = async (error: HttpError) => {
    await db.transaction((tx) => appendAudit(tx, audit, { orgId: actor.orgId, action: "auth.mfa_failed", entityType: "user", entityId: user.id }));
    return error;
  };
  if (!(await verifyPassword(user.passwordHash, input.password))) throw await failed(invalidField("body.password", "wrong_password"));
  if (input.code !== undefined && !(await checkSecondFactor(db, secretKey, user, input.code))) throw await failed(wrongCode());
  await clearFailures(db, key, input.ip);
  return user;
}

export async function disableMfa(db: Db, secretKey: string, actor: Actor, input: { password: string; code: string; ip: string }, audit: AuditContext) {
  const user = await confirmOwner(db, secretKey, actor, input, audit);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await appendAudit(tx, audit, { orgId: actor.orgId, action: "mfa.disable", entityType: "user", entityId: user.id });
  });
}

export async function regenerateRecoveryCodes(db: Db, secretKey: string, actor: Actor, input: { password: string; ip: string }, audit: AuditContext) {
  const user = await confirmOwner(db, secretKey, actor, input, audit);
  return db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, user.id);
    await appendAudit(tx, audit, { orgId: actor.orgId, action: "mfa.recovery_codes_regenerate", entityType: "user", entityId: user.id });
    return codes;
  });
}

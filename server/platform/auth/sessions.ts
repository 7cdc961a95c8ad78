import { and, eq, lt, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { sessions } from "./auth.tables.ts";
import { newSecret, sha256 } from "./tokens.ts";

export const SESSION_COOKIE = "cittadella_session";

/** Options of the session cookie, shared by every way of signing in (password, SSO). */
export const sessionCookieOptions = (publicUrl: string) => ({
  path: "/",
  httpOnly: true,
  sameSite: "lax" as const,
  secure: publicUrl.startsWith("https://"),
});

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export type SessionRow = typeof sessions.$inferSelect;

export async function createSession(
  db: DbOrTx,
  policy: SessionPolicy,
  input: { userId: string; orgId: string | null; mfaVerified: boolean; ip?: string; userAgent?: string; authMethod?: string },
): Promise<{ token: string; row: SessionRow }> {
  const token = newSecret();
  const now = Date.now();
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: sha256(token),
      userId: input.userId,
      orgId: input.orgId,
      csrfToken: newSecret(),
      mfaVerified: input.mfaVerified,
      expiresAt: new Date(now + policy.absoluteHours * 3_600_000),
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      authMethod: input.authMethod ?? "password",
    })
    .returning();
  return { token, row: row! };
}

// lastSeenAt is written at most once a minute per session, so reads stay reads.
const TOUCH_EVERY_MS = 60_000;

/**
 * The session itself if it is still live; an expired or idle one is deleted (null). Loading the
 * row is the caller's business: authenticate loads it together with the actor in one query.
 */
export async function keepSessionAlive(db: DbOrTx, policy: SessionPolicy, row: SessionRow): Promise<SessionRow | null> {
  const now = Date.now();
  const idleLimit = row.lastSeenAt.getTime() + policy.idleMinutes * 60_000;
  if (row.expiresAt.getTime() <= now || idleLimit <= now) {
    await db.delete(sessions).where(eq(sessions.tokenHash, row.tokenHash));
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.tokenHash, row.tokenHash));
  }
  return row;
}

export const destroySession = (db: DbOrTx, tokenHash: string) =>
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));

export const destroyUserSessions = (db: DbOrTx, userId: string) => db.delete(sessions).where(eq(sessions.userId, userId));

export function purgeExpiredSessions(db: DbOrTx, policy: SessionPolicy) {
  const idleCutoff = new Date(Date.now() - policy.idleMinutes * 60_000);
  return db.delete(sessions).where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleCutoff)));
}

export const updateSession = (db: DbOrTx, tokenHash: string, patch: Partial<Pick<SessionRow, "orgId" | "mfaVerified">>) =>
  db.update(sessions).set(patch).where(and(eq(sessions.tokenHash, tokenHash)));

import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { apiTokens } from "./auth.tables.ts";
import { newSecret, sha256 } from "./tokens.ts";

export const API_TOKEN_PREFIX = "ctd_";
export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Scopes a token may carry: `<area>:read` or `<area>:write`. Modules add their areas here. */
export const tokenScopes = ["identity:read", "identity:write", "audit:read", "files:read", "files:write", "assessments:read", "assessments:write", "risks:read", "risks:write", "intel:read", "intel:write", "academy:read", "academy:write"] as const;

export async function issueApiToken(
  db: DbOrTx,
  input: { userId: string; orgId: string; name: string; scopes: string[]; expiresAt: Date | null },
): Promise<{ token: string; row: ApiTokenRow }> {
  const token = newSecret(API_TOKEN_PREFIX);
  const [row] = await db
    .insert(apiTokens)
    .values({ ...input, tokenHash: sha256(token), prefix: token.slice(0, 10) })
    .returning();
  return { token, row: row! };
}

const TOUCH_EVERY_MS = 60_000;

/** The token row for a bearer secret when it is live; records when it was last used. */
export async function findLiveApiToken(db: DbOrTx, token: string): Promise<ApiTokenRow | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  const now = Date.now();
  if (row.expiresAt && row.expiresAt.getTime() <= now) return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: new Date(now) }).where(eq(apiTokens.id, row.id));
  }
  return row;
}

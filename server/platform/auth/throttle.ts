import { and, count, eq, gt, lt } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { loginFailures } from "./auth.tables.ts";

/**
 * Sign-in throttling kept in the database, so every node sees the same counts.
 * - one address guessing one account: 5 failures in 15 minutes block that pair;
 * - one address guessing many accounts: 30 failures in 15 minutes block the address;
 * - many addresses on one account: 50 failures in 15 minutes block the account for everyone.
 * Every block ends by itself when the window slides past, so nobody can lock a victim out for
 * good, and password reset keeps working during a block.
 */
export const WINDOW_MS = 15 * 60_000;
const LIMITS = { pair: 5, ip: 30, account: 50 };

export async function isThrottled(db: DbOrTx, email: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - WINDOW_MS);
  const [pair] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), eq(loginFailures.ip, ip), gt(loginFailures.at, since)));
  if ((pair?.n ?? 0) >= LIMITS.pair) return true;
  const [byIp] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.ip, ip), gt(loginFailures.at, since)));
  if ((byIp?.n ?? 0) >= LIMITS.ip) return true;
  const [byAccount] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gt(loginFailures.at, since)));
  return (byAccount?.n ?? 0) >= LIMITS.account;
}

export async function recordFailure(db: DbOrTx, email: string, ip: string) {
  await db.insert(loginFailures).values({ email, ip });
}

/** A successful sign-in clears that pair's failures. */
export async function clearFailures(db: DbOrTx, email: string, ip: string) {
  await db.delete(loginFailures).where(and(eq(loginFailures.email, email), eq(loginFailures.ip, ip)));
}

export function purgeOldFailures(db: DbOrTx) {
  return db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - WINDOW_MS)));
}

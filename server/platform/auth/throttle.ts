import { isIPv6 } from "node:net";
import { and, count, eq, gt, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { loginFailures } from "./auth.tables.ts";

/**
 * Sign-in throttling kept in the database, so every node sees the same counts.
 * - one address guessing one account: 5 failures in 15 minutes block that pair;
 * - one address guessing many accounts: 30 failures in 15 minutes block the address;
 * - many addresses guessing one account: after 50 failures in 15 minutes, every address that
 *   has itself failed on the account is blocked from it. An address with no failure on the
 *   account can still sign in, so a distributed attack cannot keep the owner out for as long
 *   as it lasts; it only cuts each attacking address to one guess.
 * Every block ends by itself when the window slides past, and attempts refused while blocked
 * are not counted, so hammering does not prolong a block. Password reset keeps working during
 * a block.
 * An IPv6 address counts as its /64, because one subscriber holds a whole /64 and could
 * otherwise rotate through addresses to get fresh attempts.
 */
export const WINDOW_MS = 15 * 60_000;
const LIMITS = { pair: 5, ip: 30, account: 50 };
const THROTTLE_LOCK = 727_003;

/** The address a failure is counted against: IPv4 as is, IPv6 as its /64 network. */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const clean = ip.toLowerCase().split("%")[0]!;
  const [leftPart = "", rightPart] = clean.split("::");
  const left = leftPart ? leftPart.split(":") : [];
  const right = rightPart ? rightPart.split(":") : [];
  // an embedded IPv4 tail takes two groups; it is in the low 64 bits, which are dropped anyway
  const width = left.length + right.length + (clean.includes(".") ? 1 : 0);
  const groups = [...left, ...Array<string>(Math.max(0, 8 - width)).fill("0"), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}

const failuresSince = async (db: DbOrTx, ...conditions: Parameters<typeof and>) => {
  const [row] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(gt(loginFailures.at, new Date(Date.now() - WINDOW_MS)), ...conditions));
  return row?.n ?? 0;
};

export async function isThrottled(db: DbOrTx, email: string, ip: string): Promise<boolean> {
  const address = addressKey(ip);
  const pair = await failuresSince(db, eq(loginFailures.email, email), eq(loginFailures.ip, address));
  if (pair >= LIMITS.pair) return true;
  if ((await failuresSince(db, eq(loginFailures.ip, address))) >= LIMITS.ip) return true;
  return pair > 0 && (await failuresSince(db, eq(loginFailures.email, email))) >= LIMITS.account;
}

/**
 * Checks the limits and, when the caller may try, counts the attempt as a failure at once, in
 * one step under a per-account lock: a burst of parallel requests cannot all pass the check
 * before any failure is recorded, as they can with isThrottled then recordFailure. On success
 * call clearFailures; on failure there is nothing more to record.
 */
export async function reserveAttempt(db: Db, email: string, ip: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${THROTTLE_LOCK}, hashtext(${email}))`);
    if (await isThrottled(tx, email, ip)) return false;
    await recordFailure(tx, email, ip);
    return true;
  });
}

export async function recordFailure(db: DbOrTx, email: string, ip: string) {
  await db.insert(loginFailures).values({ email, ip: addressKey(ip) });
}

/** A successful sign-in clears that pair's failures. */
export async function clearFailures(db: DbOrTx, email: string, ip: string) {
  await db.delete(loginFailures).where(and(eq(loginFailures.email, email), eq(loginFailures.ip, addressKey(ip))));
}

export function purgeOldFailures(db: DbOrTx) {
  return db.delete(loginFailures).where(lt(loginFailures.at, new Date(Date.now() - WINDOW_MS)));
}

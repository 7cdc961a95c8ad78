import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/helpers/test-database.ts";
import { openDatabase, type Database, type DbOrTx } from "../../db/client.ts";
import { auditHead, auditLog } from "./audit.tables.ts";
import { appendAudit, entryHash, GENESIS_HASH } from "./audit.ts";
import { verifyAuditChain } from "./verify.ts";

let database: Database & { url?: string };
const pools: Database[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  // on PostgreSQL, writers on separate pools stand for separate nodes
  if (database.url) for (let i = 0; i < 3; i++) pools.push(await openDatabase({ url: database.url, poolSize: 4 }));
});
afterAll(async () => {
  for (const p of pools) await p.close();
  await database.close();
});
beforeEach(async () => {
  await database.db.delete(auditLog);
  await database.db.delete(auditHead);
});

const actor = { userId: "7d1d4a3e-9f55-4d0c-9b7a-0b3c1c2d3e4f", email: "responsabile@comune.example.it" };
const append = (db: DbOrTx, n: number) =>
  appendAudit(db, { actor, ip: "203.0.113.7", userAgent: "test" }, {
    orgId: null,
    action: "organisation.update",
    entityType: "organisation",
    entityId: `org-${n}`,
    before: { name: `Comune ${n}` },
    after: { name: `Comune di ${n}`, tags: ["a", n] },
  });

async function appendMany(count: number) {
  for (let n = 1; n <= count; n++) await database.db.transaction((tx) => append(tx, n));
}
const rows = () => database.db.select().from(auditLog).orderBy(asc(auditLog.seq));

describe("audit chain", () => {
  it("links every entry to the one before by hash and keeps the head", async () => {
    await appendMany(4);
    const chain = await rows();
    expect(chain.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    for (const [i, row] of chain.entries()) {
      if (i > 0) expect(row.prevHash).toBe(chain[i - 1]!.hash);
      const { hash, prevHash, ...rest } = row;
      expect(entryHash(prevHash, rest)).toBe(hash);
    }
    expect(chain[0]).toMatchObject({ actorLabel: actor.email, actorUserId: actor.userId, ip: "203.0.113.7" });
    const [head] = await database.db.select().from(auditHead);
    expect(head).toMatchObject({ seq: 4, hash: chain[3]!.hash });
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 4, problems: [] });
  });

  it("verifies entries whose values the database stores differently from how they were given", async () => {
    await database.db.transaction((tx) =>
      appendAudit(tx, { actor: null, actorLabel: "cli" }, {
        orgId: null,
        action: "settings.update",
        entityType: "settings",
        before: { z: 1, a: [1, "perché è così", null], nested: { b: true, a: { y: 2, x: 1 } } },
        after: { when: new Date("2026-03-01T10:00:00.123Z"), ratio: 0.1 + 0.2, big: 1e21, dropped: undefined, emoji: "🇮🇹" },
      }),
    );
    const [row] = await rows();
    expect(row!.after).toEqual({ when: "2026-03-01T10:00:00.123Z", ratio: 0.30000000000000004, big: 1e21, emoji: "🇮🇹" });
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: 1, problems: [] });
  });

  it("leaves no entry behind from a transaction that rolled back", async () => {
    await appendMany(2);
    await expect(
      database.db.transaction(async (tx) => {
        await append(tx, 3);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await database.db.transaction((tx) => append(tx, 4));
    expect((await rows()).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it("detects an edited entry", async () => {
    await appendMany(5);
    await database.db.update(auditLog).set({ after: { name: "Comune falsificato" } }).where(eq(auditLog.seq, 3));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, problems: [{ seq: 3, problem: "edited" }] });
  });

  it("detects an edited entry whose hash was recomputed, by the broken link after it", async () => {
    await appendMany(5);
    const [row] = await database.db.select().from(auditLog).where(eq(auditLog.seq, 2));
    const forged = { ...row!, actorLabel: "qualcun.altro@example.it" };
    const { hash: _old, prevHash, ...rest } = forged;
    await database.db.update(auditLog).set({ actorLabel: forged.actorLabel, hash: entryHash(prevHash, rest) }).where(eq(auditLog.seq, 2));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, problems: [{ seq: 3, problem: "broken_link" }] });
  });

  it("detects a deleted entry in the middle", async () => {
    await appendMany(5);
    await database.db.delete(auditLog).where(eq(auditLog.seq, 3));
    const result = await verifyAuditChain(database.db);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({ seq: 3, problem: "missing" });
  });

  it("detects a deleted tail through the head", async () => {
    await appendMany(5);
    await database.db.delete(auditLog).where(sql`${auditLog.seq} >= 4`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, checked: 3, problems: [{ seq: 5, problem: "tail_missing" }] });
  });

  it("detects a deleted tail when the head was deleted too", async () => {
    await appendMany(5);
    await database.db.delete(auditLog).where(eq(auditLog.seq, 5));
    await database.db.delete(auditHead);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, problems: [{ seq: 4, problem: "tail_missing" }] });
  });

  it("detects that every entry was deleted", async () => {
    await appendMany(3);
    await database.db.delete(auditLog);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, checked: 0, problems: [{ seq: 3, problem: "tail_missing" }] });
  });

  it("never forks under concurrent appends from parallel transactions", async () => {
    const writers = pools.length > 0 ? pools : [database];
    const count = 30;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        writers[i % writers.length]!.db.transaction(async (tx) => {
          // some work in the transaction before the append, so transactions overlap
          await tx.execute(sql`select pg_sleep(0.005)`);
          await append(tx, i + 1);
        }),
      ),
    );
    const chain = await rows();
    expect(chain.map((r) => r.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(new Set(chain.map((r) => r.prevHash)).size).toBe(count);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: count, problems: [] });
  });

  it("reports progress while walking a long chain in batches", async () => {
    await appendMany(7);
    const progress: [number, number][] = [];
    const result = await verifyAuditChain(database.db, (checked, total) => progress.push([checked, total]), 3);
    expect(result).toEqual({ ok: true, checked: 7, problems: [] });
    expect(progress).toEqual([[3, 7], [6, 7], [7, 7]]);
  });
});

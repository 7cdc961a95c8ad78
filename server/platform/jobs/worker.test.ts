import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/helpers/test-database.ts";
import { openDatabase, type Database } from "../../db/client.ts";
import { createLogger } from "../../logger.ts";
import { jobs, outboxEvents, schedules } from "./jobs.tables.ts";
import { enqueue, publishEvent } from "./queue.ts";
import { createRegistry, Worker } from "./worker.ts";

const log = createLogger("silent");
let database: Database & { url?: string };
let second: Database | null = null;

beforeAll(async () => {
  database = await openTestDatabase();
  // On PostgreSQL the second worker has its own pool, as a second process would.
  if (database.url) second = await openDatabase({ url: database.url, poolSize: 2 });
});
afterAll(async () => {
  await second?.close();
  await database.close();
});
beforeEach(async () => {
  await database.db.delete(jobs);
  await database.db.delete(outboxEvents);
  await database.db.delete(schedules);
});

const jobRow = async (id: number) => (await database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;
/** Moves a job's next run into the past, as if its backoff had elapsed. */
const makeDue = (id: number) => database.db.update(jobs).set({ runAt: sql`now() - interval '1 second'` }).where(eq(jobs.id, id));

describe("job queue", () => {
  it("runs a job once and marks it done", async () => {
    const registry = createRegistry();
    const seen: unknown[] = [];
    registry.handle("test.once", async (payload) => void seen.push(payload));
    const worker = new Worker(database.db, registry, log);
    const id = await enqueue(database.db, "test.once", { n: 1 });
    expect(await worker.tick()).toBe(1);
    expect(await worker.tick()).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
    const row = await jobRow(id);
    expect(row).toMatchObject({ status: "done", attempts: 1, lastError: null, lockedBy: worker.id });
    expect(row.completedAt).toBeInstanceOf(Date);
  });

  it("runs a batch in the order its jobs fell due", async () => {
    const registry = createRegistry();
    const order: number[] = [];
    registry.handle("test.ordered", async (payload) => void order.push(Number(payload.n)));
    const worker = new Worker(database.db, registry, log, { batch: 10 });
    // enqueued newest first, so insertion order and due order differ
    for (let n = 5; n >= 1; n--) await enqueue(database.db, "test.ordered", { n }, { runAt: new Date(Date.now() - 60_000 + n * 1_000) });
    expect(await worker.tick()).toBe(5);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it("does not run a job before its time", async () => {
    const registry = createRegistry();
    let runs = 0;
    registry.handle("test.later", async () => void runs++);
    const worker = new Worker(database.db, registry, log);
    await enqueue(database.db, "test.later", {}, { runAt: new Date(Date.now() + 60_000) });
    expect(await worker.tick()).toBe(0);
    expect(runs).toBe(0);
  });

  it("retries a failing job with exponential backoff and keeps the error when it finally fails", async () => {
    const registry = createRegistry();
    let calls = 0;
    registry.handle("test.flaky", async () => {
      calls++;
      throw new Error(`SMTP non raggiungibile (${calls})`);
    });
    const worker = new Worker(database.db, registry, log);
    const id = await enqueue(database.db, "test.flaky", {}, { maxAttempts: 3 });

    const delays: number[] = [];
    for (const attempt of [1, 2]) {
      const before = Date.now();
      await worker.tick();
      const row = await jobRow(id);
      expect(row).toMatchObject({ status: "queued", attempts: attempt, lastError: `SMTP non raggiungibile (${attempt})`, lockedBy: null });
      delays.push((row.runAt.getTime() - before) / 1_000);
      // not due yet: another round leaves it alone
      expect(await worker.tick()).toBe(0);
      await makeDue(id);
    }
    // 2 s after the first failure, 4 s after the second
    expect(delays[0]).toBeGreaterThan(1.5);
    expect(delays[0]).toBeLessThan(3);
    expect(delays[1]).toBeGreaterThan(3.5);
    expect(delays[1]).toBeLessThan(5);

    await worker.tick();
    const failed = await jobRow(id);
    expect(failed).toMatchObject({ status: "failed", attempts: 3, lastError: "SMTP non raggiungibile (3)" });
    await makeDue(id);
    expect(await worker.tick()).toBe(0);
    expect(calls).toBe(3);
  });

  it("fails a job nobody handles instead of dropping it", async () => {
    const worker = new Worker(database.db, createRegistry(), log);
    const id = await enqueue(database.db, "test.unknown", {}, { maxAttempts: 1 });
    await worker.tick();
    expect(await jobRow(id)).toMatchObject({ status: "failed", lastError: 'no handler for job "test.unknown"' });
  });

  it("requeues a job left running by a dead node after the timeout, and only then", async () => {
    const registry = createRegistry();
    let runs = 0;
    registry.handle("test.orphan", async () => void runs++);
    const worker = new Worker(database.db, registry, log);
    const [stale] = await database.db
      .insert(jobs)
      .values({ name: "test.orphan", status: "running", attempts: 1, lockedBy: "dead-node", lockedAt: sql`now() - interval '6 minutes'` })
      .returning();
    const [busy] = await database.db
      .insert(jobs)
      .values({ name: "test.orphan", status: "running", attempts: 1, lockedBy: "live-node", lockedAt: sql`now() - interval '1 minute'` })
      .returning();
    expect(await worker.tick()).toBe(1);
    expect(runs).toBe(1);
    expect(await jobRow(stale!.id)).toMatchObject({ status: "done", attempts: 2, lockedBy: worker.id });
    expect(await jobRow(busy!.id)).toMatchObject({ status: "running", lockedBy: "live-node" });
  });

  it("skips a job of its batch that another worker requeued and took while earlier jobs were slow", async () => {
    const registry = createRegistry();
    const runs: string[] = [];
    let quickId = 0;
    const other = new Worker((second ?? database).db, registry, log);
    registry.handle("test.slow", async () => {
      runs.push("slow");
      // meanwhile the next job of the batch looks abandoned, and another worker takes it
      await database.db.update(jobs).set({ lockedAt: sql`now() - interval '6 minutes'` }).where(eq(jobs.id, quickId));
      await other.tick();
    });
    registry.handle("test.quick", async () => void runs.push("quick"));
    const worker = new Worker(database.db, registry, log, { batch: 2 });
    await enqueue(database.db, "test.slow", {}, { runAt: new Date(Date.now() - 2_000) });
    quickId = await enqueue(database.db, "test.quick", {});
    expect(await worker.tick()).toBe(1);
    expect(runs).toEqual(["slow", "quick"]);
    expect(await jobRow(quickId)).toMatchObject({ status: "done", attempts: 2, lockedBy: other.id });
  });

  it("fails, rather than requeues forever, a job that was running at its last attempt when its node died", async () => {
    const registry = createRegistry();
    let runs = 0;
    registry.handle("test.crasher", async () => void runs++);
    const worker = new Worker(database.db, registry, log);
    const [row] = await database.db
      .insert(jobs)
      .values({ name: "test.crasher", status: "running", attempts: 5, maxAttempts: 5, lockedBy: "dead-node", lockedAt: sql`now() - interval '6 minutes'` })
      .returning();
    expect(await worker.tick()).toBe(0);
    expect(runs).toBe(0);
    const after = await jobRow(row!.id);
    expect(after).toMatchObject({ status: "failed", lockedBy: null });
    expect(after.lastError).toMatch(/timed out|dead-node/);
  });
});

describe("outbox", () => {
  it("relays an event to its subscribers once the transaction that wrote it commits", async () => {
    const registry = createRegistry();
    const received: Record<string, unknown>[] = [];
    registry.handle("test.on_member_added", async (payload) => void received.push(payload));
    registry.subscribe("member.added", "test.on_member_added");
    const worker = new Worker(database.db, registry, log);
    await database.db.transaction((tx) => publishEvent(tx, "member.added", { userId: "u1" }));
    await worker.tick();
    await worker.tick();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ userId: "u1", event: "member.added" });
    const [event] = await database.db.select().from(outboxEvents);
    expect(event!.dispatchedAt).toBeInstanceOf(Date);
  });

  it("relays nothing from a transaction that rolled back", async () => {
    const registry = createRegistry();
    let runs = 0;
    registry.handle("test.on_member_added", async () => void runs++);
    registry.subscribe("member.added", "test.on_member_added");
    const worker = new Worker(database.db, registry, log);
    await expect(
      database.db.transaction(async (tx) => {
        await publishEvent(tx, "member.added", { userId: "u2" });
        await enqueue(tx, "test.on_member_added", { direct: true });
        throw new Error("validation failed after the write");
      }),
    ).rejects.toThrow("validation failed");
    expect(await worker.tick()).toBe(0);
    expect(runs).toBe(0);
    expect(await database.db.select().from(outboxEvents)).toHaveLength(0);
    expect(await database.db.select().from(jobs)).toHaveLength(0);
  });
});

describe("schedules", () => {
  it("fires a schedule when due and once per period, even with two workers", async () => {
    const registry = createRegistry();
    let runs = 0;
    registry.handle("test.nightly", async () => void runs++);
    registry.every("nightly-report", "test.nightly", 3_600);
    const workers = [new Worker(database.db, registry, log), new Worker((second ?? database).db, registry, log)];
    await workers[0]!.ensureSchedules();
    await workers[1]!.ensureSchedules();
    expect(await database.db.select().from(schedules)).toHaveLength(1);

    for (let round = 0; round < 3; round++) await Promise.all(workers.map((w) => w.tick()));
    expect(runs).toBe(1);
    const [schedule] = await database.db.select().from(schedules);
    const nextIn = (schedule!.nextRunAt.getTime() - Date.now()) / 1_000;
    expect(nextIn).toBeGreaterThan(3_500);
    expect(nextIn).toBeLessThanOrEqual(3_600);

    // the period elapses
    await database.db.update(schedules).set({ nextRunAt: sql`now() - interval '1 second'` });
    for (let round = 0; round < 3; round++) await Promise.all(workers.map((w) => w.tick()));
    expect(runs).toBe(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/helpers/test-database.ts";
import { openDatabase, type Database } from "../../db/client.ts";
import { createLogger } from "../../logger.ts";
import { jobs } from "./jobs.tables.ts";
import { enqueue } from "./queue.ts";
import { createRegistry, Worker } from "./worker.ts";

// Several worker processes on one PostgreSQL each take a job once. Each worker here has its own
// connection pool, as a separate process would; PGlite has one process, so one worker.
const JOBS = 200;
const log = createLogger("silent");
let database: Database & { url?: string };
const extra: Database[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  if (database.url) {
    for (let i = 0; i < 3; i++) extra.push(await openDatabase({ url: database.url, poolSize: 3 }));
  }
});
afterAll(async () => {
  for (const d of extra) await d.close();
  await database.close();
});

describe("workers sharing one database", () => {
  it(`run each of ${JOBS} jobs exactly once`, async () => {
    const runs = new Map<number, number>();
    const registry = createRegistry();
    registry.handle("test.count", async (payload) => {
      const n = Number(payload.n);
      runs.set(n, (runs.get(n) ?? 0) + 1);
      // yield, so the other workers' claims interleave with this one's
      await new Promise((resolve) => setTimeout(resolve, 1));
    });
    for (let n = 0; n < JOBS; n++) await enqueue(database.db, "test.count", { n });

    const handles = extra.length > 0 ? extra : [database];
    const workers = handles.map((h) => new Worker(h.db, registry, log, { batch: extra.length > 0 ? 5 : 50 }));
    const deadline = Date.now() + 20_000;
    const total = () => [...runs.values()].reduce((a, b) => a + b, 0);
    await Promise.all(
      workers.map(async (worker) => {
        while (total() < JOBS && Date.now() < deadline) {
          if ((await worker.tick()) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }),
    );

    expect(runs.size).toBe(JOBS);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    const rows = await database.db.select({ status: jobs.status, attempts: jobs.attempts, lockedBy: jobs.lockedBy }).from(jobs);
    expect(rows).toHaveLength(JOBS);
    expect(rows.every((r) => r.status === "done" && r.attempts === 1)).toBe(true);
    const takers = new Set(rows.map((r) => r.lockedBy));
    if (workers.length > 1) expect(takers.size).toBeGreaterThan(1);
    for (const taker of takers) expect(workers.map((w) => w.id)).toContain(taker);
  });
});

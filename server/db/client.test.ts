import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/helpers/test-database.ts";
import type { Database } from "./client.ts";

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("PostgreSQL connections (needs PostgreSQL: TEST_DATABASE_URL)", () => {
  let database: Database & { url?: string };
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it("survives the server closing its idle connections, as after a restart or failover", async () => {
    expect(await database.ping()).toBe(true);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const killed = await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
      );
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    // without the pool's error handler the process would have crashed on the idle client's error
    expect(await database.ping()).toBe(true);
  });
});

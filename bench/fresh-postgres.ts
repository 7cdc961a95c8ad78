import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../server/db/client.ts";

/**
 * A database of its own on the PostgreSQL server at `url`, created for one benchmark and dropped
 * by `drop()`: benchmarks never touch the data of the database they are pointed at.
 */
export async function createFreshPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cittadella_bench_${randomBytes(5).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`create database "${name}"`);
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return { url: fresh.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

/** Runs `work` on a fresh, migrated database (pool of `poolSize`), dropped afterwards. */
export async function withFreshPostgres<T>(url: string, work: (database: Database) => Promise<T>, poolSize = 2): Promise<T> {
  const fresh = await createFreshPostgres(url);
  try {
    const database = await openDatabase({ url: fresh.url, poolSize });
    try {
      await database.migrate();
      return await work(database);
    } finally {
      await database.close();
    }
  } finally {
    await fresh.drop();
  }
}

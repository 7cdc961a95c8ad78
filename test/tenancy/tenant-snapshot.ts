import { getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../server/db/client.ts";
import * as schema from "../../server/db/schema.ts";

/**
 * Every row, in every table the app declares, that mentions one of the given ids: a picture of
 * one tenant's data. New modules' tables are included without touching this file.
 */
export async function snapshotRowsMentioning(db: Db, ids: string[], skipTables: string[] = []): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const name = getTableName(value);
    if (skipTables.includes(name)) continue;
    const rows = (await db.select().from(value)) as unknown[];
    const mentioning = rows.map((row) => JSON.stringify(row)).filter((json) => ids.some((id) => json.includes(id)));
    out[name] = mentioning.sort();
  }
  return out;
}

/** Names of every table the app declares, to prove the snapshot covers them. */
export function declaredTables(): string[] {
  return Object.values(schema)
    .filter((value) => is(value, PgTable))
    .map((value) => getTableName(value as PgTable));
}

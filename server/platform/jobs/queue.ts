import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client.ts";
import { jobs, outboxEvents } from "./jobs.tables.ts";

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
}

/** Adds a job; pass the open transaction so the job exists only if the change commits. */
export async function enqueue(db: DbOrTx, name: string, payload: Record<string, unknown> = {}, options: EnqueueOptions = {}) {
  const [row] = await db
    .insert(jobs)
    .values({ name, payload, runAt: options.runAt ?? new Date(), maxAttempts: options.maxAttempts ?? 5 })
    .returning({ id: jobs.id });
  return row!.id;
}

/** Records that something happened, in the transaction that made it happen (the outbox). */
export async function publishEvent(tx: DbOrTx, name: string, payload: Record<string, unknown>) {
  await tx.insert(outboxEvents).values({ name, payload });
}

/** Seconds before retry n (1-based): 2, 4, 8, ... capped at one hour. */
export const backoffSeconds = (attempt: number) => Math.min(3_600, 2 ** attempt);

export const jobCounts = (db: DbOrTx) =>
  queryRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from jobs group by status`);

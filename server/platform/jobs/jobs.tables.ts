import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, timestampTz } from "../../db/columns.ts";

export const jobs = pgTable(
  "jobs",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    name: text().notNull(),
    payload: jsonb().notNull().default({}),
    status: text().notNull().default("queued"),
    runAt: timestamp({ precision: 3, withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(5),
    lockedBy: text(),
    lockedAt: timestampTz(),
    lastError: text(),
    completedAt: timestampTz(),
    createdAt: createdAt(),
  },
  (t) => [index("jobs_due").on(t.status, t.runAt)],
);

// Events written in the transaction that causes them; the relay turns each into jobs.
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    name: text().notNull(),
    payload: jsonb().notNull(),
    createdAt: createdAt(),
    dispatchedAt: timestampTz(),
  },
  (t) => [index("outbox_events_pending").on(t.dispatchedAt, t.id)],
);

export const schedules = pgTable("schedules", {
  name: text().primaryKey(),
  jobName: text().notNull(),
  everySeconds: integer().notNull(),
  nextRunAt: timestamp({ precision: 3, withTimezone: true }).notNull(),
});

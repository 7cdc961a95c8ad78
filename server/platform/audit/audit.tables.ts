import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Append-only, hash-chained: hash = sha256(prevHash + canonical JSON of the entry).
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigserial({ mode: "number" }).primaryKey(),
    orgId: uuid(),
    actorUserId: uuid(),
    actorLabel: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    at: timestamp({ precision: 3, withTimezone: true, mode: "date" }).notNull(),
    ip: text(),
    userAgent: text(),
    before: jsonb(),
    after: jsonb(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [index("audit_log_org").on(t.orgId, t.seq)],
);

// The newest entry's seq and hash, so deleting the tail of the chain is detected too.
export const auditHead = pgTable("audit_head", {
  id: text().primaryKey(),
  seq: bigint({ mode: "number" }).notNull(),
  hash: text().notNull(),
});

import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../authz/actor.ts";
import { auditHead, auditLog } from "./audit.tables.ts";

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEntry {
  orgId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditContext {
  actor: Pick<Actor, "userId" | "email"> | null;
  /** "system" or "cli" when no person acted */
  actorLabel?: string;
  ip?: string | null;
  userAgent?: string | null;
}

const AUDIT_LOCK = 727_002;
export const GENESIS_HASH = "0".repeat(64);

/** JSON with keys sorted at every depth, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(prevHash: string, row: Omit<AuditRow, "hash" | "prevHash">): string {
  const body = canonicalJson({
    seq: row.seq,
    orgId: row.orgId,
    actorUserId: row.actorUserId,
    actorLabel: row.actorLabel,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    at: new Date(row.at).toISOString(),
    ip: row.ip,
    userAgent: row.userAgent,
    before: row.before,
    after: row.after,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

// Values are round-tripped through JSON so what is hashed is exactly what jsonb stores back.
const asJson = (value: unknown) => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown));

/**
 * Appends one entry inside the caller's transaction. A transaction-scoped advisory lock orders
 * writers across processes, so the chain never forks.
 */
export async function appendAudit(tx: DbOrTx, context: AuditContext, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [head] = await tx.select().from(auditHead).where(sql`${auditHead.id} = 'chain'`);
  const prevHash = head?.hash ?? GENESIS_HASH;
  const seq = (head?.seq ?? 0) + 1;
  const row = {
    seq,
    orgId: entry.orgId,
    actorUserId: context.actor?.userId ?? null,
    actorLabel: context.actor?.email ?? context.actorLabel ?? "system",
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    at: new Date(),
    ip: context.ip ?? null,
    userAgent: context.userAgent?.slice(0, 300) ?? null,
    before: asJson(entry.before),
    after: asJson(entry.after),
  };
  const hash = entryHash(prevHash, row);
  await tx.insert(auditLog).values({ ...row, prevHash, hash });
  await tx
    .insert(auditHead)
    .values({ id: "chain", seq, hash })
    .onConflictDoUpdate({ target: auditHead.id, set: { seq, hash } });
}

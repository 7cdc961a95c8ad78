import { and, asc, desc, eq, gt, gte, lt, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext, type AuditRow } from "../../platform/audit/audit.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { invalidField } from "../../platform/http/errors.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/pagination.ts";
import { auditLogPolicy } from "./administration.policy.ts";
import type { AuditExportQuery, AuditFilters, AuditQuery } from "./administration.schemas.ts";

function filterConditions(orgId: string, filters: AuditFilters): SQL[] {
  const from = filters.from ? new Date(filters.from) : null;
  const to = filters.to ? new Date(filters.to) : null;
  if (from && to && from >= to) throw invalidField("query.to", "must_be_after_from");
  const conditions = [eq(auditLog.orgId, orgId)];
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.entityType) conditions.push(eq(auditLog.entityType, filters.entityType));
  if (from) conditions.push(gte(auditLog.at, from));
  if (to) conditions.push(lt(auditLog.at, to));
  return conditions;
}

/** One page of an organisation's audit entries, newest first; the cursor is the last seq. */
export async function listAuditEntries(db: Db, actor: Actor, orgId: string, query: AuditQuery) {
  auditLogPolicy.authorize(actor, "browse", { orgId });
  const conditions = filterConditions(orgId, query);
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    if (!after || typeof after[0] !== "number") throw invalidField("query.cursor", "invalid_value_generic");
    conditions.push(lt(auditLog.seq, after[0]));
  }
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.seq))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.seq]) : null };
}

/**
 * Checks the caller may export, records the export itself (who took a copy of the log matters),
 * and returns the entries oldest first, read in batches so a long log never sits in memory.
 */
export async function startAuditExport(db: Db, actor: Actor, orgId: string, query: AuditExportQuery, audit: AuditContext) {
  auditLogPolicy.authorize(actor, "export", { orgId });
  const conditions = filterConditions(orgId, query);
  await db.transaction((tx) =>
    appendAudit(tx, audit, {
      orgId,
      action: "audit.export",
      entityType: "audit_log",
      after: { format: query.format, action: query.action, entityType: query.entityType, from: query.from, to: query.to },
    }),
  );
  return (async function* entries(): AsyncGenerator<AuditRow> {
    let afterSeq = 0;
    for (;;) {
      const batch = await db
        .select()
        .from(auditLog)
        .where(and(...conditions, gt(auditLog.seq, afterSeq)))
        .orderBy(asc(auditLog.seq))
        .limit(1_000);
      yield* batch;
      if (batch.length < 1_000) return;
      afterSeq = batch.at(-1)!.seq;
    }
  })();
}

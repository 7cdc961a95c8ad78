import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import { invalidField, notFound } from "../../platform/http/errors.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/pagination.ts";
import { alertsPolicy } from "./alerts.policy.ts";
import type { Caller } from "./items.service.ts";
import { intelAlerts } from "./intel-alerts.tables.ts";
import { intelAdvisories, intelItems } from "./intel.tables.ts";
import { visibleItemsWhere } from "./tlp.ts";

// The organisation's in-app alerts: advisories that affect its products (matching.ts), newest
// first. TLP is applied again when reading, so an advisory whose marking was narrowed since the
// alert was made no longer shows its title to those who may not see it.

export async function listAlerts(db: Db, caller: Caller, orgId: string, query: { unread?: "true" | "false" | undefined; limit: number; cursor?: string | undefined }) {
  alertsPolicy.authorize(caller.actor, "list", { orgId });
  const a = intelAlerts;
  const i = intelItems;
  const cursor = decodeCursor(query.cursor);
  const wellFormed = cursor?.length === 2 && !Number.isNaN(Date.parse(String(cursor[0]))) && /^[0-9a-f-]{36}$/.test(String(cursor[1]));
  if (query.cursor && !wellFormed) throw invalidField("query.cursor", "cursor_invalid");
  const rows = await db
    .select({ id: a.id, itemId: a.itemId, matched: a.matched, createdAt: a.createdAt, readAt: a.readAt, title: i.title, tlp: i.tlp, status: i.status, severity: intelAdvisories.severity })
    .from(a)
    .innerJoin(i, eq(i.id, a.itemId))
    .leftJoin(intelAdvisories, eq(intelAdvisories.itemId, a.itemId))
    .where(
      and(
        eq(a.orgId, orgId),
        visibleItemsWhere(caller.viewer),
        query.unread === "true" ? isNull(a.readAt) : undefined,
        cursor ? sql`(${a.createdAt}, ${a.id}) < (${String(cursor[0])}::timestamptz, ${String(cursor[1])}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(a.createdAt), desc(a.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

export async function markAlertRead(db: Db, caller: Caller, orgId: string, alertId: string, audit: AuditContext) {
  alertsPolicy.authorize(caller.actor, "markRead", { orgId });
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(intelAlerts)
      .set({ readAt: sql`coalesce(${intelAlerts.readAt}, now())`, readBy: sql`coalesce(${intelAlerts.readBy}, ${caller.actor.userId}::uuid)` })
      .where(and(eq(intelAlerts.id, alertId), eq(intelAlerts.orgId, orgId)))
      .returning();
    if (!row) throw notFound();
    await appendAudit(tx, audit, { orgId, action: "intel.alert.read", entityType: "intel_alert", entityId: row.id, after: { readAt: row.readAt } });
  });
}

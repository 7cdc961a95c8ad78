import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { appendAudit } from "../../platform/audit/audit.ts";
import type { AppContext } from "../../platform/context.ts";
import { organisationRelationships } from "../identity/identity.tables.ts";
import { organisationKey } from "./anonymity.ts";
import { intelAdvisoryMatches, intelAlerts, intelOrgProducts } from "./intel-alerts.tables.ts";
import { intelAdvisoryProducts, intelCommunityMembers, intelItems } from "./intel.tables.ts";
import { loadItems, type ItemRecord } from "./item-records.ts";
import { canSee, type Viewer } from "./tlp.ts";
import { inRange, parseCpe } from "./versions.ts";
import { queueWebhook } from "./webhooks.ts";
import { ITEM_CHANGED_EVENT } from "./intel-events.ts";

// Which organisations a published advisory affects. A job, never the publishing request, so
// publishing stays fast: every minute (and whenever an "intel.item.changed" event is published) it
// takes the advisories whose current version (modifiedAt: a new one on every edit, publication or
// change of TLP) has not been matched yet, and for each one
//   1. finds the organisations running an affected product: vendor and product equal (both
//      lower-cased), the installed version inside the advisory's range, or equal to the version its
//      CPE names; an organisation that did not say which version it runs is alerted,
//   2. keeps those that may see the advisory under TLP, judged for the organisation as a whole
//      (so a RED advisory, for named people only, alerts no organisation),
//   3. records one alert per organisation and advisory; matching again never doubles it.

export const MATCH_ADVISORIES_JOB = "intel.match-advisories";

export function registerMatching(ctx: AppContext) {
  ctx.jobs.handle(MATCH_ADVISORIES_JOB, async () => {
    await matchPendingAdvisories(ctx.db, ctx.config.secretKey);
  });
  ctx.jobs.every(MATCH_ADVISORIES_JOB, MATCH_ADVISORIES_JOB, 60);
  ctx.jobs.subscribe(ITEM_CHANGED_EVENT, MATCH_ADVISORIES_JOB);
}

/** Matches every advisory version not matched yet; returns how many alerts it recorded. */
export async function matchPendingAdvisories(db: Db, secretKey: string): Promise<number> {
  const i = intelItems;
  const m = intelAdvisoryMatches;
  let alerts = 0;
  for (;;) {
    const pending = await db
      .select({ id: i.id })
      .from(i)
      .leftJoin(m, eq(m.itemId, i.id))
      .where(and(eq(i.kind, "advisory"), eq(i.status, "published"), sql`(${m.itemId} is null or ${m.matchedVersion} <> ${i.modifiedAt})`))
      .limit(100);
    if (!pending.length) return alerts;
    for (const { id } of pending) {
      alerts += await db.transaction(async (tx) => {
        const [record] = await loadItems(tx, [id], true);
        if (!record) return 0;
        const made = await matchAdvisory(tx, secretKey, record);
        await tx
          .insert(m)
          .values({ itemId: id, matchedVersion: record.row.modifiedAt })
          .onConflictDoUpdate({ target: m.itemId, set: { matchedVersion: record.row.modifiedAt, matchedAt: new Date() } });
        return made;
      });
    }
  }
}

async function matchAdvisory(tx: DbOrTx, secretKey: string, record: ItemRecord): Promise<number> {
  const affected = await tx.select().from(intelAdvisoryProducts).where(eq(intelAdvisoryProducts.itemId, record.row.id));
  if (!affected.length) return 0;
  const op = intelOrgProducts;
  const pairs = affected.map((p) => sql`(${p.vendor}, ${p.product})`);
  const running = await tx.select().from(op).where(sql`(${op.vendor}, ${op.product}) in (${sql.join(pairs, sql`, `)})`);

  const matchedByOrg = new Map<string, string[]>();
  for (const installed of running) {
    const hit = affected.some((p) => {
      if (p.vendor !== installed.vendor || p.product !== installed.product) return false;
      const bounded = p.versionStartIncluding || p.versionStartExcluding || p.versionEndIncluding || p.versionEndExcluding;
      return inRange(installed.version, { ...p, exact: bounded ? null : (p.cpe ? parseCpe(p.cpe)?.version : null) });
    });
    if (hit) matchedByOrg.set(installed.orgId, [...(matchedByOrg.get(installed.orgId) ?? []), [installed.vendor, installed.product, installed.version].filter(Boolean).join(" ")]);
  }
  if (!matchedByOrg.size) return 0;

  const viewers = await organisationViewers(tx, secretKey, [...matchedByOrg.keys()]);
  let made = 0;
  for (const viewer of viewers) {
    if (!canSee(viewer, record.sharing)) continue;
    const [alert] = await tx
      .insert(intelAlerts)
      .values({ orgId: viewer.orgId!, itemId: record.row.id, matched: matchedByOrg.get(viewer.orgId!)! })
      .onConflictDoNothing()
      .returning({ id: intelAlerts.id });
    if (!alert) continue;
    made++;
    await queueWebhook(tx, viewer.orgId!, alert.id);
    await appendAudit(tx, { actor: null, actorLabel: "system" }, { orgId: viewer.orgId, action: "intel.alert.create", entityType: "intel_alert", entityId: alert.id, after: { itemId: record.row.id } });
  }
  return made;
}

/** Each organisation as TLP sees it when no particular person is looking: its communities and the organisations it is IT provider of. */
export async function organisationViewers(tx: DbOrTx, secretKey: string, orgIds: string[]): Promise<Viewer[]> {
  const members = await tx.select().from(intelCommunityMembers).where(inArray(intelCommunityMembers.orgId, orgIds));
  const r = organisationRelationships;
  const provided = await tx.select({ from: r.fromOrgId, to: r.toOrgId }).from(r).where(and(eq(r.kind, "provider_of"), inArray(r.fromOrgId, orgIds)));
  return orgIds.map((orgId) => ({
    userId: null,
    orgId,
    providerOf: provided.filter((p) => p.from === orgId).map((p) => p.to),
    communityIds: members.filter((c) => c.orgId === orgId).map((c) => c.communityId),
    orgKey: organisationKey(secretKey, orgId),
  }));
}

import { inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client.ts";
import { organisations } from "../../identity/identity.tables.ts";
import { intelComments, intelSightings } from "../intel.tables.ts";
import { loadItems, type ItemRecord } from "../item-records.ts";
import { visibleIds } from "../items.service.ts";
import type { Viewer } from "../tlp.ts";
import {
  organisationIdentityId,
  type AdvisorySeverity,
  type AuthorOrganisation,
  type IndicatorType,
  type ItemStatus,
  type SharedComment,
  type SharedIndicator,
  type SharedItem,
  type TlpLevel,
} from "../stix/index.ts";
import { intelItemStix } from "./exchange.tables.ts";

// Items as the STIX library takes them, from the core's records. The caller passes only records
// it has checked against TLP; an advisory's linked indicators are checked here, so an export never
// carries an indicator the caller could not open by itself.

type Remediation = { title: string; url?: string | null; steps?: string | null };

/** Everything the export needs beyond the core records, one query per table. */
async function extrasOf(db: DbOrTx, records: ItemRecord[]) {
  const ids = records.map((r) => r.row.id);
  const [patterns, sightings, comments] = ids.length
    ? await Promise.all([
        db.select().from(intelItemStix).where(inArray(intelItemStix.itemId, ids)),
        db.select().from(intelSightings).where(inArray(intelSightings.itemId, ids)),
        db.select().from(intelComments).where(inArray(intelComments.itemId, ids)),
      ])
    : [[], [], []];
  const orgIds = [...new Set([...records.map((r) => r.row.authorOrgId), ...comments.map((c) => c.authorOrgId)].filter((id): id is string => id !== null))];
  const orgRows = orgIds.length ? await db.select({ id: organisations.id, name: organisations.name, createdAt: organisations.createdAt }).from(organisations).where(inArray(organisations.id, orgIds)) : [];
  const sightingCount = new Map<string, number>();
  for (const s of sightings) sightingCount.set(s.itemId, (sightingCount.get(s.itemId) ?? 0) + s.count);
  const byItem = new Map<string, (typeof comments)[number][]>();
  for (const c of comments) byItem.set(c.itemId, [...(byItem.get(c.itemId) ?? []), c]);
  return {
    patterns: new Map(patterns.map((p) => [p.itemId, p])),
    sightings: sightingCount,
    comments: byItem,
    orgs: new Map(orgRows.map((o) => [o.id, { identityId: organisationIdentityId(o.id), name: o.name, created: o.createdAt, modified: o.createdAt } satisfies AuthorOrganisation])),
  };
}

type Extras = Awaited<ReturnType<typeof extrasOf>>;

function toShared(record: ItemRecord, extras: Extras, linked: Map<string, SharedIndicator>): SharedItem {
  const row = record.row;
  // anonymous items carry no author, whatever the row says
  const author = row.anonymous || !row.authorOrgId ? null : (extras.orgs.get(row.authorOrgId) ?? null);
  const comments: SharedComment[] = (extras.comments.get(row.id) ?? [])
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((c) => ({ stixId: c.stixId, body: c.body, created: c.createdAt, anonymous: c.anonymous, author: c.anonymous || !c.authorOrgId ? null : (extras.orgs.get(c.authorOrgId) ?? null) }));
  const common = {
    stixId: row.stixId,
    created: row.createdAt,
    modified: row.modifiedAt,
    title: row.title,
    tlp: row.tlp as TlpLevel,
    status: row.status as ItemStatus,
    validUntil: row.validUntil,
    anonymous: row.anonymous,
    author,
    sightingCount: extras.sightings.get(row.id) ?? 0,
    comments,
  };
  if (record.advisory) {
    const a = record.advisory;
    const remediation = (list: unknown) => (list as Remediation[]).map((p) => ({ title: p.title, url: p.url ?? null, steps: p.steps ?? null }));
    return {
      ...common,
      kind: "advisory",
      summary: a.summary,
      severity: a.severity as AdvisorySeverity,
      affectedProducts: a.products.map((p) => ({
        vendor: p.vendor,
        product: p.product,
        versionStartIncluding: p.versionStartIncluding,
        versionStartExcluding: p.versionStartExcluding,
        versionEndIncluding: p.versionEndIncluding,
        versionEndExcluding: p.versionEndExcluding,
        cpe: p.cpe,
      })),
      cveIds: a.cveIds,
      patches: remediation(a.patches),
      mitigations: remediation(a.mitigations),
      references: (a.references as { title?: string | null; url: string }[]).map((r) => ({ title: r.title ?? null, url: r.url })),
      indicators: a.indicatorIds.flatMap((id) => (linked.has(id) ? [linked.get(id)!] : [])),
    };
  }
  if (record.report) {
    const r = record.report;
    return {
      ...common,
      kind: "experience_report",
      attackType: r.attackType,
      entryVector: r.entryVector,
      impact: r.impact,
      timeToRecoverHours: r.timeToRecoverHours,
      detection: r.detection,
      whatWorked: r.whatWorked,
      lessons: r.lessons,
      narrative: r.narrative,
    };
  }
  const i = record.indicator;
  const kept = extras.patterns.get(row.id);
  return {
    ...common,
    kind: "indicator",
    observables: i ? [{ type: i.type as IndicatorType, value: i.value }] : [],
    verbatimPattern: kept?.pattern ? { pattern: kept.pattern, patternType: kept.patternType ?? "stix", ...(kept.patternVersion ? { patternVersion: kept.patternVersion } : {}) } : null,
    description: i?.description ?? null,
    firstSeen: i?.firstSeen ?? null,
    lastSeen: i?.lastSeen ?? null,
    confidence: i?.confidence ?? null,
  };
}

/**
 * The library's items for records the caller may see. Linked indicators the viewer may not see
 * are left out of their advisory.
 */
export async function sharedItemsOf(db: DbOrTx, viewer: Viewer, records: ItemRecord[]): Promise<SharedItem[]> {
  const linkedIds = [...new Set(records.flatMap((r) => r.advisory?.indicatorIds ?? []))];
  const visible = await visibleIds(db, viewer, linkedIds);
  const linkedRecords = await loadItems(db, linkedIds.filter((id) => visible.has(id)));
  const extras = await extrasOf(db, [...records, ...linkedRecords]);
  const linked = new Map(linkedRecords.map((r) => [r.row.id, toShared(r, extras, new Map()) as SharedIndicator]));
  return records.map((r) => toShared(r, extras, linked));
}

import type { Actor } from "../../platform/authz/actor.ts";
import type { IndicatorType } from "./normalise.ts";
import { itemPolicy } from "./intel.policy.ts";
import type { ItemRecord } from "./item-records.ts";
import { isAuthorOrganisation, type Tlp, type Viewer } from "./tlp.ts";

// Exactly what leaves the server for an item. An anonymous item shows no author and no sharing
// lists (those would say who wrote it) to anyone but its author's organisation.

type Kind = "advisory" | "indicator" | "experience_report";
type Status = "draft" | "published" | "revoked";
type LinkSteps = { title: string; url?: string | null; steps?: string | null };

const iso = (d: Date | null) => d?.toISOString() ?? null;
const links = (value: unknown) => (value as LinkSteps[]).map((l) => ({ title: l.title, url: l.url ?? null, steps: l.steps ?? null }));

export interface PresentOptions {
  holdsEditKey?: boolean;
  /** linked indicators the caller may see; the others are left out */
  visibleIndicatorIds?: Set<string>;
  now?: Date;
}

export function presentItem(actor: Actor | null, viewer: Viewer, record: ItemRecord, options: PresentOptions = {}) {
  const { row, sharing } = record;
  const holdsEditKey = options.holdsEditKey ?? false;
  const now = options.now ?? new Date();
  const ownOrganisation = isAuthorOrganisation(viewer, sharing) || holdsEditKey;
  const visible = options.visibleIndicatorIds;
  return {
    id: row.id,
    kind: row.kind as Kind,
    stixId: row.stixId,
    title: row.title,
    tlp: row.tlp as Tlp,
    status: row.status as Status,
    revoked: row.revoked,
    anonymous: row.anonymous,
    author: !row.anonymous && row.authorOrgId && record.authorOrgName ? { orgId: row.authorOrgId, orgName: record.authorOrgName } : null,
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.modifiedAt.toISOString(),
    validUntil: iso(row.validUntil),
    expired: row.validUntil !== null && row.validUntil.getTime() <= now.getTime(),
    communityIds: ownOrganisation ? sharing.communityIds : sharing.communityIds.filter((c) => viewer.communityIds.includes(c)),
    sharing: ownOrganisation
      ? { recipientOrgIds: sharing.recipientOrgIds, recipientUserIds: sharing.recipientUserIds, providersAllowed: sharing.providersAllowed, communityIds: sharing.communityIds }
      : null,
    advisory: record.advisory
      ? {
          summary: record.advisory.summary,
          severity: record.advisory.severity as "low" | "medium" | "high" | "critical",
          cveIds: record.advisory.cveIds,
          affectedProducts: record.advisory.products.map((p) => ({
            vendor: p.vendor,
            product: p.product,
            versionStartIncluding: p.versionStartIncluding,
            versionStartExcluding: p.versionStartExcluding,
            versionEndIncluding: p.versionEndIncluding,
            versionEndExcluding: p.versionEndExcluding,
            cpe: p.cpe,
          })),
          patches: links(record.advisory.patches),
          mitigations: links(record.advisory.mitigations),
          references: (record.advisory.references as { title?: string | null; url: string }[]).map((r) => ({ title: r.title ?? null, url: r.url })),
          indicatorIds: record.advisory.indicatorIds.filter((id) => visible?.has(id) ?? false),
        }
      : null,
    indicator: record.indicator
      ? {
          type: record.indicator.type as IndicatorType,
          value: record.indicator.value,
          firstSeen: iso(record.indicator.firstSeen),
          lastSeen: iso(record.indicator.lastSeen),
          confidence: record.indicator.confidence,
          description: record.indicator.description,
        }
      : null,
    experienceReport: record.report
      ? {
          attackType: record.report.attackType,
          entryVector: record.report.entryVector,
          impact: record.report.impact,
          timeToRecoverHours: record.report.timeToRecoverHours,
          detection: record.report.detection,
          whatWorked: record.report.whatWorked,
          lessons: record.report.lessons,
          narrative: record.report.narrative,
        }
      : null,
    actions: actor ? itemPolicy.allowedActions(actor, { sharing, viewer, holdsEditKey }) : [],
  };
}

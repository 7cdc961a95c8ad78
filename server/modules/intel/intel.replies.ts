import { z } from "zod";
import { indicatorTypes } from "./normalise.ts";
import { tlpLevels } from "./tlp.ts";
import { itemKinds, itemStatuses, severities } from "./intel.schemas.ts";
import { findingKinds } from "./personal-data-scan.ts";

// What the intel routes answer. An anonymous item's reply has `author: null` and nothing else
// that names its author; the sharing lists are shown to the author's organisation only.

const LinkSteps = z.object({ title: z.string(), url: z.string().nullable(), steps: z.string().nullable() });

export const AdvisoryDetailsSchema = z
  .object({
    summary: z.string(),
    severity: z.enum(severities),
    cveIds: z.array(z.string()),
    affectedProducts: z.array(
      z.object({
        vendor: z.string(),
        product: z.string(),
        versionStartIncluding: z.string().nullable(),
        versionStartExcluding: z.string().nullable(),
        versionEndIncluding: z.string().nullable(),
        versionEndExcluding: z.string().nullable(),
        cpe: z.string().nullable(),
      }),
    ),
    patches: z.array(LinkSteps),
    mitigations: z.array(LinkSteps),
    references: z.array(z.object({ title: z.string().nullable(), url: z.string() })),
    /** the linked indicators the caller may see */
    indicatorIds: z.array(z.uuid()),
  })
  .meta({ id: "IntelAdvisoryDetails" });

export const IndicatorDetailsSchema = z
  .object({
    type: z.enum(indicatorTypes),
    value: z.string(),
    firstSeen: z.iso.datetime().nullable(),
    lastSeen: z.iso.datetime().nullable(),
    confidence: z.number().int().nullable(),
    description: z.string().nullable(),
  })
  .meta({ id: "IntelIndicatorDetails" });

export const ReportDetailsSchema = z
  .object({
    attackType: z.string(),
    entryVector: z.string().nullable(),
    impact: z.string().nullable(),
    timeToRecoverHours: z.number().int().nullable(),
    detection: z.string().nullable(),
    whatWorked: z.string().nullable(),
    lessons: z.string().nullable(),
    narrative: z.string(),
  })
  .meta({ id: "IntelExperienceReportDetails" });

export const IntelItemSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(itemKinds),
    stixId: z.string(),
    title: z.string(),
    tlp: z.enum(tlpLevels),
    status: z.enum(itemStatuses),
    revoked: z.boolean(),
    anonymous: z.boolean(),
    /** null for an anonymous item */
    author: z.object({ orgId: z.uuid(), orgName: z.string() }).nullable(),
    createdAt: z.iso.datetime(),
    modifiedAt: z.iso.datetime(),
    validUntil: z.iso.datetime().nullable(),
    expired: z.boolean(),
    /** communities it was shared with that the caller is a member of (all of them for the author) */
    communityIds: z.array(z.uuid()),
    /** null unless the caller's organisation is the author */
    sharing: z
      .object({ recipientOrgIds: z.array(z.uuid()), recipientUserIds: z.array(z.uuid()), providersAllowed: z.boolean(), communityIds: z.array(z.uuid()) })
      .nullable(),
    advisory: AdvisoryDetailsSchema.nullable(),
    indicator: IndicatorDetailsSchema.nullable(),
    experienceReport: ReportDetailsSchema.nullable(),
    actions: z.array(z.string()),
  })
  .meta({ id: "IntelItem" });

export const IntelItemListSchema = z.object({ items: z.array(IntelItemSchema), nextCursor: z.string().nullable() }).meta({ id: "IntelItemList" });

/** The reply to a new anonymous publication: the only time the edit key is shown. */
export const PublishedSchema = IntelItemSchema.extend({ editKey: z.string().nullable() }).meta({ id: "IntelPublished" });
export const PublishedIndicatorsSchema = z
  .object({
    items: z.array(IntelItemSchema),
    /** the items that already existed, shared the same way, and were refreshed instead of added */
    refreshedIds: z.array(z.uuid()),
    editKey: z.string().nullable(),
  })
  .meta({ id: "IntelPublishedIndicators" });

export const SightingsSchema = z.object({ organisations: z.number().int(), total: z.number().int() }).meta({ id: "IntelSightings" });

export const IntelCommentSchema = z
  .object({
    id: z.uuid(),
    stixId: z.string(),
    body: z.string(),
    anonymous: z.boolean(),
    author: z.object({ orgName: z.string().nullable(), name: z.string().nullable() }).nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "IntelComment" });
export const IntelCommentListSchema = z.object({ items: z.array(IntelCommentSchema) }).meta({ id: "IntelCommentList" });

export const ScanInputSchema = z.strictObject({
  text: z.string().max(200_000),
  /** host names and addresses the author knows are its own, added to what the server knows */
  ownDomains: z.array(z.string().trim().min(3).max(253)).max(50).default([]),
  ownAddresses: z.array(z.ipv4()).max(200).default([]),
});
export const ScanResultSchema = z
  .object({ findings: z.array(z.object({ kind: z.enum(findingKinds), start: z.number().int(), end: z.number().int(), text: z.string() })) })
  .meta({ id: "IntelScanResult" });

import { z } from "zod";
import { indicatorTypes } from "./normalise.ts";
import { tlpLevels } from "./tlp.ts";

// The API contract of shared items: sharing (TLP and who), advisories, indicators, experience
// reports, sightings and comments.

export const itemKinds = ["advisory", "indicator", "experience_report"] as const;
export const itemStatuses = ["draft", "published", "revoked"] as const;
export const severities = ["low", "medium", "high", "critical"] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const SharingInputSchema = z.strictObject({
  tlp: z.enum(tlpLevels),
  /** GREEN: at least one; the author's organisation must be a member of each */
  communityIds: z.array(z.uuid()).max(50).default([]),
  /** AMBER and AMBER+STRICT: at least one organisation */
  recipientOrgIds: z.array(z.uuid()).max(500).default([]),
  /** RED: at least one person */
  recipientUserIds: z.array(z.uuid()).max(500).default([]),
  /** AMBER only: the recipients' IT providers may see it too */
  providersAllowed: z.boolean().default(false),
});
export type SharingInput = z.infer<typeof SharingInputSchema>;

export const PublishOptionsSchema = {
  sharing: SharingInputSchema,
  /** publish without author: only a key, returned once, lets the author edit or withdraw it */
  anonymous: z.boolean().default(false),
  /** draft: only the author's organisation sees it until published */
  status: z.enum(["draft", "published"]).default("published"),
  validUntil: z.iso.datetime().nullable().optional(),
};

export const ProductInputSchema = z.strictObject({
  vendor: text(200),
  product: text(200),
  versionStartIncluding: optionalText(100),
  versionStartExcluding: optionalText(100),
  versionEndIncluding: optionalText(100),
  versionEndExcluding: optionalText(100),
  cpe: z
    .string()
    .regex(/^cpe:2\.3:[aho*-](?::(?:[^:\\]|\\.)*){10}$/, "cpe_invalid")
    .max(500)
    .nullable()
    .optional(),
});

const LinkStepsSchema = z.strictObject({ title: text(300), url: httpUrl.nullable().optional(), steps: optionalText(5000) });
const ReferenceSchema = z.strictObject({ title: optionalText(300), url: httpUrl });
const cveId = z.string().regex(/^CVE-\d{4}-\d{4,}$/, "cve_invalid");

export const AdvisoryFieldsSchema = {
  title: text(300),
  summary: text(20_000),
  severity: z.enum(severities),
  affectedProducts: z.array(ProductInputSchema).max(200).default([]),
  cveIds: z.array(cveId).max(200).default([]),
  patches: z.array(LinkStepsSchema).max(100).default([]),
  mitigations: z.array(LinkStepsSchema).max(100).default([]),
  references: z.array(ReferenceSchema).max(100).default([]),
  /** indicators (items the author can see) this advisory points at */
  indicatorIds: z.array(z.uuid()).max(1000).default([]),
};
export const CreateAdvisorySchema = z.strictObject({ ...PublishOptionsSchema, ...AdvisoryFieldsSchema });
export type CreateAdvisory = z.infer<typeof CreateAdvisorySchema>;
export const UpdateAdvisorySchema = z.strictObject({
  title: text(300).optional(),
  summary: text(20_000).optional(),
  severity: z.enum(severities).optional(),
  affectedProducts: z.array(ProductInputSchema).max(200).optional(),
  cveIds: z.array(cveId).max(200).optional(),
  patches: z.array(LinkStepsSchema).max(100).optional(),
  mitigations: z.array(LinkStepsSchema).max(100).optional(),
  references: z.array(ReferenceSchema).max(100).optional(),
  validUntil: z.iso.datetime().nullable().optional(),
});
export type UpdateAdvisory = z.infer<typeof UpdateAdvisorySchema>;

export const IndicatorInputSchema = z.strictObject({
  type: z.enum(indicatorTypes),
  value: z.string().min(1).max(2048),
  /** defaults to "<type> <value>" */
  title: text(300).optional(),
  description: optionalText(5000),
  firstSeen: z.iso.datetime().nullable().optional(),
  lastSeen: z.iso.datetime().nullable().optional(),
  validUntil: z.iso.datetime().nullable().optional(),
  confidence: z.number().int().min(0).max(100).nullable().optional(),
});
export type IndicatorInput = z.infer<typeof IndicatorInputSchema>;
export const CreateIndicatorsSchema = z.strictObject({
  sharing: SharingInputSchema,
  anonymous: z.boolean().default(false),
  /** all are added or none */
  indicators: z.array(IndicatorInputSchema).min(1).max(1000),
});
export type CreateIndicators = z.infer<typeof CreateIndicatorsSchema>;
export const UpdateIndicatorSchema = z.strictObject({
  description: optionalText(5000),
  lastSeen: z.iso.datetime().nullable().optional(),
  validUntil: z.iso.datetime().nullable().optional(),
  confidence: z.number().int().min(0).max(100).nullable().optional(),
});
export type UpdateIndicator = z.infer<typeof UpdateIndicatorSchema>;

export const ReportFieldsSchema = {
  title: text(300),
  attackType: text(200),
  entryVector: optionalText(500),
  impact: optionalText(5000),
  timeToRecoverHours: z.number().int().min(0).max(100_000).nullable().optional(),
  detection: optionalText(5000),
  whatWorked: optionalText(5000),
  lessons: optionalText(10_000),
  narrative: text(50_000),
};
export const CreateReportSchema = z.strictObject({ ...PublishOptionsSchema, ...ReportFieldsSchema });
export type CreateReport = z.infer<typeof CreateReportSchema>;
export const UpdateReportSchema = z.strictObject(
  Object.fromEntries(Object.entries(ReportFieldsSchema).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof ReportFieldsSchema]: z.ZodOptional<(typeof ReportFieldsSchema)[K]> },
);
export type UpdateReport = z.infer<typeof UpdateReportSchema>;

export const CommentInputSchema = z.strictObject({ body: text(10_000), anonymous: z.boolean().default(false) });
export const SightingInputSchema = z.strictObject({ count: z.number().int().min(1).max(1_000_000).default(1) });

export const ListItemsQuerySchema = z.strictObject({
  kind: z.enum(itemKinds).optional(),
  tlp: z.enum(tlpLevels).optional(),
  severity: z.enum(severities).optional(),
  indicatorType: z.enum(indicatorTypes).optional(),
  communityId: z.uuid().optional(),
  /** shared on or after / before, ISO date-times */
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  /** full-text search, Italian and English */
  q: z.string().trim().min(1).max(200).optional(),
  includeExpired: z.enum(["true", "false"]).default("false"),
  includeRevoked: z.enum(["true", "false"]).default("false"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListItemsQuery = z.infer<typeof ListItemsQuerySchema>;
export const PublicListQuerySchema = ListItemsQuerySchema.omit({ tlp: true, communityId: true, includeRevoked: true });

export const ItemParams = z.strictObject({ intelItemId: z.uuid() });
export const EditKeyHeaders = z.object({
  /** the key returned when an anonymous item was published */
  "x-intel-edit-key": z.string().min(1).max(200).optional(),
});

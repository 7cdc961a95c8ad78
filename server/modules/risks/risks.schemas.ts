import { z } from "zod";
import { MAX_STEPS, MIN_STEPS, riskLevels } from "./risk-matrix.ts";
import { riskStages } from "./risk-scores.ts";

// The API contract of the risk register (docs/plans/risks-api.md). Shape checks live here; checks
// that need the organisation's matrix or records (scores within the matrix, owner, gaps) run in
// the service after the policy, so another organisation always gets 404, never a hint.

export const treatments = ["mitigate", "accept", "transfer", "avoid"] as const;
export const riskStatuses = ["open", "closed"] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const score = z.number().int().min(1).max(MAX_STEPS);
const calendarDate = z.iso.date();

export const OrgParams = z.strictObject({ orgId: z.uuid() });
export const RiskParams = z.strictObject({ orgId: z.uuid(), riskId: z.uuid() });

export const StageInputSchema = z
  .strictObject({
    likelihood: score,
    impacts: z.strictObject({ service: score, personal_data: score, legal: score, financial: score, reputation: score }),
  });

export const StageSchema = z
  .object({
    likelihood: z.number().int(),
    impacts: z.object({ service: z.number().int(), personal_data: z.number().int(), legal: z.number().int(), financial: z.number().int(), reputation: z.number().int() }),
    /** the worst dimension */
    impact: z.number().int(),
    level: z.enum(riskLevels),
  })
  .meta({ id: "RiskStage" });

/** Accepting a risk is a decision someone answers for: approver, reason and expiry are all required. */
export const AcceptanceInputSchema = z.strictObject({
  approverId: z.uuid(),
  /** how the approver's name should read; the member's name when omitted */
  approverName: text(200).optional(),
  reason: text(2000),
  expiresOn: calendarDate,
});

export const GapLinkSchema = z.strictObject({ assessmentId: z.uuid(), requirementId: z.string().min(1).max(64) });
// replies get schemas of their own: an OpenAPI component is either input or output
const GapSchema = z.object({ assessmentId: z.uuid(), requirementId: z.string() }).meta({ id: "RiskGap" });
const ScoresSchema = z
  .object({
    likelihood: z.number().int(),
    impacts: z.object({ service: z.number().int(), personal_data: z.number().int(), legal: z.number().int(), financial: z.number().int(), reputation: z.number().int() }),
  })
  .meta({ id: "RiskScores" });

const riskFields = {
  title: text(200),
  description: z.string().trim().max(5000).nullable().optional(),
  threatId: z.string().min(1).max(64),
  affectedServices: z.string().trim().max(2000).nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
  inherent: StageInputSchema,
  current: StageInputSchema.nullable().optional(),
  residual: StageInputSchema.nullable().optional(),
  treatment: z.enum(treatments).nullable().optional(),
  treatmentNotes: z.string().trim().max(5000).nullable().optional(),
  acceptance: AcceptanceInputSchema.nullable().optional(),
  reviewEveryMonths: z.number().int().min(1).max(60).optional(),
  /** replaces the whole list when given */
  gaps: z.array(GapLinkSchema).max(200).optional(),
};

export const CreateRiskSchema = z.strictObject(riskFields);
export type CreateRisk = z.infer<typeof CreateRiskSchema>;

export const UpdateRiskSchema = z.strictObject({
  ...riskFields,
  title: riskFields.title.optional(),
  threatId: riskFields.threatId.optional(),
  inherent: riskFields.inherent.optional(),
  status: z.enum(riskStatuses).optional(),
  /** why the scores changed, kept in the history */
  reason: text(2000).optional(),
});
export type UpdateRisk = z.infer<typeof UpdateRiskSchema>;

export const ReviewRiskSchema = z.strictObject({ notes: z.string().trim().max(5000).optional() });

export const RiskListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  threatId: z.string().max(64).optional(),
  level: z.enum(riskLevels).optional(),
  /** the stage the level, likelihood and impact filters look at; inherent unless given */
  stage: z.enum(riskStages).optional(),
  /** a heat map cell: likelihood row and impact column of that stage */
  likelihood: z.coerce.number().int().min(1).max(10).optional(),
  impact: z.coerce.number().int().min(1).max(10).optional(),
  treatment: z.enum(treatments).optional(),
  status: z.enum(riskStatuses).optional(),
  ownerId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RiskListFilter = z.infer<typeof RiskListQuery>;

export const HeatmapQuery = z.strictObject({
  stage: z.enum(riskStages).default("inherent"),
  threatId: z.string().max(64).optional(),
  treatment: z.enum(treatments).optional(),
  status: z.enum(riskStatuses).optional(),
});
export type HeatmapFilter = z.infer<typeof HeatmapQuery>;

export const RiskSchema = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    number: z.number().int(),
    ref: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    threatId: z.string(),
    affectedServices: z.string().nullable(),
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    inherent: StageSchema,
    current: StageSchema.nullable(),
    residual: StageSchema.nullable(),
    treatment: z.enum(treatments).nullable(),
    treatmentNotes: z.string().nullable(),
    acceptance: z.object({ approverId: z.uuid().nullable(), approverName: z.string().nullable(), reason: z.string(), expiresOn: z.string() }).nullable(),
    status: z.enum(riskStatuses),
    reviewEveryMonths: z.number().int(),
    nextReviewOn: z.string().nullable(),
    lastReviewedAt: z.iso.datetime().nullable(),
    gaps: z.array(GapSchema),
    actionIds: z.array(z.uuid()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    actions: z.array(z.string()),
  })
  .meta({ id: "Risk" });

export const RiskListSchema = z.object({ items: z.array(RiskSchema), nextCursor: z.string().nullable() }).meta({ id: "RiskList" });

export const RiskHistorySchema = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(),
        stage: z.enum(riskStages),
        before: ScoresSchema.nullable(),
        after: ScoresSchema.nullable(),
        levelBefore: z.enum(riskLevels).nullable(),
        levelAfter: z.enum(riskLevels).nullable(),
        changedByName: z.string().nullable(),
        reason: z.string().nullable(),
        changedAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: "RiskHistory" });

export const HeatmapSchema = z
  .object({
    stage: z.enum(riskStages),
    likelihoodSteps: z.number().int(),
    impactSteps: z.number().int(),
    cells: z.array(z.object({ likelihood: z.number().int(), impact: z.number().int(), level: z.enum(riskLevels), count: z.number().int() })),
  })
  .meta({ id: "RiskHeatmap" });

const labels = z.strictObject({ it: z.array(text(60)).min(MIN_STEPS).max(MAX_STEPS), en: z.array(text(60)).min(MIN_STEPS).max(MAX_STEPS) });

export const MatrixInputSchema = z.strictObject({
  likelihoodSteps: z.number().int().min(MIN_STEPS).max(MAX_STEPS),
  impactSteps: z.number().int().min(MIN_STEPS).max(MAX_STEPS),
  likelihoodLabels: labels,
  impactLabels: labels,
  cells: z.array(z.array(z.enum(riskLevels)).min(MIN_STEPS).max(MAX_STEPS)).min(MIN_STEPS).max(MAX_STEPS),
});
export type MatrixInput = z.infer<typeof MatrixInputSchema>;

export const MatrixSchema = z
  .object({
    likelihoodSteps: z.number().int(),
    impactSteps: z.number().int(),
    likelihoodLabels: z.object({ it: z.array(z.string()), en: z.array(z.string()) }),
    impactLabels: z.object({ it: z.array(z.string()), en: z.array(z.string()) }),
    cells: z.array(z.array(z.enum(riskLevels))),
    isDefault: z.boolean(),
    actions: z.array(z.string()),
  })
  .meta({ id: "RiskMatrix" });

export const ThreatListSchema = z
  .object({
    items: z.array(
      z.object({ id: z.string(), category: z.string(), title: z.object({ it: z.string(), en: z.string() }), description: z.object({ it: z.string(), en: z.string() }) }),
    ),
  })
  .meta({ id: "ThreatList" });

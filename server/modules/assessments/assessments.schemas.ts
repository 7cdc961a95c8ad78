import { z } from "zod";

// The API contract of the assessments module.

export const answerStatuses = ["implemented", "partial", "not_implemented", "not_applicable"] as const;
export const assessmentStatuses = ["draft", "in_review", "approved"] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const requirementId = z.string().min(1).max(64);
const calendarDate = z.iso.date();

export const AssigneeInputSchema = z.strictObject({
  userId: z.uuid(),
  /** the requirements this person answers; omit for every requirement (own organisation only) */
  requirementIds: z.array(requirementId).min(1).max(500).optional(),
});

export const CreateAssessmentSchema = z.strictObject({
  frameworkId: z.string().min(1).max(64),
  level: z.string().min(1).max(32).optional(),
  /** omit for the whole entity */
  scopeService: text(200).optional(),
  title: text(200),
  targetDate: calendarDate.optional(),
  ownerId: z.uuid().optional(),
  assignees: z.array(AssigneeInputSchema).max(200).optional(),
});
export type CreateAssessment = z.infer<typeof CreateAssessmentSchema>;

export const UpdateAssessmentSchema = z.strictObject({
  scopeService: text(200).nullable().optional(),
  title: text(200).optional(),
  targetDate: calendarDate.nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
  /** replaces the whole list when given */
  assignees: z.array(AssigneeInputSchema).max(200).optional(),
});
export type UpdateAssessment = z.infer<typeof UpdateAssessmentSchema>;

export const AnswerInputSchema = z.strictObject({
  requirementId,
  status: z.enum(answerStatuses),
  /** mandatory when status is not_applicable */
  reason: text(2000).nullable().optional(),
  currentMaturity: z.number().int().nullable().optional(),
  targetMaturity: z.number().int().nullable().optional(),
  notes: z.string().max(5000).nullable().optional(),
});
export type AnswerInput = z.infer<typeof AnswerInputSchema>;

export const BulkAnswersSchema = z.strictObject({ answers: z.array(AnswerInputSchema).min(1).max(1000) });

export const ApproveSchema = z.strictObject({
  /** the person signing off, as it should read in the report */
  signedBy: text(200),
  /** let the organisation's coordinators read the approved assessment; decided once, at sign-off */
  shareUpward: z.boolean().default(false),
});

export const AnswerSchema = z
  .object({
    requirementId: z.string(),
    status: z.enum(answerStatuses),
    reason: z.string().nullable(),
    currentMaturity: z.number().int().nullable(),
    targetMaturity: z.number().int().nullable(),
    notes: z.string().nullable(),
    /** pre-filled from a mapped framework, not yet confirmed by a person (saving it confirms) */
    derived: z.boolean(),
    answeredBy: z.uuid().nullable(),
    answeredAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "AssessmentAnswer" });

export const AssigneeSchema = z
  .object({ userId: z.uuid(), requirementIds: z.array(z.string()).nullable() })
  .meta({ id: "AssessmentAssignee" });

export const AssessmentSummarySchema = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    frameworkId: z.string(),
    level: z.string().nullable(),
    scopeService: z.string().nullable(),
    title: z.string(),
    targetDate: z.string().nullable(),
    ownerId: z.uuid().nullable(),
    status: z.enum(assessmentStatuses),
    approvedBy: z.uuid().nullable(),
    approvedByName: z.string().nullable(),
    approvedAt: z.iso.datetime().nullable(),
    sharedUpward: z.boolean(),
    previousId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    actions: z.array(z.string()),
  })
  .meta({ id: "AssessmentSummary" });

export const AssessmentSchema = AssessmentSummarySchema.extend({
  assignees: z.array(AssigneeSchema),
  answers: z.array(AnswerSchema),
  /** requirement ids the caller may answer; null for every requirement */
  answerable: z.array(z.string()).nullable(),
}).meta({ id: "Assessment" });

export const AssessmentListSchema = z.object({ items: z.array(AssessmentSummarySchema) }).meta({ id: "AssessmentList" });

const localized = z.object({ it: z.string().optional(), en: z.string().optional() });
const GroupScoreSchema = z
  .object({
    id: z.string(),
    title: localized,
    requirements: z.number().int(),
    answered: z.number().int(),
    notApplicable: z.number().int(),
    compliancePercent: z.number().nullable(),
    averageCurrentMaturity: z.number().nullable(),
    averageTargetMaturity: z.number().nullable(),
  })
  .meta({ id: "AssessmentGroupScore" });

export const ResultsSchema = z
  .object({
    assessmentId: z.uuid(),
    overall: GroupScoreSchema,
    functions: z.array(GroupScoreSchema),
    categories: z.array(GroupScoreSchema),
    gaps: z.array(
      z.object({
        requirementId: z.string(),
        functionId: z.string(),
        currentMaturity: z.number().int(),
        targetMaturity: z.number().int(),
        importance: z.number(),
        weightedDistance: z.number(),
      }),
    ),
  })
  .meta({ id: "AssessmentResults" });

export const OrgParams = z.strictObject({ orgId: z.uuid() });
export const AssessmentParams = z.strictObject({ orgId: z.uuid(), assessmentId: z.uuid() });

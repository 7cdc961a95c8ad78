import { z } from "zod";

// The API contract of the improvement roadmap (docs/plans/risks-api.md, "Roadmap").

export const csfFunctions = ["govern", "identify", "protect", "detect", "respond", "recover"] as const;
export const actionStatuses = ["planned", "in_progress", "blocked", "done", "cancelled"] as const;
export const priorityLevels = ["low", "medium", "high", "critical"] as const;
export const efforts = ["small", "medium", "large"] as const;
export type CsfFunction = (typeof csfFunctions)[number];
export type ActionStatus = (typeof actionStatuses)[number];
export type PriorityLevel = (typeof priorityLevels)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const calendarDate = z.iso.date();

export const GapRefSchema = z.strictObject({ assessmentId: z.uuid(), requirementId: z.string().min(1).max(64) });
export const PriorityOverrideSchema = z.strictObject({ level: z.enum(priorityLevels), reason: text(1000) });

export const CreateActionSchema = z.strictObject({
  title: text(200),
  description: z.string().max(5000).optional(),
  csfFunction: z.enum(csfFunctions),
  /** the entity itself (default) or its IT provider */
  ownerOrgId: z.uuid().optional(),
  ownerUserId: z.uuid().optional(),
  riskIds: z.array(z.uuid()).max(100).optional(),
  /** the assessment gaps the action closes: a gap becomes an action this way */
  gaps: z.array(GapRefSchema).max(100).optional(),
  dependsOnIds: z.array(z.uuid()).max(100).optional(),
  priorityOverride: PriorityOverrideSchema.optional(),
  effort: z.enum(efforts).optional(),
  estimatedCostCents: z.number().int().min(0).max(1e13).optional(),
  startOn: calendarDate.optional(),
  dueOn: calendarDate.optional(),
  status: z.enum(actionStatuses).optional(),
  progress: z.number().int().min(0).max(100).optional(),
});
export type CreateAction = z.infer<typeof CreateActionSchema>;

export const UpdateActionSchema = z.strictObject({
  title: text(200).optional(),
  description: z.string().max(5000).nullable().optional(),
  csfFunction: z.enum(csfFunctions).optional(),
  ownerOrgId: z.uuid().optional(),
  ownerUserId: z.uuid().nullable().optional(),
  /** each list replaces the whole list when given */
  riskIds: z.array(z.uuid()).max(100).optional(),
  gaps: z.array(GapRefSchema).max(100).optional(),
  dependsOnIds: z.array(z.uuid()).max(100).optional(),
  /** null goes back to the derived priority */
  priorityOverride: PriorityOverrideSchema.nullable().optional(),
  effort: z.enum(efforts).nullable().optional(),
  estimatedCostCents: z.number().int().min(0).max(1e13).nullable().optional(),
  startOn: calendarDate.nullable().optional(),
  dueOn: calendarDate.nullable().optional(),
  status: z.enum(actionStatuses).optional(),
  progress: z.number().int().min(0).max(100).optional(),
});
export type UpdateAction = z.infer<typeof UpdateActionSchema>;

/** what the provider's people may change on the actions assigned to their organisation */
export const providerEditableFields = ["status", "progress", "description", "startOn", "dueOn"] as const;

const booleanQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const ActionListQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  status: z.enum(actionStatuses).optional(),
  csfFunction: z.enum(csfFunctions).optional(),
  ownerOrgId: z.uuid().optional(),
  late: booleanQuery.optional(),
  riskId: z.uuid().optional(),
  /** the timeline's window: actions whose start..due span meets [from, to] */
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ActionListQuery = z.infer<typeof ActionListQuerySchema>;

export const EvidenceInputSchema = z.strictObject({
  title: text(200),
  /** a web page or document elsewhere (http or https) */
  url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  /** a file uploaded first with POST /api/orgs/{orgId}/files */
  fileId: z.uuid().optional(),
});
export type ActionEvidenceInput = z.infer<typeof EvidenceInputSchema>;

export const ActionEvidenceSchema = z
  .object({ id: z.uuid(), title: z.string(), url: z.string().nullable(), fileId: z.uuid().nullable(), createdAt: z.iso.datetime() })
  .meta({ id: "ActionEvidence" });

export const ActionSchema = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    number: z.number().int(),
    /** "A-7", what people say in meetings */
    ref: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    csfFunction: z.enum(csfFunctions),
    ownerOrgId: z.uuid(),
    ownerOrgName: z.string(),
    ownerUserId: z.uuid().nullable(),
    ownerUserName: z.string().nullable(),
    priority: z.object({
      /** the override when there is one, else the derived level */
      level: z.enum(priorityLevels),
      derivedLevel: z.enum(priorityLevels),
      derivedScore: z.number().int(),
      /** why the derived level, in the caller's language, e.g. "Riduce R-3 da alto a basso" */
      reason: z.string(),
      override: z.object({ level: z.enum(priorityLevels), reason: z.string() }).nullable(),
    }),
    effort: z.enum(efforts).nullable(),
    estimatedCostCents: z.number().int().nullable(),
    startOn: z.string().nullable(),
    dueOn: z.string().nullable(),
    status: z.enum(actionStatuses),
    progress: z.number().int(),
    /** the due date has passed and the action is neither done nor cancelled */
    late: z.boolean(),
    riskIds: z.array(z.uuid()),
    gaps: z.array(z.object({ assessmentId: z.uuid(), requirementId: z.string() })),
    dependsOnIds: z.array(z.uuid()),
    evidence: z.array(ActionEvidenceSchema),
    completedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    actions: z.array(z.string()),
  })
  .meta({ id: "Action" });

export const ActionListSchema = z.object({ items: z.array(ActionSchema), nextCursor: z.string().nullable() }).meta({ id: "ActionList" });

export const RoadmapSummarySchema = z
  .object({
    byStatus: z.record(z.enum(actionStatuses), z.number().int()),
    byFunction: z.record(z.enum(csfFunctions), z.number().int()),
    late: z.number().int(),
    /** of the actions not cancelled */
    totalCostCents: z.number().int(),
  })
  .meta({ id: "RoadmapSummary" });

export const CalendarFeedSchema = z.object({ url: z.string() }).meta({ id: "RoadmapCalendarFeed" });

export const ActionsOrgParams = z.strictObject({ orgId: z.uuid() });
export const ActionParams = z.strictObject({ orgId: z.uuid(), actionId: z.uuid() });
export const ActionEvidenceParams = z.strictObject({ orgId: z.uuid(), actionId: z.uuid(), evidenceId: z.uuid() });
export const FeedParams = z.strictObject({ feedToken: z.string().min(1).max(200) });

import { z } from "zod";
import { roles } from "../../platform/authz/actor.ts";

// The API contract of an organisation's training plan: assignments of paths to its employees,
// what each learner sees of theirs, and the managers' report.

const learnerStatuses = ["not_started", "in_progress", "completed", "overdue"] as const;

export const OrgParams = z.strictObject({ orgId: z.uuid() });
export const AssignmentParams = z.strictObject({ orgId: z.uuid(), assignmentId: z.uuid() });

const TargetSchema = z
  .strictObject({
    roles: z.array(z.enum(roles)).max(roles.length).default([]),
    offices: z.array(z.string().trim().min(1).max(120)).max(100).default([]),
    /** everyone marked as member of the management body (giunta) */
    managementBody: z.boolean().default(false),
    userIds: z.array(z.uuid()).max(5000).default([]),
  })
  .meta({ id: "AcademyAssignmentTarget" });

export const AssignmentCreateSchema = z.strictObject({
  /** checked against the published paths (an unknown one is refused naming the field) */
  pathSlug: z.string().min(1).max(64),
  /** a calendar day (Italy), today or later */
  dueOn: z.iso.date(),
  /** anyone matching any of these; at least one must be given */
  target: TargetSchema,
  /** add people who later join or move into the roles, offices or management body (a named list never grows) */
  followsMembers: z.boolean().default(true),
});
export type AssignmentCreateReq = z.infer<typeof AssignmentCreateSchema>;

const Counts = { assigned: z.number().int(), completed: z.number().int(), overdue: z.number().int(), averageScore: z.number().nullable() };

export const AssignmentSchema = z
  .object({
    id: z.uuid(),
    pathSlug: z.string(),
    pathTitle: z.string(),
    dueOn: z.iso.date(),
    target: z.object({ roles: z.array(z.enum(roles)), offices: z.array(z.string()), managementBody: z.boolean(), userIds: z.array(z.uuid()) }),
    followsMembers: z.boolean(),
    createdAt: z.iso.datetime(),
    createdByName: z.string().nullable(),
    ...Counts,
    actions: z.array(z.string()),
  })
  .meta({ id: "AcademyAssignment" });
export const AssignmentListSchema = z.object({ items: z.array(AssignmentSchema) }).meta({ id: "AcademyAssignmentList" });

export const AssignmentLearnerSchema = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    office: z.string().nullable(),
    managementBody: z.boolean(),
    status: z.enum(learnerStatuses),
    completedAt: z.iso.datetime().nullable(),
    /** mean of the learner's best quiz and exercise scores on the path, in % */
    score: z.number().nullable(),
  })
  .meta({ id: "AcademyAssignmentLearner" });
export const AssignmentDetailSchema = AssignmentSchema.extend({ learners: z.array(AssignmentLearnerSchema) }).meta({ id: "AcademyAssignmentDetail" });

export const MyAssignmentSchema = z
  .object({
    id: z.uuid(),
    pathSlug: z.string(),
    pathTitle: z.string(),
    dueOn: z.iso.date(),
    assignedAt: z.iso.datetime(),
    status: z.enum(learnerStatuses),
    completedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "AcademyMyAssignment" });
export const MyAssignmentListSchema = z.object({ items: z.array(MyAssignmentSchema) }).meta({ id: "AcademyMyAssignmentList" });

export const ReportQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const ReportExportQuery = ReportQuery.extend({ lang: z.enum(["it", "en"]).default("it") });

const EmployeeSchema = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(roles),
    office: z.string().nullable(),
    managementBody: z.boolean(),
    /** minutes of training completed in the year (authored estimates of the items completed) */
    minutes: z.number().int(),
    hours: z.number(),
    itemsCompleted: z.number().int(),
    pathsCompleted: z.number().int(),
    assigned: z.number().int(),
    completed: z.number().int(),
    overdue: z.number().int(),
  })
  .meta({ id: "AcademyReportEmployee" });

export const TrainingReportSchema = z
  .object({
    organisation: z.string(),
    year: z.number().int(),
    generatedAt: z.iso.datetime(),
    /** the yearly objective of training hours per employee the report measures against */
    objectiveHours: z.number(),
    totals: z.object({ employees: z.number().int(), hours: z.number(), employeesMeetingObjective: z.number().int(), ...Counts }),
    assignments: z.array(z.object({ id: z.uuid(), pathSlug: z.string(), pathTitle: z.string(), dueOn: z.iso.date(), ...Counts })),
    /** office null: members with no office set */
    offices: z.array(z.object({ office: z.string().nullable(), employees: z.number().int(), hours: z.number(), ...Counts })),
    employees: z.array(EmployeeSchema),
    managementBody: z.object({ members: z.array(EmployeeSchema), hours: z.number(), ...Counts }),
  })
  .meta({ id: "AcademyTrainingReport" });

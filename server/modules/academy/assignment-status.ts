import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Role } from "../../platform/authz/actor.ts";
import { memberships, users } from "../identity/identity.tables.ts";
import { academyAssignmentLearners, academyAssignments } from "./academy-assignments.tables.ts";
import { academyProgress } from "./academy.tables.ts";

// Where each assigned learner stands, worked out from the academy's progress when asked (never
// stored twice): completed when the path is complete, whenever that was (before the assignment
// too); overdue when not complete after the due date; in progress once any item is recorded.
// Only people still members of the organisation count: someone who left drops out of the figures.

/** the "due soon" reminder goes out this many days before the due date */
export const REMIND_DAYS_BEFORE = 7;

export type LearnerStatus = "not_started" | "in_progress" | "completed" | "overdue";

/** Today's date in Italy, YYYY-MM-DD: due dates are calendar days where the employees are. */
export function todayInItaly(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** A calendar day plus n days, YYYY-MM-DD. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function learnerStatus(p: { completedAt: Date | null; itemsTouched: number }, dueOn: string, today: string): LearnerStatus {
  if (p.completedAt) return "completed";
  if (dueOn < today) return "overdue";
  return p.itemsTouched > 0 ? "in_progress" : "not_started";
}

export interface AssignedLearner {
  assignmentId: string;
  pathSlug: string;
  pathTitle: string;
  dueOn: string;
  assignedAt: Date;
  userId: string;
  name: string;
  email: string;
  locale: string;
  role: Role;
  office: string | null;
  managementBody: boolean;
  completedAt: Date | null;
  itemsTouched: number;
  /** mean of the best quiz and exercise scores on the path, % */
  score: number | null;
  status: LearnerStatus;
}

/** Progress on the given paths of the given people: completion, items touched, mean score. */
export async function progressOf(db: DbOrTx, userIds: string[], slugs: string[]) {
  const found = new Map<string, { completedAt: Date | null; itemsTouched: number; score: number | null }>();
  if (!userIds.length || !slugs.length) return found;
  const rows = await db
    .select({
      userId: academyProgress.userId,
      pathSlug: academyProgress.pathSlug,
      completedAt: sql<Date | null>`max(${academyProgress.completedAt}) filter (where ${academyProgress.kind} = 'path')`.mapWith(academyProgress.completedAt),
      itemsTouched: sql<number>`count(*) filter (where ${academyProgress.kind} = 'item')`.mapWith(Number),
      score: sql<number | null>`avg(${academyProgress.score}) filter (where ${academyProgress.kind} = 'item')`.mapWith(Number),
    })
    .from(academyProgress)
    .where(and(inArray(academyProgress.userId, userIds), inArray(academyProgress.pathSlug, slugs)))
    .groupBy(academyProgress.userId, academyProgress.pathSlug);
  for (const r of rows) found.set(`${r.userId}\n${r.pathSlug}`, { completedAt: r.completedAt, itemsTouched: r.itemsTouched, score: r.score === null ? null : Math.round(r.score * 10) / 10 });
  return found;
}

/** The learners of an organisation's assignments (narrowed by `where`), with where each stands. */
export async function assignedLearners(db: DbOrTx, orgId: string, where: SQL[] = [], today = todayInItaly()): Promise<AssignedLearner[]> {
  const rows = await db
    .select({
      assignmentId: academyAssignments.id,
      pathSlug: academyAssignments.pathSlug,
      pathTitle: academyAssignments.pathTitle,
      dueOn: academyAssignments.dueOn,
      assignedAt: academyAssignmentLearners.assignedAt,
      userId: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      role: memberships.role,
      office: memberships.office,
      managementBody: memberships.managementBody,
    })
    .from(academyAssignmentLearners)
    .innerJoin(academyAssignments, eq(academyAssignments.id, academyAssignmentLearners.assignmentId))
    .innerJoin(memberships, and(eq(memberships.userId, academyAssignmentLearners.userId), eq(memberships.orgId, academyAssignmentLearners.orgId)))
    .innerJoin(users, eq(users.id, academyAssignmentLearners.userId))
    .where(and(eq(academyAssignmentLearners.orgId, orgId), ...where))
    .orderBy(academyAssignments.dueOn, users.name);
  const progress = await progressOf(db, [...new Set(rows.map((r) => r.userId))], [...new Set(rows.map((r) => r.pathSlug))]);
  return rows.map((r) => {
    const p = progress.get(`${r.userId}\n${r.pathSlug}`) ?? { completedAt: null, itemsTouched: 0, score: null };
    return { ...r, role: r.role as Role, ...p, status: learnerStatus(p, r.dueOn, today) };
  });
}

export interface Counts {
  assigned: number;
  completed: number;
  overdue: number;
  averageScore: number | null;
}

/** Assigned, completed, overdue and the mean score of those who have one. */
export function countLearners(learners: readonly Pick<AssignedLearner, "status" | "score">[]): Counts {
  const scored = learners.filter((l) => l.score !== null);
  return {
    assigned: learners.length,
    completed: learners.filter((l) => l.status === "completed").length,
    overdue: learners.filter((l) => l.status === "overdue").length,
    averageScore: scored.length ? Math.round((scored.reduce((s, l) => s + l.score!, 0) / scored.length) * 10) / 10 : null,
  };
}

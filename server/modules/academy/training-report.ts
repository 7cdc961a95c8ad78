import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor, Role } from "../../platform/authz/actor.ts";
import { memberships, organisations, users } from "../identity/identity.tables.ts";
import { academyAssignments } from "./academy-assignments.tables.ts";
import { academyProgress } from "./academy.tables.ts";
import { assignedLearners, countLearners, todayInItaly, type AssignedLearner } from "./assignment-status.ts";
import { trainingPlanPolicy } from "./assignments.policy.ts";
import { itemMinutes, pathById } from "./path-content.ts";

// The managers' training report for a calendar year.
// - Assignments: those due in the year; per assignment and per office (the learner's office now),
//   assigned, completed, overdue and the mean score.
// - Hours of training per employee: the authored time of every item completed in the year (an
//   article's or video's estimated minutes, a minute a quiz question, five an exercise; see
//   itemMinutes), on any path, assigned or not. Not the measured durations in xAPI results:
//   those exist only for some items and grow when a tab is left open, while an estimate per
//   item is the same for everyone and can be checked against the path. A quiz failed counts
//   nothing until it is passed.
// - The management body (giunta) on its own, as NIS2 (art. 20.2) asks for its training.
// Everyone is a current member of the organisation; nobody else ever appears.

/** Yearly objective per public employee: 40 hours (Direttiva del Ministro per la PA, 14 gennaio 2025). */
export const OBJECTIVE_HOURS = 40;

const DONE = ["completed", "passed"];
function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const t of list) {
    const group = groups.get(key(t));
    if (group) group.push(t);
    else groups.set(key(t), [t]);
  }
  return groups;
}

const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** The first instant of a year in Italy (1 January is always CET, UTC+1). */
const yearStart = (year: number) => new Date(`${year}-01-01T00:00:00+01:00`);

export async function trainingReport(db: Db, actor: Actor, orgId: string, year = Number(todayInItaly().slice(0, 4))) {
  trainingPlanPolicy.authorize(actor, "readReport", { orgId });
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  const members = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, office: memberships.office, managementBody: memberships.managementBody })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(memberships.office), asc(users.name));

  // items completed in the year by the organisation's members, with the version they did them on
  const done = members.length
    ? await db
        .select({ userId: academyProgress.userId, kind: academyProgress.kind, itemId: academyProgress.itemId, pathId: academyProgress.pathId })
        .from(academyProgress)
        .innerJoin(memberships, and(eq(memberships.userId, academyProgress.userId), eq(memberships.orgId, orgId)))
        .where(and(inArray(academyProgress.status, DONE), gte(academyProgress.completedAt, yearStart(year)), lt(academyProgress.completedAt, yearStart(year + 1))))
    : [];
  const minutes = new Map<string, { minutes: number; items: number; paths: number }>();
  for (const row of done) {
    const entry = minutes.get(row.userId) ?? { minutes: 0, items: 0, paths: 0 };
    if (row.kind === "path") entry.paths++;
    if (row.kind === "item") {
      const item = (await pathById(db, row.pathId))?.items.get(row.itemId)?.item;
      entry.items++;
      entry.minutes += item ? itemMinutes(item) : 0;
    }
    minutes.set(row.userId, entry);
  }

  const learners = await assignedLearners(db, orgId, [gte(academyAssignments.dueOn, `${year}-01-01`), lt(academyAssignments.dueOn, `${year + 1}-01-01`)]);
  const byLearner = groupBy(learners, (l) => l.userId);
  const employees = members.map((m) => {
    const t = minutes.get(m.userId) ?? { minutes: 0, items: 0, paths: 0 };
    const counts = countLearners(byLearner.get(m.userId) ?? []);
    return {
      ...m,
      role: m.role as Role,
      minutes: t.minutes,
      hours: hoursOf(t.minutes),
      itemsCompleted: t.items,
      pathsCompleted: t.paths,
      assigned: counts.assigned,
      completed: counts.completed,
      overdue: counts.overdue,
    };
  });

  const assignments = [...groupBy(learners, (l) => l.assignmentId).values()].map((ls) => {
    const first = ls[0]!;
    return { id: first.assignmentId, pathSlug: first.pathSlug, pathTitle: first.pathTitle, dueOn: first.dueOn, ...countLearners(ls) };
  });
  const officeOf = (o: string | null) => o ?? "";
  const officeNames = [...new Set(members.map((m) => officeOf(m.office)))].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b, "it")));
  const offices = officeNames.map((name) => {
    const people = employees.filter((e) => officeOf(e.office) === name);
    const officeMinutes = people.reduce((s, e) => s + e.minutes, 0);
    return { office: name || null, employees: people.length, hours: hoursOf(officeMinutes), ...countLearners(learners.filter((l: AssignedLearner) => officeOf(l.office) === name)) };
  });
  const board = employees.filter((e) => e.managementBody);
  const totalMinutes = employees.reduce((s, e) => s + e.minutes, 0);
  return {
    organisation: org?.name ?? "",
    year,
    generatedAt: new Date().toISOString(),
    objectiveHours: OBJECTIVE_HOURS,
    totals: {
      employees: employees.length,
      hours: hoursOf(totalMinutes),
      employeesMeetingObjective: employees.filter((e) => e.minutes >= OBJECTIVE_HOURS * 60).length,
      ...countLearners(learners),
    },
    assignments,
    offices,
    employees,
    managementBody: {
      members: board,
      hours: hoursOf(board.reduce((s, e) => s + e.minutes, 0)),
      ...countLearners(learners.filter((l) => l.managementBody)),
    },
  };
}

export type TrainingReport = Awaited<ReturnType<typeof trainingReport>>;

import { and, eq, gte, inArray, isNull, lte, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit } from "../../platform/audit/audit.ts";
import type { AppContext } from "../../platform/context.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { queueMail } from "../../platform/mail/mailer.ts";
import { organisations } from "../identity/identity.tables.ts";
import { academyAssignmentLearners, academyAssignments } from "./academy-assignments.tables.ts";
import { addDays, assignedLearners, REMIND_DAYS_BEFORE, todayInItaly, type AssignedLearner } from "./assignment-status.ts";
import { resolveTarget } from "./assignment-targets.ts";
import { addLearners, learnerLink } from "./assignments.service.ts";

// The training plan's daily round, run by whichever worker takes the schedule:
// 1. people who now match an assignment's roles, offices or management body (joined the
//    organisation, moved office) are added while its due date is still ahead, and told by mail;
// 2. a learner who has not completed the path gets one reminder in the week before the due date
//    and one notice once it has passed, never more: remindedAt and overdueNotifiedAt are set in
//    the transaction that queues the mail, by an update that only takes rows still unset, so a
//    crash or a second worker neither loses nor doubles a message.

export const ASSIGNMENT_REMINDERS_JOB = "academy.assignment_reminders";
const SYSTEM = { actor: null, actorLabel: "system" } as const;

type Kind = "due_soon" | "overdue";

async function remind(db: Db, publicUrl: string, assignment: typeof academyAssignments.$inferSelect, kind: Kind, today: string): Promise<number> {
  return db.transaction(async (tx) => {
    const column = kind === "due_soon" ? academyAssignmentLearners.remindedAt : academyAssignmentLearners.overdueNotifiedAt;
    const pending: SQL[] = [eq(academyAssignments.id, assignment.id), isNull(column)];
    const learners = (await assignedLearners(tx, assignment.orgId, pending, today)).filter((l) => l.status !== "completed");
    if (!learners.length) return 0;
    const taken = await tx
      .update(academyAssignmentLearners)
      .set(kind === "due_soon" ? { remindedAt: new Date() } : { overdueNotifiedAt: new Date() })
      .where(and(eq(academyAssignmentLearners.assignmentId, assignment.id), isNull(column), inArray(academyAssignmentLearners.userId, learners.map((l) => l.userId))))
      .returning({ userId: academyAssignmentLearners.userId });
    const mine = new Set(taken.map((t) => t.userId));
    const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, assignment.orgId));
    const sent: AssignedLearner[] = learners.filter((l) => mine.has(l.userId));
    for (const l of sent) {
      await queueMail(tx, {
        to: l.email,
        template: kind === "due_soon" ? "academy_assignment_due_soon" : "academy_assignment_overdue",
        locale: (l.locale === "en" ? "en" : "it") as Locale,
        orgId: assignment.orgId,
        params: { name: l.name, orgName: org?.name ?? "", pathTitle: assignment.pathTitle, dueOn: assignment.dueOn, link: learnerLink(publicUrl, assignment.pathSlug) },
      });
    }
    if (sent.length) {
      await appendAudit(tx, SYSTEM, {
        orgId: assignment.orgId,
        action: kind === "due_soon" ? "academy.assignment.reminded" : "academy.assignment.overdue_notified",
        entityType: "academy_assignment",
        entityId: assignment.id,
        after: { dueOn: assignment.dueOn, learners: sent.map((l) => l.userId) },
      });
    }
    return sent.length;
  });
}

/** One daily round; returns how many people were added, reminded and told they are overdue. */
export async function runAssignmentRound(db: Db, publicUrl: string, now = new Date()) {
  const today = todayInItaly(now);
  const result = { added: 0, reminded: 0, overdue: 0 };
  const following = await db
    .select()
    .from(academyAssignments)
    .where(and(eq(academyAssignments.followsMembers, true), gte(academyAssignments.dueOn, today)));
  for (const assignment of following) {
    await db.transaction(async (tx) => {
      const matching = await resolveTarget(tx, assignment.orgId, assignment.target, { rulesOnly: true });
      const added = await addLearners(tx, publicUrl, assignment, matching, now);
      if (added.length) {
        await appendAudit(tx, SYSTEM, { orgId: assignment.orgId, action: "academy.assignment.learners_added", entityType: "academy_assignment", entityId: assignment.id, after: { learners: added } });
      }
      result.added += added.length;
    });
  }
  const dueSoon = await db
    .select()
    .from(academyAssignments)
    .where(and(gte(academyAssignments.dueOn, today), lte(academyAssignments.dueOn, addDays(today, REMIND_DAYS_BEFORE))));
  for (const assignment of dueSoon) result.reminded += await remind(db, publicUrl, assignment, "due_soon", today);
  const late = await db.select().from(academyAssignments).where(lte(academyAssignments.dueOn, addDays(today, -1)));
  for (const assignment of late) result.overdue += await remind(db, publicUrl, assignment, "overdue", today);
  return result;
}

export function registerAssignmentReminders(ctx: AppContext) {
  ctx.jobs.handle(ASSIGNMENT_REMINDERS_JOB, async () => {
    await runAssignmentRound(ctx.db, ctx.config.publicUrl);
  });
  ctx.jobs.every(ASSIGNMENT_REMINDERS_JOB, ASSIGNMENT_REMINDERS_JOB, 86_400);
}

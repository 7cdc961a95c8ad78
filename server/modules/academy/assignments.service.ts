import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { tokenAllows } from "../../platform/authz/policy.ts";
import { forbidden, invalidField } from "../../platform/http/errors.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import { queueMail } from "../../platform/mail/mailer.ts";
import { organisations, users } from "../identity/identity.tables.ts";
import { academyAssignmentLearners, academyAssignments } from "./academy-assignments.tables.ts";
import { academyPaths } from "./academy.tables.ts";
import { addDays, assignedLearners, countLearners, REMIND_DAYS_BEFORE, todayInItaly, type AssignedLearner } from "./assignment-status.ts";
import { firstNonMember, resolveTarget, targetIsEmpty } from "./assignment-targets.ts";
import { assignmentPolicy, trainingPlanPolicy } from "./assignments.policy.ts";
import type { AssignmentCreateReq } from "./assignments.schemas.ts";

export type AssignmentRow = typeof academyAssignments.$inferSelect;

export const learnerLink = (publicUrl: string, slug: string) => new URL(`/academy/${encodeURIComponent(slug)}`, publicUrl).toString();

/** The path an organisation may assign: a published version, public or its own. */
async function assignablePath(db: DbOrTx, orgId: string, slug: string) {
  const rows = await db
    .select({ status: academyPaths.status, title: academyPaths.title, language: academyPaths.language, visibility: academyPaths.visibility, ownerOrgId: academyPaths.ownerOrgId, publishedAt: academyPaths.publishedAt })
    .from(academyPaths)
    .where(eq(academyPaths.slug, slug));
  const visible = rows.filter((r) => r.visibility === "public" || r.ownerOrgId === orgId);
  if (!visible.length) throw invalidField("body.pathSlug", "academy_path_unknown");
  const published = visible
    .filter((r) => r.status === "published")
    .sort((a, b) => Number(b.language === "it") - Number(a.language === "it") || (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0));
  if (!published.length) throw invalidField("body.pathSlug", "academy_path_not_published");
  return published[0]!;
}

/** Adds learners to an assignment (those already on it are skipped) and tells each by mail; returns who was added. */
export async function addLearners(tx: DbOrTx, publicUrl: string, assignment: AssignmentRow, userIds: string[], at = new Date()): Promise<string[]> {
  if (!userIds.length) return [];
  const soon = assignment.dueOn <= addDays(todayInItaly(at), REMIND_DAYS_BEFORE);
  const added = await tx
    .insert(academyAssignmentLearners)
    // the mail below already gives the due date: no "due soon" reminder on top when it is that close
    .values(userIds.map((userId) => ({ assignmentId: assignment.id, userId, orgId: assignment.orgId, assignedAt: at, remindedAt: soon ? at : null })))
    .onConflictDoNothing()
    .returning({ userId: academyAssignmentLearners.userId });
  if (!added.length) return [];
  const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, assignment.orgId));
  const people = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(inArray(users.id, added.map((a) => a.userId)));
  for (const person of people) {
    await queueMail(tx, {
      to: person.email,
      template: "academy_assignment_new",
      locale: (person.locale === "en" ? "en" : "it") as Locale,
      orgId: assignment.orgId,
      params: { name: person.name, orgName: org?.name ?? "", pathTitle: assignment.pathTitle, dueOn: assignment.dueOn, link: learnerLink(publicUrl, assignment.pathSlug) },
    });
  }
  return added.map((a) => a.userId);
}

/**
 * Assigns a published path to the members the target resolves to now. Refused, with nothing
 * written, when the due date is past, the path unknown or unpublished, the target empty, a named
 * person not a member, or nobody matches.
 */
export async function createAssignment(db: Db, publicUrl: string, actor: Actor, orgId: string, body: AssignmentCreateReq, audit: AuditContext) {
  trainingPlanPolicy.authorize(actor, "assign", { orgId });
  const today = todayInItaly();
  if (body.dueOn < today) throw invalidField("body.dueOn", "academy_due_date_past", { today });
  const target = { roles: body.target.roles, offices: [...new Set(body.target.offices.map((o) => o.trim()))], managementBody: body.target.managementBody, userIds: [...new Set(body.target.userIds)] };
  if (targetIsEmpty(target)) throw invalidField("body.target", "academy_target_empty");
  const path = await assignablePath(db, orgId, body.pathSlug);
  const outsider = await firstNonMember(db, orgId, target.userIds);
  if (outsider !== -1) throw invalidField(`body.target.userIds.${body.target.userIds.indexOf(target.userIds[outsider]!)}`, "academy_learner_not_member");
  return db.transaction(async (tx) => {
    const learners = await resolveTarget(tx, orgId, target);
    if (!learners.length) throw invalidField("body.target", "academy_target_nobody");
    const [row] = await tx
      .insert(academyAssignments)
      .values({ orgId, pathSlug: body.pathSlug, pathTitle: path.title, target, followsMembers: body.followsMembers, dueOn: body.dueOn, createdBy: actor.userId })
      .returning();
    await addLearners(tx, publicUrl, row!, learners);
    await appendAudit(tx, audit, {
      orgId,
      action: "academy.assignment.create",
      entityType: "academy_assignment",
      entityId: row!.id,
      after: { pathSlug: row!.pathSlug, dueOn: row!.dueOn, target, followsMembers: row!.followsMembers, learners: learners.length },
    });
    return row!;
  });
}

async function creatorNames(db: DbOrTx, rows: AssignmentRow[]) {
  const ids = [...new Set(rows.map((r) => r.createdBy).filter((id): id is string => id !== null))];
  const found = ids.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
  return new Map(found.map((u) => [u.id, u.name]));
}

function presentAssignment(actor: Actor, row: AssignmentRow, learners: AssignedLearner[], names: Map<string, string>) {
  return {
    id: row.id,
    pathSlug: row.pathSlug,
    pathTitle: row.pathTitle,
    dueOn: row.dueOn,
    target: { roles: row.target.roles as never[], offices: row.target.offices, managementBody: row.target.managementBody, userIds: row.target.userIds },
    followsMembers: row.followsMembers,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdBy ? (names.get(row.createdBy) ?? null) : null,
    ...countLearners(learners),
    actions: assignmentPolicy.allowedActions(actor, row),
  };
}

/** The organisation's assignments, latest due date first, with their figures. */
export async function listAssignments(db: Db, actor: Actor, orgId: string) {
  trainingPlanPolicy.authorize(actor, "list", { orgId });
  const rows = await db.select().from(academyAssignments).where(eq(academyAssignments.orgId, orgId)).orderBy(desc(academyAssignments.dueOn), desc(academyAssignments.createdAt));
  const learners = await assignedLearners(db, orgId);
  const names = await creatorNames(db, rows);
  return rows.map((r) =>
    presentAssignment(
      actor,
      r,
      learners.filter((l) => l.assignmentId === r.id),
      names,
    ),
  );
}

async function loadAssignment(db: DbOrTx, orgId: string, assignmentId: string) {
  const [row] = await db
    .select()
    .from(academyAssignments)
    .where(and(eq(academyAssignments.id, assignmentId), eq(academyAssignments.orgId, orgId)));
  return row;
}

/** One assignment with each learner's status and score. */
export async function getAssignment(db: Db, actor: Actor, orgId: string, assignmentId: string) {
  const row = assignmentPolicy.authorize(actor, "read", await loadAssignment(db, orgId, assignmentId));
  const learners = await assignedLearners(db, orgId, [eq(academyAssignments.id, row.id)]);
  return {
    ...presentAssignment(actor, row, learners, await creatorNames(db, [row])),
    learners: learners.map((l) => ({
      userId: l.userId,
      name: l.name,
      email: l.email,
      office: l.office,
      managementBody: l.managementBody,
      status: l.status,
      completedAt: l.completedAt?.toISOString() ?? null,
      score: l.score,
    })),
  };
}

/** Withdraws an assignment: its learners are no longer reminded; their progress stays theirs. */
export async function deleteAssignment(db: Db, actor: Actor, orgId: string, assignmentId: string, audit: AuditContext) {
  await db.transaction(async (tx) => {
    const row = assignmentPolicy.authorize(actor, "delete", await loadAssignment(tx, orgId, assignmentId));
    await tx.delete(academyAssignments).where(eq(academyAssignments.id, row.id));
    await appendAudit(tx, audit, { orgId, action: "academy.assignment.delete", entityType: "academy_assignment", entityId: row.id, before: { pathSlug: row.pathSlug, dueOn: row.dueOn, target: row.target } });
  });
}

/** The caller's own assignments in the current organisation, soonest due first. */
export async function myAssignments(db: Db, actor: Actor) {
  if (!tokenAllows(actor, "academy", false)) throw forbidden();
  if (!actor.orgId || actor.role === null) return [];
  const learners = await assignedLearners(db, actor.orgId, [eq(academyAssignmentLearners.userId, actor.userId)]);
  return learners.map((l) => ({
    id: l.assignmentId,
    pathSlug: l.pathSlug,
    pathTitle: l.pathTitle,
    dueOn: l.dueOn,
    assignedAt: l.assignedAt.toISOString(),
    status: l.status,
    completedAt: l.completedAt?.toISOString() ?? null,
  }));
}

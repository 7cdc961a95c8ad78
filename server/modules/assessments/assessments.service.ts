import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { invalidField } from "../../platform/http/errors.ts";
import type { CatalogRegistry } from "./catalogs/catalog-loader.ts";
import { assessmentAnswerComments, assessmentAnswers, assessmentAssignees, assessmentEvidence, assessments } from "./assessments.tables.ts";
import { assessmentPolicy, assessmentShelfPolicy, isMemberOf } from "./assessments.policy.ts";
import type { CreateAssessment, UpdateAssessment } from "./assessments.schemas.ts";
import { authorizeChange, catalogOf, checkAssignees, checkOwner, loadAssessment, requirementIdsOf } from "./assessment-records.ts";
import { isExpired } from "./evidence.service.ts";
import { scoreAssessment, type ScoredAnswer } from "./scoring.ts";

/** The organisation's assessments, newest first; a provider's user sees those assigned to them. */
export async function listAssessments(db: Db, actor: Actor, orgId: string) {
  assessmentShelfPolicy.authorize(actor, "list", { orgId });
  const rows = await db.select().from(assessments).where(eq(assessments.orgId, orgId)).orderBy(desc(assessments.createdAt), desc(assessments.id));
  if (!rows.length) return [];
  const assignees = await db.select().from(assessmentAssignees).where(inArray(assessmentAssignees.assessmentId, rows.map((r) => r.id)));
  return rows
    .map((row) => {
      const own = assignees.filter((a) => a.assessmentId === row.id);
      return { ...row, assignees: own, assigneeIds: own.map((a) => a.userId) };
    })
    .filter((record) => isMemberOf(actor, orgId) || assessmentPolicy.can(actor, "read", record));
}

export async function getAssessment(db: Db, actor: Actor, orgId: string, assessmentId: string) {
  const record = assessmentPolicy.authorize(actor, "read", await loadAssessment(db, orgId, assessmentId));
  const answers = await db.select().from(assessmentAnswers).where(eq(assessmentAnswers.assessmentId, record.id)).orderBy(assessmentAnswers.requirementId);
  return { record, answers };
}

export async function createAssessment(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, input: CreateAssessment, audit: AuditContext) {
  assessmentShelfPolicy.authorize(actor, "create", { orgId });
  const catalog = catalogOf(registry, input.frameworkId, "body.frameworkId");
  const levels = catalog.levels?.map((l) => l.id) ?? [];
  if (input.level !== undefined && !levels.includes(input.level))
    throw invalidField("body.level", "framework_level_unknown", { values: levels.join(", ") || "-" });
  const level = input.level ?? null;
  return db.transaction(async (tx) => {
    await checkOwner(tx, orgId, input.ownerId, "body.ownerId");
    await checkAssignees(tx, orgId, input.assignees ?? [], requirementIdsOf(catalog, level), "body.assignees");
    const [row] = await tx
      .insert(assessments)
      .values({
        orgId,
        frameworkId: catalog.id,
        level,
        scopeService: input.scopeService ?? null,
        title: input.title,
        targetDate: input.targetDate ?? null,
        ownerId: input.ownerId ?? actor.userId,
      })
      .returning();
    const assignees = await replaceAssignees(tx, row!.id, input.assignees ?? []);
    await appendAudit(tx, audit, { orgId, action: "assessment.create", entityType: "assessment", entityId: row!.id, after: { ...row, assignees } });
    return row!;
  });
}

async function replaceAssignees(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], assessmentId: string, list: { userId: string; requirementIds?: string[] | undefined }[]) {
  await tx.delete(assessmentAssignees).where(eq(assessmentAssignees.assessmentId, assessmentId));
  if (!list.length) return [];
  return tx
    .insert(assessmentAssignees)
    .values(list.map((a) => ({ assessmentId, userId: a.userId, requirementIds: a.requirementIds ?? null })))
    .returning();
}

export async function updateAssessment(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, assessmentId: string, input: UpdateAssessment, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const before = authorizeChange(actor, "update", await loadAssessment(tx, orgId, assessmentId, true));
    await checkOwner(tx, orgId, input.ownerId, "body.ownerId");
    if (input.assignees) {
      const catalog = catalogOf(registry, before.frameworkId, "frameworkId");
      await checkAssignees(tx, orgId, input.assignees, requirementIdsOf(catalog, before.level), "body.assignees");
    }
    const { assignees: newAssignees, ...fields } = input;
    const [row] = await tx
      .update(assessments)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(assessments.id, assessmentId))
      .returning();
    const assignees = newAssignees ? await replaceAssignees(tx, assessmentId, newAssignees) : before.assignees;
    const { assigneeIds: _ids, ...beforeAudit } = before;
    await appendAudit(tx, audit, { orgId, action: "assessment.update", entityType: "assessment", entityId: assessmentId, before: beforeAudit, after: { ...row, assignees } });
    return row!;
  });
}

type Transition = "submit" | "return" | "approve";
const nextStatus: Record<Transition, string> = { submit: "in_review", return: "draft", approve: "approved" };

/** Moves the workflow on; approving records who signed off and when, and locks the assessment. */
export async function changeStatus(
  db: Db,
  actor: Actor,
  orgId: string,
  assessmentId: string,
  transition: Transition,
  audit: AuditContext,
  signOffInput?: { signedBy: string; shareUpward: boolean },
) {
  return db.transaction(async (tx) => {
    const before = authorizeChange(actor, transition, await loadAssessment(tx, orgId, assessmentId, true));
    const now = new Date();
    const signOff =
      transition === "approve"
        ? { approvedBy: actor.userId, approvedByName: signOffInput?.signedBy ?? actor.name, approvedAt: now, sharedUpward: signOffInput?.shareUpward ?? false }
        : {};
    const [row] = await tx
      .update(assessments)
      .set({ status: nextStatus[transition], updatedAt: now, ...signOff })
      .where(eq(assessments.id, assessmentId))
      .returning();
    await appendAudit(tx, audit, {
      orgId,
      action: `assessment.${transition}`,
      entityType: "assessment",
      entityId: assessmentId,
      before: { status: before.status },
      after: { status: row!.status, ...signOff },
    });
    return row!;
  });
}

/**
 * A new draft copying an approved assessment: same framework, scope, assignees and answers, the
 * evidence still valid and the comment threads.
 * - Evidence: links and files not expired on the day the cycle starts; expired evidence, and
 *   evidence whose file was deleted, stay behind so the new cycle shows the gap. A file is
 *   referenced, not duplicated: removing the evidence in either cycle leaves the file and the
 *   other cycle's evidence alone (evidence removal never deletes files).
 * - Comments: copied with their author and original date, so a thread reads as it happened; a
 *   comment older than the assessment it sits in is, by construction, from a previous cycle, and
 *   the API says so (fromPreviousCycle).
 */
export async function startNewCycle(db: Db, actor: Actor, orgId: string, assessmentId: string, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const source = authorizeChange(actor, "newCycle", await loadAssessment(tx, orgId, assessmentId));
    const [row] = await tx
      .insert(assessments)
      .values({
        orgId,
        frameworkId: source.frameworkId,
        level: source.level,
        scopeService: source.scopeService,
        title: source.title,
        targetDate: null,
        ownerId: source.ownerId,
        previousId: source.id,
      })
      .returning();
    await replaceAssignees(tx, row!.id, source.assignees.map((a) => ({ userId: a.userId, requirementIds: a.requirementIds ?? undefined })));
    const answers = await tx.select().from(assessmentAnswers).where(eq(assessmentAnswers.assessmentId, source.id));
    if (answers.length) await tx.insert(assessmentAnswers).values(answers.map((a) => ({ ...a, assessmentId: row!.id })));
    const evidence = (await tx.select().from(assessmentEvidence).where(eq(assessmentEvidence.assessmentId, source.id))).filter(
      (e) => (e.url !== null || e.fileId !== null) && !isExpired(e.expiresOn),
    );
    if (evidence.length) await tx.insert(assessmentEvidence).values(evidence.map(({ id: _id, ...e }) => ({ ...e, assessmentId: row!.id })));
    const comments = await tx.select().from(assessmentAnswerComments).where(eq(assessmentAnswerComments.assessmentId, source.id));
    if (comments.length) await tx.insert(assessmentAnswerComments).values(comments.map(({ id: _id, ...c }) => ({ ...c, assessmentId: row!.id })));
    await appendAudit(tx, audit, {
      orgId,
      action: "assessment.new_cycle",
      entityType: "assessment",
      entityId: row!.id,
      after: { ...row, copiedAnswers: answers.length, copiedEvidence: evidence.length, copiedComments: comments.length },
    });
    return row!;
  });
}

export async function assessmentResults(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, assessmentId: string) {
  const record = assessmentPolicy.authorize(actor, "read", await loadAssessment(db, orgId, assessmentId));
  const catalog = catalogOf(registry, record.frameworkId, "frameworkId");
  const answers = await db
    .select()
    .from(assessmentAnswers)
    .where(and(eq(assessmentAnswers.assessmentId, record.id)));
  return { assessmentId: record.id, ...scoreAssessment(catalog, record.level, answers as ScoredAnswer[]) };
}

import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { HttpError, invalidField } from "../../platform/http/errors.ts";
import type { CatalogRegistry } from "./catalogs/catalog-loader.ts";
import { assessmentAnswerComments } from "./assessments.tables.ts";
import { assessmentPolicy } from "./assessments.policy.ts";
import { answerableBy } from "./answers.service.ts";
import { catalogOf, loadAssessment, requirementIdsOf } from "./assessment-records.ts";

// Comments on one answer, the conversation between the entity and its IT provider. Whoever sees
// the assessment reads them; whoever may answer it (entity or assigned provider) writes them,
// while it is open: an approved assessment is locked, its comments too.

export type CommentRow = typeof assessmentAnswerComments.$inferSelect;

export async function listComments(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, assessmentId: string, requirementId: string | undefined) {
  const record = assessmentPolicy.authorize(actor, "read", await loadAssessment(db, orgId, assessmentId));
  if (requirementId !== undefined) checkRequirement(registry, record, requirementId, "querystring.requirementId");
  const where = requirementId === undefined
    ? eq(assessmentAnswerComments.assessmentId, record.id)
    : and(eq(assessmentAnswerComments.assessmentId, record.id), eq(assessmentAnswerComments.requirementId, requirementId));
  const rows = await db.select().from(assessmentAnswerComments).where(where).orderBy(asc(assessmentAnswerComments.createdAt), asc(assessmentAnswerComments.id));
  return { rows, assessmentCreatedAt: record.createdAt };
}

export async function addComment(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, assessmentId: string, input: { requirementId: string; body: string }, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const visible = assessmentPolicy.authorize(actor, "read", await loadAssessment(tx, orgId, assessmentId));
    if (visible.status === "approved") throw new HttpError(409, "assessment_locked");
    const record = assessmentPolicy.authorize(actor, "answer", visible);
    checkRequirement(registry, record, input.requirementId, "body.requirementId");
    // a provider's user discusses only the requirements assigned to them
    const allowed = answerableBy(actor, record);
    if (allowed && !allowed.has(input.requirementId)) throw new HttpError(403, "forbidden", [{ field: "body.requirementId", reason: "requirement_not_assigned", params: { id: input.requirementId } }]);
    const [row] = await tx
      .insert(assessmentAnswerComments)
      .values({ assessmentId: record.id, requirementId: input.requirementId, authorId: actor.userId, authorName: actor.name, body: input.body })
      .returning();
    await appendAudit(tx, audit, { orgId, action: "assessment.comment", entityType: "assessment", entityId: record.id, after: row });
    return { row: row!, assessmentCreatedAt: record.createdAt };
  });
}

function checkRequirement(registry: CatalogRegistry, record: { frameworkId: string; level: string | null }, requirementId: string, field: string) {
  const ids = requirementIdsOf(catalogOf(registry, record.frameworkId, "frameworkId"), record.level);
  if (!ids.has(requirementId)) throw invalidField(field, "requirement_unknown", { id: requirementId });
}

/**
 * A new cycle copies the threads with their original dates (assessments.service.ts startNewCycle),
 * so a comment older than its assessment was written in a previous cycle.
 */
export function presentComment(row: CommentRow, assessmentCreatedAt: Date) {
  return {
    id: row.id,
    requirementId: row.requirementId,
    authorId: row.authorId,
    authorName: row.authorName,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    fromPreviousCycle: row.createdAt < assessmentCreatedAt,
  };
}

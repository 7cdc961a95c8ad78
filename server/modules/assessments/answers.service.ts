import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { hasRole } from "../../platform/authz/policy.ts";
import { type FieldProblem, HttpError } from "../../platform/http/errors.ts";
import type { CatalogRegistry } from "./catalogs/catalog-loader.ts";
import { assessmentAnswers } from "./assessments.tables.ts";
import { isMemberOf } from "./assessments.policy.ts";
import type { AnswerInput } from "./assessments.schemas.ts";
import { authorizeChange, catalogOf, type LoadedAssessment, loadAssessment, requirementIdsOf } from "./assessment-records.ts";

/** The requirements this caller may answer; null for all of them. */
export function answerableBy(actor: Actor, record: LoadedAssessment): Set<string> | null {
  if (isMemberOf(actor, record.orgId) && hasRole(actor, "admin", "security_manager")) return null;
  const assigned = record.assignees.find((a) => a.userId === actor.userId);
  if (!assigned) return new Set();
  // a provider's user is always limited to the list (checked when assigned)
  return assigned.requirementIds ? new Set(assigned.requirementIds) : isMemberOf(actor, record.orgId) ? null : new Set();
}

/**
 * Saves many answers at once, all or nothing: every row is checked first and the first problems
 * are reported as body.answers[i].field; nothing is written unless every row is right.
 */
export async function saveAnswers(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, assessmentId: string, rows: AnswerInput[], audit: AuditContext) {
  return db.transaction(async (tx) => {
    const record = authorizeChange(actor, "answer", await loadAssessment(tx, orgId, assessmentId, true));
    const catalog = catalogOf(registry, record.frameworkId, "frameworkId");
    const inScope = requirementIdsOf(catalog, record.level);
    const scale = catalog.maturityScale.map((step) => step.value);
    const allowed = answerableBy(actor, record);
    const problems: FieldProblem[] = [];
    const notAssigned: FieldProblem[] = [];
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      const at = `body.answers[${i}]`;
      const id = row.requirementId;
      if (!inScope.has(id)) problems.push({ field: `${at}.requirementId`, reason: "requirement_unknown", params: { id } });
      else if (seen.has(id)) problems.push({ field: `${at}.requirementId`, reason: "requirement_repeated", params: { id } });
      else if (allowed && !allowed.has(id)) notAssigned.push({ field: `${at}.requirementId`, reason: "requirement_not_assigned", params: { id } });
      seen.add(id);
      if (row.status === "not_applicable" && !row.reason) problems.push({ field: `${at}.reason`, reason: "not_applicable_reason_required" });
      for (const key of ["currentMaturity", "targetMaturity"] as const) {
        const value = row[key];
        if (value != null && !scale.includes(value)) problems.push({ field: `${at}.${key}`, reason: "maturity_off_scale", params: { values: scale.join(", ") } });
      }
    });
    if (notAssigned.length) throw new HttpError(403, "forbidden", notAssigned);
    if (problems.length) throw new HttpError(422, "validation_failed", problems.slice(0, 50));

    const ids = rows.map((r) => r.requirementId);
    const before = await tx
      .select()
      .from(assessmentAnswers)
      .where(and(eq(assessmentAnswers.assessmentId, assessmentId), inArray(assessmentAnswers.requirementId, ids)));
    const now = new Date();
    const values = rows.map((row) => ({
      assessmentId,
      requirementId: row.requirementId,
      status: row.status,
      reason: row.reason ?? null,
      currentMaturity: row.currentMaturity ?? null,
      targetMaturity: row.targetMaturity ?? null,
      notes: row.notes ?? null,
      // saved by a person: no longer derived from a mapping
      derived: false,
      answeredBy: actor.userId,
      answeredAt: now,
    }));
    const saved = await tx
      .insert(assessmentAnswers)
      .values(values)
      .onConflictDoUpdate({
        target: [assessmentAnswers.assessmentId, assessmentAnswers.requirementId],
        set: {
          status: sql`excluded.status`,
          reason: sql`excluded.reason`,
          currentMaturity: sql`excluded.current_maturity`,
          targetMaturity: sql`excluded.target_maturity`,
          notes: sql`excluded.notes`,
          derived: sql`excluded.derived`,
          answeredBy: sql`excluded.answered_by`,
          answeredAt: sql`excluded.answered_at`,
        },
      })
      .returning();
    await appendAudit(tx, audit, { orgId, action: "assessment.answers", entityType: "assessment", entityId: assessmentId, before, after: saved });
    return saved;
  });
}

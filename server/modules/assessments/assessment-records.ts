import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { HttpError, invalidField } from "../../platform/http/errors.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import type { Catalog } from "./catalogs/catalog-format.ts";
import type { CatalogRegistry } from "./catalogs/catalog-loader.ts";
import { memberships, organisationRelationships } from "../identity/identity.tables.ts";
import { assessmentAnswers, assessmentAssignees, assessments } from "./assessments.tables.ts";
import { assessmentPolicy, type AssessmentRecord } from "./assessments.policy.ts";
import { assessableRequirements } from "./scoring.ts";

// Loading an assessment with what its policy needs, and the checks shared by the services.

export type AssessmentRow = typeof assessments.$inferSelect;
export type AssigneeRow = typeof assessmentAssignees.$inferSelect;
export type AnswerRow = typeof assessmentAnswers.$inferSelect;
export type LoadedAssessment = AssessmentRow & AssessmentRecord & { assignees: AssigneeRow[] };

export async function loadAssessment(db: DbOrTx, orgId: string, assessmentId: string, lock = false): Promise<LoadedAssessment | undefined> {
  const query = db
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, assessmentId), eq(assessments.orgId, orgId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) return undefined;
  const assignees = await db.select().from(assessmentAssignees).where(eq(assessmentAssignees.assessmentId, row.id));
  return { ...row, assignees, assigneeIds: assignees.map((a) => a.userId) };
}

type ChangeAction = "update" | "answer" | "submit" | "return" | "approve" | "newCycle";

// the states each change starts from
const startsFrom: Record<ChangeAction, string[]> = {
  update: ["draft"],
  answer: ["draft", "in_review"],
  submit: ["draft"],
  return: ["in_review"],
  approve: ["in_review"],
  newCycle: ["approved"],
};

/**
 * Tenant first (404), then the lock (409: an approved assessment never changes, whoever asks),
 * then the state the change starts from (409), then the caller's rights (403).
 */
export function authorizeChange(actor: Actor, action: ChangeAction, record: LoadedAssessment | undefined): LoadedAssessment {
  const visible = assessmentPolicy.authorize(actor, "read", record);
  if (visible.status === "approved" && action !== "newCycle") throw new HttpError(409, "assessment_locked");
  if (!startsFrom[action].includes(visible.status)) throw new HttpError(409, "assessment_wrong_status");
  return assessmentPolicy.authorize(actor, action, visible);
}

export function catalogOf(registry: CatalogRegistry, frameworkId: string, field: string): Catalog {
  const catalog = registry.get(frameworkId);
  if (!catalog) throw invalidField(field, "framework_unknown", { framework: frameworkId });
  return catalog;
}

/** The ids this assessment answers: the catalog's leaves in force at its level. */
export function requirementIdsOf(catalog: Catalog, level: string | null): Set<string> {
  return new Set(assessableRequirements(catalog, level).map((r) => r.node.id));
}

/**
 * Assignees must be members of the organisation or of one of its IT providers; a provider's user
 * always gets an explicit list of requirements, each one part of the assessment.
 */
export async function checkAssignees(
  db: DbOrTx,
  orgId: string,
  assignees: { userId: string; requirementIds?: string[] | undefined }[],
  requirementIds: Set<string>,
  field: string,
) {
  if (!assignees.length) return;
  const providers = await db
    .select({ id: organisationRelationships.fromOrgId })
    .from(organisationRelationships)
    .where(and(eq(organisationRelationships.kind, "provider_of"), eq(organisationRelationships.toOrgId, orgId)));
  const orgIds = [orgId, ...providers.map((p) => p.id)];
  const rows = await db
    .select({ userId: memberships.userId, orgId: memberships.orgId })
    .from(memberships)
    .where(and(inArray(memberships.userId, assignees.map((a) => a.userId)), inArray(memberships.orgId, orgIds)));
  const seen = new Set<string>();
  assignees.forEach((assignee, i) => {
    const at = `${field}[${i}]`;
    if (seen.has(assignee.userId)) throw invalidField(`${at}.userId`, "invalid_value_generic");
    seen.add(assignee.userId);
    const orgsOfUser = rows.filter((r) => r.userId === assignee.userId).map((r) => r.orgId);
    if (!orgsOfUser.length) throw invalidField(`${at}.userId`, "assignee_not_allowed");
    if (!orgsOfUser.includes(orgId) && !assignee.requirementIds) throw invalidField(`${at}.requirementIds`, "provider_assignee_requirements_required");
    assignee.requirementIds?.forEach((id, j) => {
      if (!requirementIds.has(id)) throw invalidField(`${at}.requirementIds[${j}]`, "requirement_unknown", { id });
    });
  });
}

export async function checkOwner(db: DbOrTx, orgId: string, ownerId: string | null | undefined, field: string) {
  if (!ownerId) return;
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.userId, ownerId), eq(memberships.orgId, orgId)));
  if (!row) throw invalidField(field, "not_member");
}

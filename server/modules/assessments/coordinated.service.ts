import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { definePolicy, hasRole } from "../../platform/authz/policy.ts";
import type { CatalogRegistry } from "./catalogs/catalog-loader.ts";
import { organisationRelationships, organisations } from "../identity/identity.tables.ts";
import { assessments } from "./assessments.tables.ts";
import { isMemberOf } from "./assessments.policy.ts";
import { scoreMany, type AssessmentHeadline } from "./score-many.ts";

// The coordinator view: a regione sees, side by side, the latest approved assessment each entity
// it coordinates chose to share upward at sign-off. Nothing else of the entities is read: an
// assessment not shared, or not approved, is not even selected.

/** Reading the view is for the coordinator's own managers and auditors (other members: 403, others: 404). */
export const coordinatorViewPolicy = definePolicy({
  scope: "assessments",
  tenant: (actor, view: { orgId: string }) => isMemberOf(actor, view.orgId),
  readActions: ["read"],
  rules: { read: (actor) => hasRole(actor, "admin", "security_manager", "auditor") },
});

export async function coordinatedAssessments(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string) {
  coordinatorViewPolicy.authorize(actor, "read", { orgId });
  const coordinated = and(eq(organisationRelationships.kind, "coordinator_of"), eq(organisationRelationships.fromOrgId, orgId));
  const entities = await db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(organisationRelationships)
    .innerJoin(organisations, eq(organisations.id, organisationRelationships.toOrgId))
    .where(coordinated)
    .orderBy(asc(organisations.name), asc(organisations.id));
  const shared = await db
    .select({
      id: assessments.id,
      orgId: assessments.orgId,
      frameworkId: assessments.frameworkId,
      level: assessments.level,
      scopeService: assessments.scopeService,
      title: assessments.title,
      approvedAt: assessments.approvedAt,
      approvedByName: assessments.approvedByName,
    })
    .from(assessments)
    .innerJoin(organisationRelationships, eq(organisationRelationships.toOrgId, assessments.orgId))
    .where(and(coordinated, eq(assessments.status, "approved"), eq(assessments.sharedUpward, true)));

  // the latest sign-off wins for each entity, framework, level and scope (a service's assessment
  // is not the whole entity's, so it is not compared with it)
  const latest = new Map<string, (typeof shared)[number]>();
  for (const row of shared) {
    const key = [row.orgId, row.frameworkId, row.level ?? "", row.scopeService ?? ""].join("\u0000");
    const known = latest.get(key);
    if (!known || (row.approvedAt?.getTime() ?? 0) > (known.approvedAt?.getTime() ?? 0)) latest.set(key, row);
  }

  // one aggregate query per framework and level, whatever the number of entities
  const groups = new Map<string, (typeof shared)[number][]>();
  for (const row of latest.values()) {
    const key = `${row.frameworkId}\u0000${row.level ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const scores = new Map<string, AssessmentHeadline>();
  for (const rows of groups.values()) {
    const catalog = registry.get(rows[0]!.frameworkId);
    // a framework no longer shipped: the assessment is listed without figures
    if (!catalog) continue;
    for (const [id, score] of await scoreMany(db, catalog, rows[0]!.level, rows.map((r) => r.id))) scores.set(id, score);
  }

  const byOrg = new Map<string, (typeof shared)[number][]>();
  for (const row of latest.values()) byOrg.set(row.orgId, [...(byOrg.get(row.orgId) ?? []), row]);
  return {
    items: entities.map((organisation) => ({
      organisation,
      assessments: (byOrg.get(organisation.id) ?? [])
        .sort((a, b) => a.frameworkId.localeCompare(b.frameworkId) || (a.level ?? "").localeCompare(b.level ?? "") || (a.scopeService ?? "").localeCompare(b.scopeService ?? ""))
        .map(({ orgId: _org, ...row }) => {
          const score = scores.get(row.id);
          return {
            ...row,
            approvedAt: row.approvedAt?.toISOString() ?? null,
            compliancePercent: score?.overall.compliancePercent ?? null,
            averageCurrentMaturity: score?.overall.averageCurrentMaturity ?? null,
            functions: score?.functions ?? [],
          };
        }),
    })),
  };
}

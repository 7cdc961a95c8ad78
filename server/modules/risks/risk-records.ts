import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { invalidField } from "../../platform/http/errors.ts";
import type { CatalogRegistry } from "../assessments/index.ts";
import { assessableRequirements } from "../assessments/index.ts";
import { assessments } from "../assessments/assessments.tables.ts";
import { memberships, users } from "../identity/identity.tables.ts";
import { actionRisks, improvementActions, riskGaps, risks } from "./risks.tables.ts";
import { isProviderOf, type RiskRecord } from "./risks.policy.ts";

// Loading risks with what their policy and presenter need, and the checks on what links to them.

export type RiskRow = typeof risks.$inferSelect;
export interface GapLink {
  assessmentId: string;
  requirementId: string;
}
export type LoadedRisk = RiskRow & RiskRecord & { gaps: GapLink[]; actionIds: string[]; ownerName: string | null };

/**
 * The ids, among riskIds, of risks linked to an action of orgId that ownerOrgId carries out: what
 * an IT provider may read of its customer's register.
 */
export async function risksOfProviderActions(db: DbOrTx, orgId: string, ownerOrgId: string, riskIds?: string[]): Promise<Set<string>> {
  if (riskIds && !riskIds.length) return new Set();
  const rows = await db
    .selectDistinct({ riskId: actionRisks.riskId })
    .from(actionRisks)
    .innerJoin(improvementActions, eq(improvementActions.id, actionRisks.actionId))
    .where(and(eq(improvementActions.orgId, orgId), eq(improvementActions.ownerOrgId, ownerOrgId), riskIds ? inArray(actionRisks.riskId, riskIds) : undefined));
  return new Set(rows.map((r) => r.riskId));
}

/** Gaps, action ids (only the provider's own when the caller is the provider) and owner names. */
export async function withLinks(db: DbOrTx, actor: Actor, orgId: string, rows: RiskRow[]): Promise<LoadedRisk[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const ownerIds = [...new Set(rows.map((r) => r.ownerId).filter((id): id is string => !!id))];
  const provider = actor.orgId !== orgId && actor.orgId !== null && isProviderOf(actor, orgId);
  const [gaps, links, owners, visible] = await Promise.all([
    db.select().from(riskGaps).where(inArray(riskGaps.riskId, ids)),
    db
      .select({ riskId: actionRisks.riskId, actionId: actionRisks.actionId })
      .from(actionRisks)
      .innerJoin(improvementActions, eq(improvementActions.id, actionRisks.actionId))
      .where(and(inArray(actionRisks.riskId, ids), eq(improvementActions.orgId, orgId), provider ? eq(improvementActions.ownerOrgId, actor.orgId!) : undefined)),
    ownerIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ownerIds)) : Promise.resolve([]),
    provider ? risksOfProviderActions(db, orgId, actor.orgId!, ids) : Promise.resolve(new Set<string>()),
  ]);
  const ownerNames = new Map(owners.map((o) => [o.id, o.name]));
  return rows.map((row) => ({
    ...row,
    linkedToCallerActions: visible.has(row.id),
    gaps: gaps.filter((g) => g.riskId === row.id).map((g) => ({ assessmentId: g.assessmentId, requirementId: g.requirementId })),
    actionIds: links.filter((l) => l.riskId === row.id).map((l) => l.actionId).sort(),
    ownerName: row.ownerId ? (ownerNames.get(row.ownerId) ?? null) : null,
  }));
}

export async function loadRisk(db: DbOrTx, actor: Actor, orgId: string, riskId: string, lock = false): Promise<LoadedRisk | undefined> {
  const query = db
    .select()
    .from(risks)
    .where(and(eq(risks.id, riskId), eq(risks.orgId, orgId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) return undefined;
  const [loaded] = await withLinks(db, actor, orgId, [row]);
  return loaded;
}

/** A member of the organisation, with the name that goes on the record. */
export async function memberOf(db: DbOrTx, orgId: string, userId: string, field: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)));
  if (!row) throw invalidField(field, "risk_person_not_member");
  return row;
}

/** Each gap names an assessment of this organisation and a requirement it assesses. */
export async function checkGaps(db: DbOrTx, registry: CatalogRegistry, orgId: string, gaps: GapLink[], field: string) {
  if (!gaps.length) return;
  const found = await db
    .select({ id: assessments.id, frameworkId: assessments.frameworkId, level: assessments.level })
    .from(assessments)
    .where(and(eq(assessments.orgId, orgId), inArray(assessments.id, [...new Set(gaps.map((g) => g.assessmentId))])));
  const requirementsOf = new Map<string, Set<string>>();
  const seen = new Set<string>();
  gaps.forEach((gap, i) => {
    const assessment = found.find((a) => a.id === gap.assessmentId);
    if (!assessment) throw invalidField(`${field}[${i}].assessmentId`, "assessment_source_unknown");
    let ids = requirementsOf.get(assessment.id);
    if (!ids) {
      const catalog = registry.get(assessment.frameworkId);
      ids = new Set(catalog ? assessableRequirements(catalog, assessment.level).map((r) => r.node.id) : []);
      requirementsOf.set(assessment.id, ids);
    }
    if (!ids.has(gap.requirementId)) throw invalidField(`${field}[${i}].requirementId`, "requirement_unknown", { id: gap.requirementId });
    const key = `${gap.assessmentId}/${gap.requirementId}`;
    if (seen.has(key)) throw invalidField(`${field}[${i}]`, "risk_gap_duplicate");
    seen.add(key);
  });
}

/** The next R-number of the organisation, under a transaction lock so two creations never share one. */
export async function nextRiskNumber(tx: DbOrTx, orgId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(727100, hashtext(${orgId}))`);
  const [row] = await tx.select({ max: sql<number | null>`max(${risks.number})` }).from(risks).where(eq(risks.orgId, orgId));
  return Number(row?.max ?? 0) + 1;
}

import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.ts";
import { organisations, users } from "../identity/identity.tables.ts";
import { actionDependencies, actionEvidence, actionGaps, actionRisks, improvementActions, risks } from "./risks.tables.ts";
import type { LinkedRisk } from "./priority.ts";

// Loading actions with what their policy, presenter and exports need: owner names, linked risks
// (with the scores the priority reason is written from), gaps, dependencies and evidence, each
// in one query for a whole page of actions.

export type ActionRow = typeof improvementActions.$inferSelect;
export type LoadedAction = ActionRow & {
  ownerOrgName: string;
  ownerUserName: string | null;
  risks: (LinkedRisk & { id: string; title: string })[];
  gaps: { assessmentId: string; requirementId: string }[];
  /** what the action waits for, with who carries each out (a provider sees only its own) */
  dependsOn: { id: string; ownerOrgId: string }[];
  evidence: (typeof actionEvidence.$inferSelect)[];
};

const ownerOrg = alias(organisations, "owner_org");
const dependency = alias(improvementActions, "dependency");

/** The selection every action query uses: the row and its owners' names. */
export const actionSelection = { action: improvementActions, ownerOrgName: ownerOrg.name, ownerUserName: users.name };

export function selectActions(db: DbOrTx) {
  return db
    .select(actionSelection)
    .from(improvementActions)
    .innerJoin(ownerOrg, eq(ownerOrg.id, improvementActions.ownerOrgId))
    .leftJoin(users, eq(users.id, improvementActions.ownerUserId));
}

export async function withActionLinks(db: DbOrTx, rows: { action: ActionRow; ownerOrgName: string; ownerUserName: string | null }[]): Promise<LoadedAction[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.action.id);
  // one after another: inside a transaction they share one connection
  const riskLinks = await db
    .select({
      actionId: actionRisks.actionId,
      id: risks.id,
      number: risks.number,
      title: risks.title,
      status: risks.status,
      inherentLevel: risks.inherentLevel,
      inherentLikelihood: risks.inherentLikelihood,
      inherentImpact: risks.inherentImpact,
      currentLevel: risks.currentLevel,
      currentLikelihood: risks.currentLikelihood,
      currentImpact: risks.currentImpact,
      residualLevel: risks.residualLevel,
      residualLikelihood: risks.residualLikelihood,
      residualImpact: risks.residualImpact,
    })
    .from(actionRisks)
    .innerJoin(risks, eq(risks.id, actionRisks.riskId))
    .where(inArray(actionRisks.actionId, ids))
    .orderBy(asc(risks.number));
  const gaps = await db.select().from(actionGaps).where(inArray(actionGaps.actionId, ids)).orderBy(asc(actionGaps.requirementId));
  const dependencies = await db
    .select({ actionId: actionDependencies.actionId, id: actionDependencies.dependsOnId, ownerOrgId: dependency.ownerOrgId })
    .from(actionDependencies)
    .innerJoin(dependency, eq(dependency.id, actionDependencies.dependsOnId))
    .where(inArray(actionDependencies.actionId, ids))
    .orderBy(asc(actionDependencies.dependsOnId));
  const evidence = await db.select().from(actionEvidence).where(inArray(actionEvidence.actionId, ids)).orderBy(asc(actionEvidence.createdAt), asc(actionEvidence.id));
  return rows.map(({ action, ownerOrgName, ownerUserName }) => ({
    ...action,
    ownerOrgName,
    ownerUserName,
    risks: riskLinks.filter((r) => r.actionId === action.id).map(({ actionId: _a, ...risk }) => risk),
    gaps: gaps.filter((g) => g.actionId === action.id).map((g) => ({ assessmentId: g.assessmentId, requirementId: g.requirementId })),
    dependsOn: dependencies.filter((d) => d.actionId === action.id).map((d) => ({ id: d.id, ownerOrgId: d.ownerOrgId })),
    evidence: evidence.filter((e) => e.actionId === action.id),
  }));
}

export async function loadAction(db: DbOrTx, orgId: string, actionId: string, lock = false): Promise<LoadedAction | undefined> {
  const query = selectActions(db).where(and(eq(improvementActions.id, actionId), eq(improvementActions.orgId, orgId)));
  const rows = lock ? await query.for("update", { of: improvementActions }) : await query;
  const [loaded] = await withActionLinks(db, rows);
  return loaded;
}

/** Today in Italy, where the entities are: an action due today is late from tomorrow. */
export function todayInItaly(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export const isLate = (row: Pick<ActionRow, "dueOn" | "status">, today = todayInItaly()) =>
  row.dueOn !== null && row.dueOn < today && row.status !== "done" && row.status !== "cancelled";

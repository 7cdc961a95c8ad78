import type { Actor } from "../../platform/authz/actor.ts";
import type { RiskLevel } from "./risk-matrix.ts";
import type { RiskStage, StageInput } from "./risk-scores.ts";
import type { LoadedRisk, RiskRow } from "./risk-records.ts";
import { riskPolicy, seesOnlySummary } from "./risks.policy.ts";
import type { riskScoreChanges } from "./risks.tables.ts";

type Treatment = "mitigate" | "accept" | "transfer" | "avoid";

export const riskRef = (number: number) => `R-${number}`;

function stageOf(row: RiskRow, stage: RiskStage) {
  const input = row[stage] as StageInput | null;
  const likelihood = row[`${stage}Likelihood`];
  const impact = row[`${stage}Impact`];
  const level = row[`${stage}Level`];
  if (!input || likelihood == null || impact == null || !level) return null;
  return { likelihood, impacts: input.impacts, impact, level: level as RiskLevel };
}

/** A risk as the caller may see it: the entity's members see it whole, its IT provider title and level. */
export function presentRisk(actor: Actor, risk: LoadedRisk) {
  const summaryOnly = seesOnlySummary(actor, risk.orgId);
  const acceptance =
    !summaryOnly && risk.treatment === "accept" && risk.acceptanceReason && risk.acceptanceExpiresOn
      ? { approverId: risk.acceptedBy, approverName: risk.acceptedByName, reason: risk.acceptanceReason, expiresOn: risk.acceptanceExpiresOn }
      : null;
  return {
    id: risk.id,
    orgId: risk.orgId,
    number: risk.number,
    ref: riskRef(risk.number),
    title: risk.title,
    description: summaryOnly ? null : risk.description,
    threatId: risk.threatId,
    affectedServices: summaryOnly ? null : risk.affectedServices,
    ownerId: summaryOnly ? null : risk.ownerId,
    ownerName: summaryOnly ? null : risk.ownerName,
    inherent: stageOf(risk, "inherent")!,
    current: stageOf(risk, "current"),
    residual: stageOf(risk, "residual"),
    treatment: risk.treatment as Treatment | null,
    treatmentNotes: summaryOnly ? null : risk.treatmentNotes,
    acceptance,
    status: risk.status as "open" | "closed",
    reviewEveryMonths: risk.reviewEveryMonths,
    nextReviewOn: summaryOnly ? null : risk.nextReviewOn,
    lastReviewedAt: summaryOnly ? null : (risk.lastReviewedAt?.toISOString() ?? null),
    gaps: summaryOnly ? [] : risk.gaps,
    actionIds: risk.actionIds,
    createdAt: risk.createdAt.toISOString(),
    updatedAt: risk.updatedAt.toISOString(),
    actions: riskPolicy.allowedActions(actor, risk),
  };
}

export function presentScoreChange(row: typeof riskScoreChanges.$inferSelect) {
  return {
    id: row.id,
    stage: row.stage as RiskStage,
    before: row.before as StageInput | null,
    after: row.after as StageInput | null,
    levelBefore: row.levelBefore as RiskLevel | null,
    levelAfter: row.levelAfter as RiskLevel | null,
    changedByName: row.changedByName,
    reason: row.reason,
    changedAt: row.changedAt.toISOString(),
  };
}

import { invalidField } from "../../platform/http/errors.ts";
import { levelOf, type RiskLevel, type RiskMatrix } from "./risk-matrix.ts";

// Scoring one stage of a risk (inherent, current, residual): a likelihood and an impact for each
// dimension that matters to a public body. The worst dimension is the stage's impact, because a
// risk that stops a service to citizens is grave however small its cost.

export const impactDimensions = ["service", "personal_data", "legal", "financial", "reputation"] as const;
export type ImpactDimension = (typeof impactDimensions)[number];
export const riskStages = ["inherent", "current", "residual"] as const;
export type RiskStage = (typeof riskStages)[number];

export interface StageInput {
  likelihood: number;
  impacts: Record<ImpactDimension, number>;
}

export interface ScoredStage {
  likelihood: number;
  impact: number;
  level: RiskLevel;
}

export const worstImpact = (stage: StageInput) => Math.max(...impactDimensions.map((d) => stage.impacts[d]));

/** Refuses scores outside the matrix, naming the field (e.g. body.residual.impacts.legal). */
export function checkStage(matrix: RiskMatrix, stage: StageInput, field: string) {
  if (stage.likelihood < 1 || stage.likelihood > matrix.likelihoodSteps)
    throw invalidField(`${field}.likelihood`, "risk_score_off_matrix", { max: matrix.likelihoodSteps });
  for (const dimension of impactDimensions) {
    const value = stage.impacts[dimension];
    if (value < 1 || value > matrix.impactSteps) throw invalidField(`${field}.impacts.${dimension}`, "risk_score_off_matrix", { max: matrix.impactSteps });
  }
}

/** Likelihood, worst impact and the matrix level of a stage already checked against the matrix. */
export function scoreStage(matrix: RiskMatrix, stage: StageInput): ScoredStage {
  const impact = worstImpact(stage);
  const level = levelOf(matrix, stage.likelihood, impact);
  if (!level) throw new Error(`stage ${stage.likelihood}x${impact} is outside the matrix`);
  return { likelihood: stage.likelihood, impact, level };
}

/** Only the five dimensions, in a fixed order, so stored jsonb compares and reads the same. */
export const normalizeStage = (stage: StageInput): StageInput => ({
  likelihood: stage.likelihood,
  impacts: Object.fromEntries(impactDimensions.map((d) => [d, stage.impacts[d]])) as StageInput["impacts"],
});

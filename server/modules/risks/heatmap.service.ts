import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { loadMatrix, type RiskLevel } from "./risk-matrix.ts";
import { registerPolicy } from "./risks.policy.ts";
import { risks } from "./risks.tables.ts";
import type { HeatmapFilter } from "./risks.schemas.ts";

const columns = {
  inherent: { likelihood: risks.inherentLikelihood, impact: risks.inherentImpact, level: risks.inherentLevel },
  current: { likelihood: risks.currentLikelihood, impact: risks.currentImpact, level: risks.currentLevel },
  residual: { likelihood: risks.residualLikelihood, impact: risks.residualImpact, level: risks.residualLevel },
} as const;

/**
 * How many risks sit in each cell of the matrix at one stage, only the non-empty cells (the web
 * app draws the grid from the matrix). Risks not yet scored at that stage are left out.
 */
export async function riskHeatmap(db: Db, actor: Actor, orgId: string, filter: HeatmapFilter) {
  registerPolicy.authorize(actor, "read", { orgId });
  const stage = columns[filter.stage];
  const [matrix, rows] = await Promise.all([
    loadMatrix(db, orgId),
    db
      .select({ likelihood: stage.likelihood, impact: stage.impact, level: stage.level, count: sql<number>`count(*)::int` })
      .from(risks)
      .where(
        and(
          eq(risks.orgId, orgId),
          isNotNull(stage.likelihood),
          filter.threatId ? eq(risks.threatId, filter.threatId) : undefined,
          filter.treatment ? eq(risks.treatment, filter.treatment) : undefined,
          filter.status ? eq(risks.status, filter.status) : undefined,
        ),
      )
      .groupBy(stage.likelihood, stage.impact, stage.level)
      .orderBy(stage.likelihood, stage.impact),
  ]);
  return {
    stage: filter.stage,
    likelihoodSteps: matrix.likelihoodSteps,
    impactSteps: matrix.impactSteps,
    cells: rows.map((r) => ({ likelihood: r.likelihood!, impact: r.impact!, level: r.level as RiskLevel, count: Number(r.count) })),
  };
}

import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import { appendAudit, type AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { HttpError } from "../../platform/http/errors.ts";
import { checkMatrixShape, loadMatrix, matrixForChange, type RiskMatrix } from "./risk-matrix.ts";
import { registerPolicy } from "./risks.policy.ts";
import { riskMatrices } from "./risks.tables.ts";
import { recomputeActionPriorities } from "./priority.ts";

export async function getMatrix(db: Db, actor: Actor, orgId: string) {
  registerPolicy.authorize(actor, "read", { orgId });
  return loadMatrix(db, orgId);
}

const stages = ["inherent", "current", "residual"] as const;

/**
 * Replaces the organisation's matrix and, in the same transaction, re-levels every stage of every
 * risk (one statement per stage), records each level that moved as a score change with reason
 * "matrix", and recomputes the priorities of the roadmap's actions. A smaller matrix that would
 * leave existing scores outside it is refused (409, naming how many risks), nothing changed.
 */
export async function replaceMatrix(db: Db, actor: Actor, orgId: string, input: RiskMatrix, audit: AuditContext) {
  registerPolicy.authorize(actor, "configureMatrix", { orgId });
  checkMatrixShape(input);
  return db.transaction(async (tx) => {
    // alone: no risk is scored, and no other change made, until this one commits
    const before = await matrixForChange(tx, orgId);
    const [outside] = await queryRows<{ likelihood: number; impact: number }>(
      tx,
      sql`select
        count(*) filter (where greatest(inherent_likelihood, coalesce(current_likelihood, 0), coalesce(residual_likelihood, 0)) > ${input.likelihoodSteps})::int as likelihood,
        count(*) filter (where greatest(inherent_impact, coalesce(current_impact, 0), coalesce(residual_impact, 0)) > ${input.impactSteps})::int as impact
        from risks where org_id = ${orgId}`,
    );
    for (const axis of ["likelihood", "impact"] as const) {
      const count = Number(outside?.[axis] ?? 0);
      if (count > 0) throw new HttpError(409, "risk_matrix_scores_outside", [{ field: `body.${axis}Steps`, reason: "risk_matrix_scores_outside_count", params: { count } }]);
    }

    const values = {
      likelihoodSteps: input.likelihoodSteps,
      impactSteps: input.impactSteps,
      likelihoodLabels: input.likelihoodLabels,
      impactLabels: input.impactLabels,
      cells: input.cells,
      updatedAt: new Date(),
    };
    await tx.insert(riskMatrices).values({ orgId, ...values }).onConflictDoUpdate({ target: riskMatrices.orgId, set: values });

    const cells = JSON.stringify(input.cells);
    let relevelled = 0;
    for (const stage of stages) {
      const likelihood = sql.raw(`${stage}_likelihood`);
      const impact = sql.raw(`${stage}_impact`);
      const level = sql.raw(`${stage}_level`);
      const stageJson = sql.raw(stage);
      const newLevel = sql`(${cells}::jsonb -> (${likelihood} - 1) ->> (${impact} - 1))`;
      const changed = sql`org_id = ${orgId} and ${likelihood} is not null and ${level} is distinct from ${newLevel}`;
      await tx.execute(sql`
        insert into risk_score_changes (risk_id, stage, before, after, level_before, level_after, changed_by, changed_by_name, reason)
        select id, ${stage}, ${stageJson}, ${stageJson}, ${level}, ${newLevel}, ${actor.userId}::uuid, ${actor.name}, 'matrix'
        from risks where ${changed}`);
      const updated = await queryRows<{ id: string }>(tx, sql`update risks set ${level} = ${newLevel}, updated_at = now() where ${changed} returning id`);
      relevelled += updated.length;
    }
    await recomputeActionPriorities(tx, orgId);
    const { isDefault: _d, ...beforeMatrix } = before;
    await appendAudit(tx, audit, {
      orgId,
      action: "risk_matrix.update",
      entityType: "risk_matrix",
      entityId: orgId,
      before: beforeMatrix,
      after: { ...input, relevelledStages: relevelled },
    });
    return { ...(await loadMatrix(tx, orgId)) };
  });
}


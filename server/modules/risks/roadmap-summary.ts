import { and, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { improvementActions } from "./risks.tables.ts";
import { roadmapPolicy } from "./actions.policy.ts";
import { actionStatuses, csfFunctions, type ActionStatus, type CsfFunction } from "./actions.schemas.ts";
import { todayInItaly } from "./action-records.ts";
import { lateCondition, visibleActions } from "./actions.service.ts";

// The roadmap at a glance: how many actions in each status and function, how many are late and
// what the plan costs (cancelled actions excluded). One grouped query; a provider counts its own.

export async function roadmapSummary(db: DbOrTx, actor: Actor, orgId: string) {
  roadmapPolicy.authorize(actor, "read", { orgId });
  const a = improvementActions;
  const rows = await queryRows<{ status: string; csf_function: string; n: number; late: number; cost: string | number | null }>(
    db,
    sql`select ${a.status} as status, ${a.csfFunction} as csf_function, count(*)::int as n,
          (count(*) filter (where ${lateCondition(todayInItaly())}))::int as late,
          sum(${a.estimatedCostCents}) filter (where ${a.status} <> 'cancelled') as cost
        from ${a} where ${and(visibleActions(actor, orgId))}
        group by ${a.status}, ${a.csfFunction}`,
  );
  const byStatus = Object.fromEntries(actionStatuses.map((s) => [s, 0])) as Record<ActionStatus, number>;
  const byFunction = Object.fromEntries(csfFunctions.map((f) => [f, 0])) as Record<CsfFunction, number>;
  let late = 0;
  let totalCostCents = 0;
  for (const row of rows) {
    if (row.status in byStatus) byStatus[row.status as ActionStatus] += Number(row.n);
    if (row.csf_function in byFunction) byFunction[row.csf_function as CsfFunction] += Number(row.n);
    late += Number(row.late);
    totalCostCents += Number(row.cost ?? 0);
  }
  return { byStatus, byFunction, late, totalCostCents };
}

import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Locale } from "../../platform/i18n/locale.ts";
import type { PriorityLevel } from "./actions.schemas.ts";

// An action's priority is derived from the risk reduction it buys. For each linked open risk:
// from = its current score (inherent while no current one is given), to = its residual score
// (the lowest cell while none is estimated), and
//   points = 10 x (rank(from level)^2 - rank(to level)^2) + max(0, fromL x fromI - toL x toI)
// with rank low=1 .. critical=4, squared so that bringing a critical risk down outweighs tidying
// up several medium ones, and likelihood x impact breaking ties within a level. The action's
// score is the sum over its risks; the level follows from thresholds below. The same formula is
// written twice, in SQL for recomputing a whole organisation at once (a matrix change) and in
// TypeScript for the reason shown to people; priority.test.ts checks they agree.

export interface LinkedRisk {
  number: number;
  status: string;
  inherentLevel: string;
  inherentLikelihood: number;
  inherentImpact: number;
  currentLevel: string | null;
  currentLikelihood: number | null;
  currentImpact: number | null;
  residualLevel: string | null;
  residualLikelihood: number | null;
  residualImpact: number | null;
}

const ranks: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };
const rank = (level: string | null) => ranks[level ?? "low"] ?? 1;

/** score thresholds, highest first */
const thresholds: [number, PriorityLevel][] = [
  [120, "critical"],
  [60, "high"],
  [25, "medium"],
];

export const levelOfScore = (score: number): PriorityLevel => thresholds.find(([min]) => score >= min)?.[1] ?? "low";

function stages(risk: LinkedRisk) {
  const from = risk.currentLevel
    ? { level: risk.currentLevel, cells: (risk.currentLikelihood ?? 1) * (risk.currentImpact ?? 1) }
    : { level: risk.inherentLevel, cells: risk.inherentLikelihood * risk.inherentImpact };
  const to = risk.residualLevel ? { level: risk.residualLevel, cells: (risk.residualLikelihood ?? 1) * (risk.residualImpact ?? 1) } : { level: "low", cells: 1 };
  return { from, to, estimated: risk.residualLevel !== null };
}

/** The reduction one risk contributes to the priority of an action that treats it. */
export function riskPoints(risk: LinkedRisk): number {
  if (risk.status !== "open") return 0;
  const { from, to } = stages(risk);
  return Math.max(0, 10 * (rank(from.level) ** 2 - rank(to.level) ** 2) + Math.max(0, from.cells - to.cells));
}

export const derivedScore = (risks: LinkedRisk[]) => risks.reduce((sum, r) => sum + riskPoints(r), 0);

const levelNames: Record<Locale, Record<string, string>> = {
  it: { low: "basso", medium: "medio", high: "alto", critical: "critico" },
  en: { low: "low", medium: "medium", high: "high", critical: "critical" },
};

const say = {
  it: {
    none: "Nessun rischio aperto collegato: priorità minima",
    reduces: (ref: string, from: string, to: string) => `Riduce ${ref} da ${from} a ${to}`,
    unestimated: " (rischio residuo non stimato)",
    more: (n: number) => (n === 1 ? " e un altro rischio" : ` e altri ${n} rischi`),
  },
  en: {
    none: "No open risk linked: lowest priority",
    reduces: (ref: string, from: string, to: string) => `Reduces ${ref} from ${from} to ${to}`,
    unestimated: " (residual risk not estimated)",
    more: (n: number) => (n === 1 ? " and one more risk" : ` and ${n} more risks`),
  },
} as const;

/** Why the derived priority is what it is, naming the risk that weighs most, e.g. "Riduce R-3 da alto a basso". */
export function priorityReason(locale: Locale, risks: LinkedRisk[]): string {
  const open = risks.filter((r) => r.status === "open");
  if (!open.length) return say[locale].none;
  const top = [...open].sort((a, b) => riskPoints(b) - riskPoints(a) || a.number - b.number)[0]!;
  const { from, to, estimated } = stages(top);
  const names = levelNames[locale];
  const text = say[locale].reduces(`R-${top.number}`, names[from.level] ?? from.level, names[to.level] ?? to.level);
  return text + (estimated ? "" : say[locale].unestimated) + (open.length > 1 ? say[locale].more(open.length - 1) : "");
}

const rankSql = (column: SQL) => sql`(case ${column} when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end)`;

/**
 * Recomputes the derived priority of an organisation's actions in one statement (a matrix change
 * re-levels every risk, then calls this), optionally only of some actions or of the actions
 * linked to some risks. Rows whose priority did not change are not written.
 */
export async function recomputeActionPriorities(tx: DbOrTx, orgId: string, only: { actionIds?: string[]; riskIds?: string[] } = {}) {
  const fromLevel = sql`coalesce(r.current_level, r.inherent_level)`;
  const fromCells = sql`(case when r.current_level is null then r.inherent_likelihood * r.inherent_impact else coalesce(r.current_likelihood, 1) * coalesce(r.current_impact, 1) end)`;
  const toLevel = sql`coalesce(r.residual_level, 'low')`;
  const toCells = sql`(case when r.residual_level is null then 1 else coalesce(r.residual_likelihood, 1) * coalesce(r.residual_impact, 1) end)`;
  const points = sql`greatest(0, 10 * (${rankSql(fromLevel)} * ${rankSql(fromLevel)} - ${rankSql(toLevel)} * ${rankSql(toLevel)}) + greatest(0, ${fromCells} - ${toCells}))`;
  const level = (score: SQL) =>
    sql`(case ${sql.join(
      thresholds.map(([min, name]) => sql`when ${score} >= ${sql.raw(String(min))} then ${name}`),
      sql` `,
    )} else 'low' end)`;
  const filters: SQL[] = [sql`a.org_id = ${orgId}`];
  if (only.actionIds) filters.push(only.actionIds.length ? sql`a.id in (${sql.join(only.actionIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`);
  if (only.riskIds)
    filters.push(
      only.riskIds.length
        ? sql`a.id in (select action_id from action_risks where risk_id in (${sql.join(only.riskIds.map((id) => sql`${id}::uuid`), sql`, `)}))`
        : sql`false`,
    );
  await tx.execute(sql`
    with scores as (
      select a.id, coalesce(sum(${points}) filter (where r.status = 'open'), 0)::int as score
      from improvement_actions a
      left join action_risks ar on ar.action_id = a.id
      left join risks r on r.id = ar.risk_id
      where ${sql.join(filters, sql` and `)}
      group by a.id
    )
    update improvement_actions a
    set derived_score = s.score, derived_priority = ${level(sql`s.score`)}
    from scores s
    where a.id = s.id and (a.derived_score <> s.score or a.derived_priority <> ${level(sql`s.score`)})`);
}

import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client.ts";
import type { Catalog } from "./catalogs/catalog-format.ts";
import { flattenRequirements } from "./catalogs/catalog-tree.ts";
import { assessableRequirements } from "./scoring.ts";

// The headline figures of many assessments of one framework and level at once, summed by the
// database: one query whatever the number of assessments, instead of reading every answer into
// the server (87,000 rows for 1,000 coordinated comuni). Same formulas as scoring.ts, which
// score-many.test.ts checks against scoreAssessment:
//   compliance % = 100 * (implemented + 0.5 * partial) / (requirements - not applicable),
//   an unanswered requirement counts as not implemented;
//   average maturity = mean of the current maturity given, not applicable excluded.

export interface HeadlineScore {
  compliancePercent: number | null;
  averageCurrentMaturity: number | null;
}
export interface FunctionHeadline extends HeadlineScore {
  id: string;
  title: Catalog["title"];
}
export interface AssessmentHeadline {
  overall: HeadlineScore;
  functions: FunctionHeadline[];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The requirements of the level with the function (top of the tree) each belongs to, in document order. */
export function requirementFunctions(catalog: Catalog, level: string | null) {
  const flat = flattenRequirements(catalog);
  const parent = new Map(flat.map((f) => [f.node.id, f.parentId]));
  const title = new Map(flat.map((f) => [f.node.id, f.node.title]));
  const top = (id: string) => {
    let at = id;
    for (let up = parent.get(at) ?? null; up !== null; up = parent.get(up) ?? null) at = up;
    return at;
  };
  const pairs = assessableRequirements(catalog, level).map((r) => ({ requirementId: r.node.id, functionId: top(r.node.id) }));
  const functions: { id: string; title: Catalog["title"]; requirements: number }[] = [];
  for (const pair of pairs) {
    const known = functions.find((f) => f.id === pair.functionId);
    if (known) known.requirements++;
    else functions.push({ id: pair.functionId, title: title.get(pair.functionId)!, requirements: 1 });
  }
  return { pairs, functions };
}

interface SumsRow {
  assessmentId: string;
  functionId: string;
  earned: number;
  notApplicable: number;
  maturitySum: number | null;
  maturityCount: number;
}

interface Sums {
  requirements: number;
  earned: number;
  notApplicable: number;
  maturitySum: number;
  maturityCount: number;
}

const headline = (s: Sums): HeadlineScore => ({
  compliancePercent: s.requirements - s.notApplicable > 0 ? round((100 * s.earned) / (s.requirements - s.notApplicable), 1) : null,
  averageCurrentMaturity: s.maturityCount > 0 ? round(s.maturitySum / s.maturityCount, 2) : null,
});

// Lists travel as three bound parameters (PostgreSQL array literals), not one parameter per item:
// binding 1,000 ids and 87 pairs one by one cost more than the aggregation itself (BENCHMARKS.md).
const arrayLiteral = (items: string[]) => `{${items.map((item) => `"${item.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

/** Headline scores by assessment id; every id given gets an entry (no answers: 0 %). */
export async function scoreMany(db: DbOrTx, catalog: Catalog, level: string | null, assessmentIds: string[]): Promise<Map<string, AssessmentHeadline>> {
  const out = new Map<string, AssessmentHeadline>();
  if (!assessmentIds.length) return out;
  const { pairs, functions } = requirementFunctions(catalog, level);
  const rows = pairs.length
    ? await queryRows<SumsRow>(
        db,
        sql`select a.assessment_id as "assessmentId", r.fn as "functionId",
              sum(case a.status when 'implemented' then 1 when 'partial' then 0.5 else 0 end)::float8 as "earned",
              (count(*) filter (where a.status = 'not_applicable'))::int as "notApplicable",
              (sum(a.current_maturity) filter (where a.status <> 'not_applicable'))::float8 as "maturitySum",
              (count(a.current_maturity) filter (where a.status <> 'not_applicable'))::int as "maturityCount"
            from assessment_answers a
            join unnest(${arrayLiteral(pairs.map((p) => p.requirementId))}::text[], ${arrayLiteral(pairs.map((p) => p.functionId))}::text[]) as r(id, fn)
              on r.id = a.requirement_id
            where a.assessment_id = any(${arrayLiteral(assessmentIds)}::uuid[])
            group by a.assessment_id, r.fn`,
      )
    : [];
  const byKey = new Map(rows.map((r) => [`${r.assessmentId}|${r.functionId}`, r]));
  for (const id of assessmentIds) {
    const total: Sums = { requirements: 0, earned: 0, notApplicable: 0, maturitySum: 0, maturityCount: 0 };
    const perFunction = functions.map((fn) => {
      const row = byKey.get(`${id}|${fn.id}`);
      const sums: Sums = {
        requirements: fn.requirements,
        earned: Number(row?.earned ?? 0),
        notApplicable: Number(row?.notApplicable ?? 0),
        maturitySum: Number(row?.maturitySum ?? 0),
        maturityCount: Number(row?.maturityCount ?? 0),
      };
      for (const key of Object.keys(total) as (keyof Sums)[]) total[key] += sums[key];
      return { id: fn.id, title: fn.title, ...headline(sums) };
    });
    out.set(id, { overall: headline(total), functions: perFunction });
  }
  return out;
}

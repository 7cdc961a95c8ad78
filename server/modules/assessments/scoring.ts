import type { Catalog } from "./catalogs/catalog-format.ts";
import { flattenRequirements } from "./catalogs/catalog-tree.ts";

// Results of an assessment, as a pure function of the catalog and the answers so it can be
// measured and tested on its own.
//   compliance % = 100 * (implemented + 0.5 * partial) / (applicable requirements - not applicable)
//   a requirement not answered yet counts as not implemented: the picture must not look better
//   than what is known.
//   average maturity = mean of the current (target) maturity given, not applicable excluded.
//   gap = (target - current) * importance; current missing counts as the lowest step of the scale;
//   importance is the catalog's (1 normal, 2 high, 3 critical, inherited down the tree, default 1).

export type AnswerStatus = "implemented" | "partial" | "not_implemented" | "not_applicable";

export interface ScoredAnswer {
  requirementId: string;
  status: AnswerStatus;
  currentMaturity: number | null;
  targetMaturity: number | null;
}

export interface GroupScore {
  id: string;
  title: Catalog["title"];
  requirements: number;
  answered: number;
  notApplicable: number;
  /** null when every requirement is not applicable */
  compliancePercent: number | null;
  averageCurrentMaturity: number | null;
  averageTargetMaturity: number | null;
}

export interface Gap {
  requirementId: string;
  functionId: string;
  currentMaturity: number;
  targetMaturity: number;
  importance: number;
  weightedDistance: number;
}

export interface AssessmentResults {
  overall: GroupScore;
  functions: GroupScore[];
  categories: GroupScore[];
  gaps: Gap[];
}

const credit: Record<AnswerStatus, number> = { implemented: 1, partial: 0.5, not_implemented: 0, not_applicable: 0 };

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const mean = (values: number[]) => (values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null);

/** The leaves an assessment at this level answers, in document order. */
export function assessableRequirements(catalog: Catalog, level: string | null) {
  return flattenRequirements(catalog).filter((r) => r.assessable && (!level || r.effectiveLevels.includes(level)));
}

function score(id: string, title: GroupScore["title"], requirementIds: string[], answers: Map<string, ScoredAnswer>): GroupScore {
  const given = requirementIds.map((r) => answers.get(r)).filter((a): a is ScoredAnswer => a !== undefined);
  const applicable = given.filter((a) => a.status !== "not_applicable");
  const notApplicable = given.length - applicable.length;
  const denominator = requirementIds.length - notApplicable;
  const earned = applicable.reduce((sum, a) => sum + credit[a.status], 0);
  return {
    id,
    title,
    requirements: requirementIds.length,
    answered: given.length,
    notApplicable,
    compliancePercent: denominator > 0 ? round((100 * earned) / denominator, 1) : null,
    averageCurrentMaturity: mean(applicable.flatMap((a) => (a.currentMaturity === null ? [] : [a.currentMaturity]))),
    averageTargetMaturity: mean(applicable.flatMap((a) => (a.targetMaturity === null ? [] : [a.targetMaturity]))),
  };
}

export function scoreAssessment(
  catalog: Catalog,
  level: string | null,
  answerList: ScoredAnswer[],
  importance?: (requirementId: string) => number,
): AssessmentResults {
  const flat = flattenRequirements(catalog);
  const catalogImportance = new Map(flat.map((f) => [f.node.id, f.effectiveImportance]));
  const weightOf = importance ?? ((id: string) => catalogImportance.get(id) ?? 1);
  const parent = new Map(flat.map((f) => [f.node.id, f.parentId]));
  const ancestors = (id: string) => {
    const chain: string[] = [];
    for (let at = parent.get(id) ?? null; at !== null; at = parent.get(at) ?? null) chain.unshift(at);
    return chain;
  };
  const leaves = assessableRequirements(catalog, level);
  const answers = new Map(answerList.map((a) => [a.requirementId, a]));
  const byFunction = new Map<string, string[]>();
  const byCategory = new Map<string, string[]>();
  const functionOf = new Map<string, string>();
  for (const leaf of leaves) {
    const [fn, category] = [...ancestors(leaf.node.id), leaf.node.id];
    functionOf.set(leaf.node.id, fn!);
    byFunction.set(fn!, [...(byFunction.get(fn!) ?? []), leaf.node.id]);
    if (category && category !== leaf.node.id) byCategory.set(category, [...(byCategory.get(category) ?? []), leaf.node.id]);
  }
  const titleOf = new Map(flat.map((f) => [f.node.id, f.node.title]));
  const lowest = catalog.maturityScale[0]!.value;
  const gaps: Gap[] = [];
  for (const leaf of leaves) {
    const answer = answers.get(leaf.node.id);
    if (!answer || answer.status === "not_applicable" || answer.targetMaturity === null) continue;
    const current = answer.currentMaturity ?? lowest;
    if (current >= answer.targetMaturity) continue;
    const weight = weightOf(leaf.node.id);
    gaps.push({
      requirementId: leaf.node.id,
      functionId: functionOf.get(leaf.node.id)!,
      currentMaturity: current,
      targetMaturity: answer.targetMaturity,
      importance: weight,
      weightedDistance: round((answer.targetMaturity - current) * weight),
    });
  }
  // document order breaks ties, so the list is stable between calls
  gaps.sort((a, b) => b.weightedDistance - a.weightedDistance);
  return {
    overall: score(catalog.id, catalog.title, leaves.map((l) => l.node.id), answers),
    functions: [...byFunction].map(([id, ids]) => score(id, titleOf.get(id)!, ids, answers)),
    categories: [...byCategory].map(([id, ids]) => score(id, titleOf.get(id)!, ids, answers)),
    gaps,
  };
}

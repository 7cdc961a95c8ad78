import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import type { CatalogRegistry } from "./catalogs/catalog-loader.ts";
import { organisations } from "../identity/identity.tables.ts";
import { assessments } from "./assessments.tables.ts";
import { assessmentPolicy } from "./assessments.policy.ts";
import { catalogOf, loadAssessment } from "./assessment-records.ts";
import { requirementFunctions, scoreMany } from "./score-many.ts";

// Peer benchmark: where an assessment stands against the other organisations of the same type
// (comuni with comuni, regioni with regioni) on the same framework and level. Each peer
// contributes its latest approved assessment of the whole entity; the figures are aggregates
// only and are never attributed to anyone.
//
// What the reply may reveal, and why:
// - nothing at all below MINIMUM_CONTRIBUTORS (5): only how many contribute;
// - no ids, names, or per-peer values; no count per function beyond "enough or not";
// - median and quartiles only. No minimum or maximum: with distinct values they ARE one entity's
//   value (the best or the worst comune), and the outliers are the easiest to attribute. No mean:
//   knowing the mean and the number of contributors before and after one peer approves a new
//   assessment gives that peer's exact value by difference. Quartiles are interpolated between
//   neighbours (q1 at 1/4, q3 at 3/4 of the sorted list, never its ends), so moving the best or
//   the worst peer further out does not change the reply (peer-benchmark.test.ts proves it).
export const MINIMUM_CONTRIBUTORS = 5;

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Linear interpolation between the closest ranks (the usual "type 7" quantile). */
export function quantile(sorted: number[], p: number): number {
  const at = p * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

function spread(values: (number | null)[]) {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (known.length < MINIMUM_CONTRIBUTORS) return null;
  return { q1: round1(quantile(known, 0.25)), median: round1(quantile(known, 0.5)), q3: round1(quantile(known, 0.75)) };
}

export async function peerBenchmark(db: Db, registry: CatalogRegistry, actor: Actor, orgId: string, assessmentId: string) {
  const record = assessmentPolicy.authorize(actor, "read", await loadAssessment(db, orgId, assessmentId));
  const catalog = catalogOf(registry, record.frameworkId, "frameworkId");
  const [org] = await db.select({ type: organisations.type }).from(organisations).where(eq(organisations.id, orgId));
  const organisationType = org!.type;
  const candidates = await db
    .select({ id: assessments.id, orgId: assessments.orgId, approvedAt: assessments.approvedAt })
    .from(assessments)
    .innerJoin(organisations, eq(organisations.id, assessments.orgId))
    .where(
      and(
        eq(organisations.type, organisationType),
        ne(assessments.orgId, orgId),
        eq(assessments.status, "approved"),
        eq(assessments.frameworkId, record.frameworkId),
        record.level === null ? isNull(assessments.level) : eq(assessments.level, record.level),
        isNull(assessments.scopeService),
      ),
    );
  const latest = new Map<string, (typeof candidates)[number]>();
  for (const row of candidates) {
    const known = latest.get(row.orgId);
    if (!known || (row.approvedAt?.getTime() ?? 0) > (known.approvedAt?.getTime() ?? 0)) latest.set(row.orgId, row);
  }
  const base = {
    assessmentId: record.id,
    frameworkId: record.frameworkId,
    level: record.level,
    organisationType,
    contributors: latest.size,
    minimumContributors: MINIMUM_CONTRIBUTORS,
  };
  if (latest.size < MINIMUM_CONTRIBUTORS) return { ...base, available: false };

  const ids = [...latest.values()].map((r) => r.id);
  const scores = await scoreMany(db, catalog, record.level, [...ids, record.id]);
  const peers = ids.map((id) => scores.get(id)!);
  const own = scores.get(record.id)!;
  return {
    ...base,
    available: true,
    overall: spread(peers.map((p) => p.overall.compliancePercent)),
    functions: requirementFunctions(catalog, record.level).functions.map((fn, i) => ({
      id: fn.id,
      title: fn.title,
      compliancePercent: spread(peers.map((p) => p.functions[i]!.compliancePercent)),
    })),
    own: { compliancePercent: own.overall.compliancePercent, functions: own.functions.map((f) => ({ id: f.id, compliancePercent: f.compliancePercent })) },
  };
}

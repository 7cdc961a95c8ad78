import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../server/db/client.ts";
import type { Actor } from "../server/platform/authz/actor.ts";
import { risks } from "../server/modules/risks/risks.tables.ts";
import { listActions } from "../server/modules/risks/actions.service.ts";
import { roadmapSummary } from "../server/modules/risks/roadmap-summary.ts";
import { recomputeActionPriorities } from "../server/modules/risks/priority.ts";
import { replaceMatrix } from "../server/modules/risks/risk-matrix.service.ts";
import { DEFAULT_MATRIX, type RiskMatrix } from "../server/modules/risks/risk-matrix.ts";
import { median, percentile } from "./measure.ts";
import { seedRiskRegister } from "./risks-seed.ts";
import { withFreshPostgres } from "./fresh-postgres.ts";
import { seedRoadmap } from "./roadmap-seed.ts";

// `npm run bench:roadmap`: the roadmap's figures of issue 4 (BENCHMARKS.md), on a fresh PostgreSQL
// database (BENCH_DATABASE_URL, the local server by default): the register's seed (BENCH_RISKS,
// 5000 risks) plus BENCH_ACTIONS (20000) actions. Timed in process (no HTTP), BENCH_ROADMAP_RUNS
// (200) times each: a timeline window page, the late list, a provider's page and the summary;
// then the priority recompute of every action alone, and the whole matrix change (every risk
// re-levelled, history, every priority) with the actions in place, BENCH_MATRIX_RUNS (5) times.

const URL_ = process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/postgres";
const RISKS = Number(process.env.BENCH_RISKS ?? 5_000);
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 20_000);
const RUNS = Number(process.env.BENCH_ROADMAP_RUNS ?? 200);
const MATRIX_RUNS = Number(process.env.BENCH_MATRIX_RUNS ?? 5);

const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 0);

async function timed(runs: number, work: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return { median: median(times), p99: percentile(times, 99), max: Math.max(...times) };
}

const stricter: RiskMatrix = { ...DEFAULT_MATRIX, cells: DEFAULT_MATRIX.cells.map((row, l) => row.map((_, i) => (["low", "medium", "high", "critical"] as const)[Math.min(3, Math.floor(((l + 1) * (i + 1)) / 5))]!)) };

export async function benchRoadmap(db: Db, actor: Actor, providerId: string) {
  const orgId = actor.orgId!;
  const window = { from: "2027-03-01", to: "2027-05-31", limit: 50 };
  const first = await listActions(db, actor, orgId, window);
  if (first.items.length !== 50) throw new Error("the timeline window should fill a page");
  const timeline = await timed(RUNS, () => listActions(db, actor, orgId, window));
  const timelineFunction = await timed(RUNS, () => listActions(db, actor, orgId, { ...window, csfFunction: "protect" }));
  const late = await timed(RUNS, () => listActions(db, actor, orgId, { late: true, limit: 50 }));
  const provider: Actor = { ...actor, orgId: providerId, providerOf: [orgId] };
  const providerPage = await timed(RUNS, () => listActions(db, provider, orgId, window));
  const summary = await timed(RUNS, () => roadmapSummary(db, actor, orgId));

  // every risk's levels moved (as a matrix change does), then every priority recomputed
  const recompute: number[] = [];
  for (let i = 0; i < MATRIX_RUNS; i++) {
    await db
      .update(risks)
      .set({ currentLevel: sql`case ${risks.currentLevel} when 'low' then 'medium' when 'medium' then 'high' when 'high' then 'critical' when 'critical' then 'low' end` })
      .where(eq(risks.orgId, orgId));
    const start = performance.now();
    await db.transaction((tx) => recomputeActionPriorities(tx, orgId));
    recompute.push(performance.now() - start);
  }
  const audit = { actor: { userId: actor.userId, email: actor.email }, actorLabel: "bench" };
  const matrix: number[] = [];
  for (let i = 0; i < MATRIX_RUNS; i++) {
    const start = performance.now();
    await replaceMatrix(db, actor, orgId, i % 2 ? DEFAULT_MATRIX : stricter, audit);
    matrix.push(performance.now() - start);
  }
  return { timeline, timelineFunction, late, providerPage, summary, recompute: { median: median(recompute), max: Math.max(...recompute) }, matrix: { median: median(matrix), max: Math.max(...matrix) } };
}

async function main() {
  const startLoad = loadavg()[0]!.toFixed(1);
  const figures = await withFreshPostgres(URL_, async (database) => {
    const seedStart = performance.now();
    const register = await seedRiskRegister(database.db, RISKS);
    const roadmap = await seedRoadmap(database.db, register, ACTIONS);
    // a live database is vacuumed by autovacuum; right after a bulk seed it has not been yet
    await database.db.execute("vacuum analyze");
    const seedMs = performance.now() - seedStart;
    return { seedMs, ...(await benchRoadmap(database.db, register.actor, roadmap.providerId)) };
  });
  console.log(`Roadmap on PostgreSQL, ${ACTIONS} actions and ${RISKS} risks in one organisation (${cpus().length} cores, load ${startLoad} at start; seeding ${fmt(figures.seedMs)} ms)`);
  const line = (label: string, f: { median: number; p99: number; max: number }) => console.log(`  ${label}: median ${fmt(f.median)} ms, p99 ${fmt(f.p99)} ms, max ${fmt(f.max)} ms (${RUNS} runs)`);
  line("timeline window page (3 months, 50 actions)", figures.timeline);
  line("timeline window page, one function", figures.timelineFunction);
  line("late actions page (50)", figures.late);
  line("provider's timeline page", figures.providerPage);
  line("summary (status, function, late, cost)", figures.summary);
  console.log(`  priority recompute of every action: median ${fmt(figures.recompute.median)} ms, max ${fmt(figures.recompute.max)} ms (${MATRIX_RUNS} runs)`);
  console.log(`  matrix change with the actions (re-level, history, priorities): median ${fmt(figures.matrix.median)} ms, max ${fmt(figures.matrix.max)} ms (${MATRIX_RUNS} runs)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import type { Db } from "../server/db/client.ts";
import type { Actor } from "../server/platform/authz/actor.ts";
import { riskHeatmap } from "../server/modules/risks/heatmap.service.ts";
import { listRisks } from "../server/modules/risks/risks.service.ts";
import { replaceMatrix } from "../server/modules/risks/risk-matrix.service.ts";
import { DEFAULT_MATRIX, type RiskMatrix } from "../server/modules/risks/risk-matrix.ts";
import { median, percentile } from "./measure.ts";
import { seedRiskRegister } from "./risks-seed.ts";
import { withFreshPostgres } from "./fresh-postgres.ts";

// `npm run bench:risks`: the figures of issue 4 for the register (BENCHMARKS.md), on a fresh
// PostgreSQL database (BENCH_DATABASE_URL, the local server by default): a comune with
// BENCH_RISKS (5000) risks; the heat map at each stage and the register's first page, timed in
// process (no HTTP) BENCH_RISK_RUNS (200) times each; then a matrix change, which re-levels every
// stage of every risk, records the moved levels and recomputes the roadmap's priorities in one
// transaction, BENCH_MATRIX_RUNS (5) times, alternating two matrices so every run moves levels.

const URL_ = process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/postgres";
const RISKS = Number(process.env.BENCH_RISKS ?? 5_000);
const RUNS = Number(process.env.BENCH_RISK_RUNS ?? 200);
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

/** The default matrix with the bands moved one step: most cells change level. */
const stricter: RiskMatrix = { ...DEFAULT_MATRIX, cells: DEFAULT_MATRIX.cells.map((row, l) => row.map((_, i) => (["low", "medium", "high", "critical"] as const)[Math.min(3, Math.floor(((l + 1) * (i + 1)) / 5))]!)) };

export async function benchRegister(db: Db, actor: Actor) {
  const orgId = actor.orgId!;
  const heatmaps = [];
  for (const stage of ["inherent", "current", "residual"] as const) {
    const first = await riskHeatmap(db, actor, orgId, { stage });
    if (!first.cells.length) throw new Error(`empty heat map at ${stage}`);
    heatmaps.push({ stage, ...(await timed(RUNS, () => riskHeatmap(db, actor, orgId, { stage }))) });
  }
  const filtered = await timed(RUNS, () => riskHeatmap(db, actor, orgId, { stage: "residual", status: "open", treatment: "mitigate" }));
  const page = await timed(RUNS, () => listRisks(db, actor, orgId, { limit: 50, level: "high", stage: "current" }));
  const audit = { actor: { userId: actor.userId, email: actor.email }, actorLabel: "bench" };
  const matrix: number[] = [];
  for (let i = 0; i < MATRIX_RUNS; i++) {
    const start = performance.now();
    await replaceMatrix(db, actor, orgId, i % 2 ? DEFAULT_MATRIX : stricter, audit);
    matrix.push(performance.now() - start);
  }
  return { heatmaps, filtered, page, matrix: { median: median(matrix), max: Math.max(...matrix) } };
}

async function main() {
  const startLoad = loadavg()[0]!.toFixed(1);
  const figures = await withFreshPostgres(URL_, async (database) => {
    const seedStart = performance.now();
    const seeded = await seedRiskRegister(database.db, RISKS);
    await database.db.execute("analyze");
    const seedMs = performance.now() - seedStart;
    return { seedMs, ...(await benchRegister(database.db, seeded.actor)) };
  });
  console.log(`Risk register on PostgreSQL, ${RISKS} risks in one organisation (${cpus().length} cores, load ${startLoad} at start; seeding ${fmt(figures.seedMs)} ms)`);
  for (const h of figures.heatmaps) console.log(`  heat map ${h.stage.padEnd(8)} median ${fmt(h.median)} ms, p99 ${fmt(h.p99)} ms, max ${fmt(h.max)} ms (${RUNS} runs)`);
  console.log(`  heat map residual, open, mitigated: median ${fmt(figures.filtered.median)} ms, p99 ${fmt(figures.filtered.p99)} ms`);
  console.log(`  register page (50, current level high): median ${fmt(figures.page.median)} ms, p99 ${fmt(figures.page.p99)} ms`);
  console.log(`  matrix change (re-level all, history, priorities): median ${fmt(figures.matrix.median)} ms, max ${fmt(figures.matrix.max)} ms (${MATRIX_RUNS} runs)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { loadCatalogs } from "../server/modules/assessments/catalogs/catalog-loader.ts";
import { assessableRequirements, scoreAssessment, type AnswerStatus, type ScoredAnswer } from "../server/modules/assessments/scoring.ts";
import { buildReportData, type ReportEvidence } from "../server/modules/assessments/report/report-data.ts";
import { renderReport } from "../server/modules/assessments/report/report-pdf.ts";
import { median } from "./measure.ts";
import { benchCoordinatorPglite, benchCoordinatorPostgres, type CoordinatorFigures } from "./coordinator.ts";

// `npm run bench:assessments`: the figures of issue 3 (BENCHMARKS.md, "Issue 3: assessments"),
// in process, no server and no database: the cost of scoring and of drawing the report for the
// ACN "soggetti essenziali" assessment (116 requirements) of the shipped catalog, every one answered.
//   BENCH_SCORE_RUNS (5000), BENCH_PDF_RUNS (20), BENCH_PDF_OUT (write one report there to look at)
// Then the coordinator view over 1,000 approved assessments (bench/coordinator.ts), on PGlite and,
// with BENCH_DATABASE_URL, on a fresh PostgreSQL database:
//   BENCH_ENTITIES (1000), BENCH_COORDINATOR_RUNS (50)

const SCORE_RUNS = Number(process.env.BENCH_SCORE_RUNS ?? 5_000);
const PDF_RUNS = Number(process.env.BENCH_PDF_RUNS ?? 20);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const fmt = (ms: number) => ms.toFixed(ms < 10 ? 3 : 0);

async function main() {
  const startLoad = loadavg()[0]!.toFixed(1);
  const catalog = (await loadCatalogs()).get("acn-nis2-misure-base");
  if (!catalog) throw new Error("shipped catalog acn-nis2-misure-base missing");
  const ids = assessableRequirements(catalog, "essenziali").map((r) => r.node.id);
  if (ids.length !== 116) throw new Error(`expected 116 requirements, got ${ids.length}`);
  // varied, deterministic answers: every status, maturities across the scale, many gaps
  const statuses: AnswerStatus[] = ["implemented", "partial", "not_implemented", "partial", "not_applicable"];
  const answers: ScoredAnswer[] = ids.map((requirementId, i) => ({
    requirementId,
    status: statuses[i % statuses.length]!,
    currentMaturity: 1 + (i % 4),
    targetMaturity: 3 + (i % 2),
  }));
  const importance = (id: string) => (id.startsWith("GV") || id.startsWith("PR") ? 2 : 1);

  for (let i = 0; i < 200; i++) scoreAssessment(catalog, "essenziali", answers, importance);
  const scoring: number[] = [];
  for (let i = 0; i < SCORE_RUNS; i++) {
    const start = performance.now();
    scoreAssessment(catalog, "essenziali", answers, importance);
    scoring.push(performance.now() - start);
  }

  const evidence: ReportEvidence[] = ids.slice(0, 60).map((requirementId, i) => ({
    requirementId,
    title: `Documento di attuazione ${requirementId}`,
    source: `https://www.comune.example.it/documenti/${i}`,
    expiresOn: i % 7 === 0 ? "2024-06-30" : "2030-12-31",
    expired: i % 7 === 0,
  }));
  const record = {
    title: "Misure di base NIS2 - ciclo 2026",
    level: "essenziali",
    scopeService: null,
    status: "approved",
    createdAt: new Date("2026-02-01T09:00:00Z"),
    targetDate: "2026-12-31",
    approvedByName: "Maria Rossi",
    approvedAt: new Date("2026-11-20T10:00:00Z"),
  };
  const data = buildReportData(catalog, "Comune di Città di Prova", record, answers, evidence);
  await renderReport(data, "it");
  const pdf: number[] = [];
  let bytes = 0;
  for (let i = 0; i < PDF_RUNS; i++) {
    const start = performance.now();
    // the route's work after the queries: scoring, then drawing and compressing the document
    const out = await renderReport(buildReportData(catalog, "Comune di Città di Prova", record, answers, evidence), "it");
    pdf.push(performance.now() - start);
    bytes = out.length;
  }
  if (process.env.BENCH_PDF_OUT) writeFileSync(process.env.BENCH_PDF_OUT, await renderReport(data, "it"));

  const registry = await loadCatalogs();
  const coordinator: CoordinatorFigures[] = [await benchCoordinatorPglite(registry)];
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) coordinator.push(await benchCoordinatorPostgres(registry, pgUrl));
  const onPostgres = coordinator.find((c) => c.backend === "PostgreSQL");

  const lines = [
    `Scoring 116 requirements (ACN essenziali), ${SCORE_RUNS} runs: p50 ${fmt(percentile(scoring, 50))} ms, p99 ${fmt(percentile(scoring, 99))} ms, max ${fmt(Math.max(...scoring))} ms`,
    `PDF report of the same assessment (60 evidence items), ${PDF_RUNS} runs: median ${fmt(median(pdf))} ms, max ${fmt(Math.max(...pdf))} ms, ${Math.round(bytes / 1024)} KiB`,
    ...coordinator.map(
      (c) => `Coordinator view, ${c.entities} approved assessments (${c.answers} answers), ${c.backend}, ${c.runs} runs: median ${fmt(c.medianMs)} ms, p99 ${fmt(c.p99Ms)} ms, max ${fmt(c.maxMs)} ms`,
    ),
    "",
    "Targets of issue 3:",
    `- scoring p99 < 20 ms: ${percentile(scoring, 99) < 20 ? "met" : "MISSED"}`,
    `- PDF < 2 s: ${median(pdf) < 2_000 ? "met" : "MISSED"}`,
    `- coordinator view of 1,000 assessments < 200 ms on PostgreSQL: ${onPostgres ? (onPostgres.p99Ms < 200 ? "met (p99)" : onPostgres.medianMs < 200 ? "met (median), p99 missed" : "MISSED") : "not measured (set BENCH_DATABASE_URL)"}`,
    "",
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), load average at start ${startLoad}, at end ${loadavg()[0]!.toFixed(1)}; Node ${process.version}`,
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

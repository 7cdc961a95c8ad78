import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../server/db/client.ts";
import { startAppProcess, waitHealthy, type AppProcess } from "../test/helpers/app-process.ts";
import { load, median, memoryOf, type LoadFigures } from "./measure.ts";
import { BENCH_PASSWORD, seedOrganisation } from "./seed.ts";
import { createFreshPostgres } from "./fresh-postgres.ts";

// `npm run bench`: the figures of issue 2 (BENCHMARKS.md). The server runs as its own process,
// as in production; autocannon drives it from this one over the loopback interface only.
//   BENCH_DATABASE_URL (or DATABASE_URL)  also measure on PostgreSQL (a fresh database is created there)
//   BENCH_SECONDS (10), BENCH_RUNS (3), BENCH_COLD_STARTS (5)

const MEMBERS = 1_000;
const CONNECTIONS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 5);
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;

interface Prepared {
  env: Record<string, string>;
  orgId: string;
  adminEmail: string;
  cleanup(): Promise<void>;
}

async function preparePglite(): Promise<Prepared> {
  const dataDir = mkdtempSync(join(tmpdir(), "cittadella-bench-"));
  const database = await openDatabase({ dataDir: join(dataDir, "pglite") });
  await database.migrate();
  const seeded = await seedOrganisation(database.db, MEMBERS);
  await database.close();
  return { env: { DATA_DIR: dataDir, DEMO_DATA: "false" }, ...seeded, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

async function preparePostgres(url: string): Promise<Prepared> {
  const fresh = await createFreshPostgres(url);
  const database = await openDatabase({ url: fresh.url, poolSize: 2 });
  await database.migrate();
  const seeded = await seedOrganisation(database.db, MEMBERS);
  await database.close();
  const dataDir = mkdtempSync(join(tmpdir(), "cittadella-bench-"));
  return {
    env: { DATABASE_URL: fresh.url, DATA_DIR: dataDir },
    ...seeded,
    cleanup: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await fresh.drop();
    },
  };
}

async function signIn(server: AppProcess, email: string) {
  const res = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: BENCH_PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().find((c) => c.startsWith("cittadella_session="))!.split(";")[0]!;
}

interface BackendFigures {
  backend: string;
  health: LoadFigures;
  members: LoadFigures;
  idleMiB: number;
  peakMiB: number;
}

const pick = (runs: LoadFigures[]): LoadFigures => ({
  requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
  p50: median(runs.map((r) => r.p50)),
  p99: median(runs.map((r) => r.p99)),
  non2xx: 0,
  errors: runs.reduce((sum, r) => sum + r.errors, 0),
});

async function measureBackend(backend: string, prepared: Prepared): Promise<BackendFigures> {
  const server = await startAppProcess(prepared.env);
  try {
    await waitHealthy(server);
    await new Promise((r) => setTimeout(r, 2_000));
    const idle = memoryOf(server.child.pid!);
    const cookie = await signIn(server, prepared.adminEmail);
    const healthUrl = `${server.url}/api/health`;
    const membersUrl = `${server.url}/api/orgs/${prepared.orgId}/members`;
    const page = (await (await fetch(membersUrl, { headers: { cookie } })).json()) as { items: unknown[] };
    if (page.items.length !== 50) throw new Error(`members page has ${page.items.length} items, expected 50`);
    process.stderr.write(`[${backend}] warming up\n`);
    await load(healthUrl, {}, CONNECTIONS, 3);
    await load(membersUrl, { cookie }, CONNECTIONS, 3);
    const health: LoadFigures[] = [];
    const members: LoadFigures[] = [];
    for (let run = 1; run <= RUNS; run++) {
      health.push(await load(healthUrl, {}, CONNECTIONS, SECONDS));
      members.push(await load(membersUrl, { cookie }, CONNECTIONS, SECONDS));
      process.stderr.write(`[${backend}] run ${run}/${RUNS}: health ${health.at(-1)!.requestsPerSecond.toFixed(0)} req/s, members ${members.at(-1)!.requestsPerSecond.toFixed(0)} req/s\n`);
    }
    const peak = memoryOf(server.child.pid!);
    return { backend, health: pick(health), members: pick(members), idleMiB: idle.rssMiB, peakMiB: peak.peakMiB };
  } finally {
    await server.stop();
  }
}

/** Process start to the first 200 from /api/health, on an embedded database that already exists. */
async function coldStarts(prepared: Prepared): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const server = await startAppProcess(prepared.env);
    try {
      await waitHealthy(server);
      times.push(Date.now() - server.spawnedAt);
    } finally {
      await server.stop();
    }
  }
  return times;
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

async function main() {
  const startLoad = loadavg()[0]!.toFixed(1);
  process.stderr.write(`Cittadella benchmark: ${MEMBERS} members, ${CONNECTIONS} connections, ${RUNS} runs of ${SECONDS} s, ${cpus().length} cores\n`);
  const results: BackendFigures[] = [];
  const pglite = await preparePglite();
  let cold: number[] = [];
  try {
    results.push(await measureBackend("PGlite", pglite));
    cold = await coldStarts(pglite);
  } finally {
    await pglite.cleanup();
  }
  if (pgUrl) {
    const postgres = await preparePostgres(pgUrl);
    try {
      results.push(await measureBackend("PostgreSQL", postgres));
    } finally {
      await postgres.cleanup();
    }
  }

  const lines = [
    `| backend | endpoint | req/s | p50 ms | p99 ms | timeouts | list / health |`,
    `| --- | --- | ---: | ---: | ---: | ---: | ---: |`,
  ];
  for (const r of results) {
    const ratio = r.members.requestsPerSecond / r.health.requestsPerSecond;
    lines.push(`| ${r.backend} | GET /api/health | ${fmt(r.health.requestsPerSecond)} | ${fmt(r.health.p50)} | ${fmt(r.health.p99)} | ${r.health.errors} | |`);
    lines.push(`| ${r.backend} | GET /api/orgs/:orgId/members (50 of ${MEMBERS}) | ${fmt(r.members.requestsPerSecond)} | ${fmt(r.members.p50)} | ${fmt(r.members.p99)} | ${r.members.errors} | ${fmt(ratio * 100)}% |`);
  }
  lines.push("", `| backend | RSS idle MiB | peak RSS under load MiB |`, `| --- | ---: | ---: |`);
  for (const r of results) lines.push(`| ${r.backend} | ${fmt(r.idleMiB)} | ${fmt(r.peakMiB)} |`);
  lines.push("", `Cold start to first 200 (PGlite, existing database): median ${fmt(median(cold))} ms of ${cold.map((c) => fmt(c)).join(", ")} ms`);
  const pgFigures = results.find((r) => r.backend === "PostgreSQL");
  lines.push("", "Targets of issue 2:");
  for (const r of results) {
    const ratio = r.members.requestsPerSecond / r.health.requestsPerSecond;
    lines.push(`- ${r.backend}: list >= 30% of health: ${ratio >= 0.3 ? "met" : "MISSED"} (${fmt(ratio * 100)}%)`);
  }
  if (pgFigures) lines.push(`- PostgreSQL: list p99 < 50 ms: ${pgFigures.members.p99 < 50 ? "met" : "MISSED"} (${fmt(pgFigures.members.p99)} ms)`);
  lines.push(`- cold start < 3 s: ${median(cold) < 3_000 ? "met" : "MISSED"} (${fmt(median(cold))} ms)`);
  lines.push("", `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), load average at start ${startLoad}, at end ${loadavg()[0]!.toFixed(1)}; Node ${process.version}`);
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

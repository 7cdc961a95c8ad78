import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
const session = new Session(); session.connect(); await session.post("Profiler.enable");
import { buildApp } from "/work/main/server/app.ts";
import { createContext } from "/work/main/server/bootstrap.ts";
import { loadConfig } from "/work/main/server/config.ts";
import { createLogger } from "/work/main/server/logger.ts";
import { openDatabase } from "/work/main/server/db/client.ts";
import { seedOrganisation, BENCH_PASSWORD } from "/work/main/bench/seed.ts";

const url = process.env.PGURL;
let queries = 0;
const orig = pg.Client.prototype.query;
(pg.Client.prototype as any).query = function (...args: any[]) { queries++; return (orig as any).apply(this, args); };
const name = `prof_${Date.now()}`;
let database;
if (url) {
  const c = new pg.Client({ connectionString: url }); await c.connect(); await c.query(`create database ${name}`); await c.end();
  const u = new URL(url); u.pathname = `/${name}`;
  database = await openDatabase({ url: u.toString() });
} else database = await openDatabase({});
await database.migrate();
const seeded = await seedOrganisation(database.db, 1000);
const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: "warn", DATA_DIR: mkdtempSync(join(tmpdir(), "p-")) }, { dotenvFile: "/nonexistent" });
const ctx = createContext(config, database, createLogger("warn"));
const app = await buildApp(ctx); await app.ready();
const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: seeded.adminEmail, password: BENCH_PASSWORD } });
const cookie = `cittadella_session=${login.cookies.find((c) => c.name === "cittadella_session")!.value}`;
for (const [label, target, headers] of [["health", "/api/health", {}], ["members", `/api/orgs/${seeded.orgId}/members`, { cookie }]] as const) {
  for (let i = 0; i < 50; i++) await app.inject({ method: "GET", url: target, headers });
  queries = 0;
  if (label === "members") await session.post("Profiler.start");
  const n = 300; const t0 = performance.now();
  for (let i = 0; i < n; i++) { const r = await app.inject({ method: "GET", url: target, headers }); if (r.statusCode !== 200) throw new Error(r.body); }
  const ms = (performance.now() - t0) / n;
  if (label === "members") { const { profile } = await session.post("Profiler.stop"); writeFileSync("/tmp/prof/cpu/members.cpuprofile", JSON.stringify(profile)); }
  console.log(label, "ms/request", ms.toFixed(2), "queries/request", (queries / n).toFixed(2));
}
await app.close(); await database.close();
if (url) { const c = new pg.Client({ connectionString: url }); await c.connect(); await c.query(`drop database ${name} with (force)`); await c.end(); }

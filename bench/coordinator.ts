import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { openDatabase, type Db } from "../server/db/client.ts";
import { withFreshPostgres } from "./fresh-postgres.ts";
import { percentile } from "./measure.ts";
import type { Actor } from "../server/platform/authz/actor.ts";
import type { CatalogRegistry } from "../server/modules/assessments/catalogs/catalog-loader.ts";
import { assessableRequirements } from "../server/modules/assessments/scoring.ts";
import { organisationRelationships, organisations } from "../server/modules/identity/identity.tables.ts";
import { assessmentAnswers, assessments } from "../server/modules/assessments/assessments.tables.ts";
import { coordinatedAssessments } from "../server/modules/assessments/coordinated.service.ts";

// The coordinator aggregation of issue 3: a regione coordinating ENTITIES comuni, each with one
// approved ACN "importanti" assessment (87 requirements, every one answered) shared upward,
// seeded straight into the database in bulk; then the service behind
// GET /api/orgs/:orgId/coordinated-assessments is timed, in process (no HTTP, no JSON).

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 1_000);
const RUNS = Number(process.env.BENCH_COORDINATOR_RUNS ?? 50);
const statuses = ["implemented", "partial", "not_implemented", "partial", "implemented", "not_applicable"] as const;

const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

async function seed(db: Db, registry: CatalogRegistry) {
  const catalog = registry.get("acn-nis2-misure-base")!;
  const ids = assessableRequirements(catalog, "importanti").map((r) => r.node.id);
  const [regione] = await db.insert(organisations).values({ name: "Regione Bench", type: "regione" }).returning();
  const comuni = [];
  for (const part of chunks(Array.from({ length: ENTITIES }, (_, i) => ({ name: `Comune Bench ${i}`, type: "comune" })), 5_000))
    comuni.push(...(await db.insert(organisations).values(part).returning({ id: organisations.id })));
  for (const part of chunks(comuni, 5_000))
    await db.insert(organisationRelationships).values(part.map((c) => ({ kind: "coordinator_of", fromOrgId: regione!.id, toOrgId: c.id })));
  const approvedAt = new Date("2026-06-30T10:00:00Z");
  const rows = [];
  for (const part of chunks(comuni, 2_000))
    rows.push(
      ...(await db
        .insert(assessments)
        .values(part.map((c) => ({ orgId: c.id, frameworkId: catalog.id, level: "importanti", title: "Misure di base NIS2 2026", status: "approved", approvedByName: "Bench", approvedAt, sharedUpward: true })))
        .returning({ id: assessments.id })),
    );
  const answers = rows.flatMap((row, n) =>
    ids.map((requirementId, i) => ({ assessmentId: row.id, requirementId, status: statuses[(i + n) % statuses.length]!, currentMaturity: 1 + ((i + n) % 4), targetMaturity: 4 })),
  );
  for (const part of chunks(answers, 10_000)) await db.insert(assessmentAnswers).values(part);
  const actor: Actor = {
    userId: randomUUID(),
    email: "bench@regione.example.it",
    name: "Bench",
    locale: "it",
    orgId: regione!.id,
    role: "admin",
    providerOf: [],
    coordinatorOf: comuni.map((c) => c.id),
    via: "session",
    mfaEnrolled: false,
  };
  return { actor, answers: answers.length };
}

export interface CoordinatorFigures {
  backend: string;
  entities: number;
  answers: number;
  runs: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

async function measure(backend: string, db: Db, registry: CatalogRegistry, analyze: () => Promise<unknown>): Promise<CoordinatorFigures> {
  const { actor, answers } = await seed(db, registry);
  await analyze();
  const orgId = actor.orgId!;
  const first = await coordinatedAssessments(db, registry, actor, orgId);
  if (first.items.length !== ENTITIES || first.items.some((i) => i.assessments[0]?.compliancePercent == null)) throw new Error("coordinator view incomplete");
  for (let i = 0; i < 3; i++) await coordinatedAssessments(db, registry, actor, orgId);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await coordinatedAssessments(db, registry, actor, orgId);
    times.push(performance.now() - start);
  }
  return { backend, entities: ENTITIES, answers, runs: RUNS, medianMs: percentile(times, 50), p99Ms: percentile(times, 99), maxMs: Math.max(...times) };
}

export async function benchCoordinatorPglite(registry: CatalogRegistry) {
  const database = await openDatabase({});
  await database.migrate();
  try {
    return await measure("PGlite", database.db, registry, () => database.db.execute("analyze"));
  } finally {
    await database.close();
  }
}

/** On a fresh database created on the server at url, dropped afterwards. */
export function benchCoordinatorPostgres(registry: CatalogRegistry, url: string) {
  return withFreshPostgres(url, (database) => measure("PostgreSQL", database.db, registry, () => database.db.execute("analyze")));
}

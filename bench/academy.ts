import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { and, eq } from "drizzle-orm";
import type { Database } from "../server/db/client.ts";
import type { Actor } from "../server/platform/authz/actor.ts";
import { memberships, organisations, users } from "../server/modules/identity/identity.tables.ts";
import { academyPaths, academyQuizAttempts } from "../server/modules/academy/academy.tables.ts";
import { publishStarterCurriculum } from "../server/modules/academy/publish-starter.ts";
import { submitAttempt } from "../server/modules/academy/quiz.service.ts";
import { answersFor, rightAnswer, wrongAnswer } from "../server/modules/academy/academy.test-helper.ts";
import { pathById, type Quiz } from "../server/modules/academy/path-content.ts";
import { median, percentile } from "./measure.ts";
import { withFreshPostgres } from "./fresh-postgres.ts";

// `npm run bench:academy`: quiz submissions of issue 6 (BENCHMARKS.md), in process (no HTTP), on
// a fresh PostgreSQL database (BENCH_DATABASE_URL): BENCH_LEARNERS (2000) learners, each with an
// open attempt at the phishing quiz, hand it in, BENCH_CONCURRENCY (64, as the HTTP benchmarks'
// connections) at a time, through the pool a server uses (20 connections); half pass (their
// module completes), half fail. Figures: submissions per second over the whole wave, and each
// submission's latency (median, p99).

const URL_ = process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/postgres";
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const PUBLIC_URL = "https://cittadella.example.it";


async function seed(database: Database) {
  const db = database.db;
  await publishStarterCurriculum(db);
  const [path] = await db.select().from(academyPaths).where(and(eq(academyPaths.slug, "sicurezza-digitale-di-base"), eq(academyPaths.status, "published")));
  const loaded = (await pathById(db, path!.id))!;
  const quiz = loaded.items.get("phishing-quiz")!.item as Quiz;
  const [org] = await db.insert(organisations).values({ name: "Comune del banco di prova", type: "comune" }).returning();
  const learners: Actor[] = [];
  const attempts: { id: string; questionIds: string[] }[] = [];
  for (let from = 0; from < LEARNERS; from += 500) {
    const count = Math.min(500, LEARNERS - from);
    const rows = await db
      .insert(users)
      .values(Array.from({ length: count }, (_, i) => ({ email: `learner-${from + i}@bench.example.it`, name: `Learner ${from + i}`, passwordHash: "x" })))
      .returning();
    await db.insert(memberships).values(rows.map((u) => ({ userId: u.id, orgId: org!.id, role: "employee" })));
    const questionIds = quiz.questions.slice(0, quiz.drawCount).map((q) => q.id);
    const started = await db
      .insert(academyQuizAttempts)
      .values(rows.map((u) => ({ userId: u.id, orgId: org!.id, pathId: path!.id, pathSlug: path!.slug, quizId: quiz.id, questionIds })))
      .returning();
    for (const [i, u] of rows.entries()) {
      learners.push({ userId: u.id, email: u.email, name: u.name, locale: "it", orgId: org!.id, role: "employee", providerOf: [], coordinatorOf: [], via: "session", mfaEnrolled: false });
      attempts.push({ id: started[i]!.id, questionIds });
    }
  }
  await db.execute("analyze");
  return { quiz, learners, attempts };
}

async function main() {
  const startLoad = loadavg()[0]!.toFixed(1);
  const figures = await withFreshPostgres(URL_, async (database) => {
    const { quiz, learners, attempts } = await seed(database);
    const audit = { actor: null, actorLabel: "bench" };
    const latencies: number[] = [];
    const start = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < learners.length) {
        const i = next++;
        const attempt = attempts[i]!;
        const answers = answersFor(quiz, attempt.questionIds, i % 2 ? rightAnswer : wrongAnswer);
        const t0 = performance.now();
        await submitAttempt(database.db, PUBLIC_URL, learners[i]!, attempt.id, answers, audit);
        latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - start) / 1000;
    return { perSecond: learners.length / seconds, median: median(latencies), p99: percentile(latencies, 99) };
  });
  console.log(`Quiz submissions on PostgreSQL, ${LEARNERS} learners, ${CONCURRENCY} at a time, pool of 20 (${cpus().length} cores, load ${startLoad} at start)`);
  console.log(`  ${figures.perSecond.toFixed(0)} submissions/s, latency median ${figures.median.toFixed(0)} ms, p99 ${figures.p99.toFixed(0)} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

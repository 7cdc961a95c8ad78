import { and, eq } from "drizzle-orm";
import type { Tx } from "../db/client.ts";
import type { Actor, Role } from "../platform/authz/actor.ts";
import { academyPaths, academyQuizAttempts } from "../modules/academy/academy.tables.ts";
import { pathById, type LoadedPath, type Quiz } from "../modules/academy/path-content.ts";
import { recordOutcome } from "../modules/academy/progress.service.ts";

// The demo comune's learners, recorded through the academy's own code (progress, completions,
// certificate, xAPI statements): Diana finished "incidenti-in-ufficio" and holds its certificate,
// and has read the first article of "sicurezza-digitale-di-base"; Ottavio failed the phishing quiz
// once. Needs the starter curriculum published first.

interface DemoLearner {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

const demoActor = (orgId: string, learner: DemoLearner): Actor => ({
  userId: learner.userId,
  email: learner.email,
  name: learner.name,
  locale: "it",
  orgId,
  role: learner.role,
  providerOf: [],
  coordinatorOf: [],
  via: "session",
  mfaEnrolled: false,
});

async function starterPath(tx: Tx, slug: string): Promise<LoadedPath> {
  const [row] = await tx
    .select({ id: academyPaths.id })
    .from(academyPaths)
    .where(and(eq(academyPaths.slug, slug), eq(academyPaths.status, "published")));
  return (await pathById(tx, row!.id))!;
}

async function handIn(tx: Tx, publicUrl: string, actor: Actor, path: LoadedPath, quiz: Quiz, scorePercent: number, at: Date) {
  const questionIds = quiz.questions.slice(0, quiz.drawCount ?? quiz.questions.length).map((q) => q.id);
  const passed = scorePercent >= quiz.passMark;
  const [attempt] = await tx
    .insert(academyQuizAttempts)
    .values({ userId: actor.userId, orgId: actor.orgId, pathId: path.row.id, pathSlug: path.row.slug, quizId: quiz.id, questionIds, startedAt: new Date(at.getTime() - 6 * 60_000), submittedAt: at, score: scorePercent, passed, answers: [] })
    .returning();
  const points = (scorePercent / 100) * questionIds.length;
  await recordOutcome(
    tx,
    publicUrl,
    actor,
    path,
    { itemId: quiz.id, status: passed ? "passed" : "failed", scorePercent },
    [
      {
        verb: passed ? "passed" : "failed",
        object: { kind: "quiz", id: quiz.id, title: quiz.title },
        result: { scorePercent, raw: points, min: 0, max: questionIds.length, success: passed, completion: true, durationMs: 6 * 60_000 },
        registration: attempt!.id,
      },
    ],
    { actor: null, actorLabel: "demo" },
    at,
  );
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

export async function seedDemoAcademy(tx: Tx, publicUrl: string, ids: { comuneId: string; employee: DemoLearner; operator: DemoLearner }) {
  const diana = demoActor(ids.comuneId, ids.employee);
  const incidents = await starterPath(tx, "incidenti-in-ufficio");
  const article = incidents.items.get("incidente-articolo")!.item;
  await recordOutcome(tx, publicUrl, diana, incidents, { itemId: article.id, status: "completed" }, [
    { verb: "experienced", object: { kind: "article", id: article.id, title: article.title }, result: { completion: true, durationMs: 9 * 60_000 } },
  ], { actor: null, actorLabel: "demo" }, daysAgo(12));
  await handIn(tx, publicUrl, diana, incidents, incidents.items.get("incidente-quiz")!.item as Quiz, 87.5, daysAgo(12));

  const basics = await starterPath(tx, "sicurezza-digitale-di-base");
  const phishingArticle = basics.items.get("phishing-articolo")!.item;
  await recordOutcome(tx, publicUrl, diana, basics, { itemId: phishingArticle.id, status: "completed" }, [
    { verb: "experienced", object: { kind: "article", id: phishingArticle.id, title: phishingArticle.title }, result: { completion: true } },
  ], { actor: null, actorLabel: "demo" }, daysAgo(3));

  const ottavio = demoActor(ids.comuneId, ids.operator);
  await handIn(tx, publicUrl, ottavio, basics, basics.items.get("phishing-quiz")!.item as Quiz, 62.5, daysAgo(5));
}

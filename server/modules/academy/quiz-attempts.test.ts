import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { orgWithUser, type SignedIn } from "../../../test/helpers/factories.ts";
import { academyProgress, academyQuizAttempts, xapiStatements } from "./academy.tables.ts";
import { answersFor, rightAnswer, starterQuiz, wrongAnswer } from "./academy.test-helper.ts";
import type { Quiz } from "./path-content.ts";

// Quiz attempts of a signed-in learner on the starter curriculum: a random draw, graded on the
// server, recorded as progress and xAPI statements; refused beyond the attempts and the time limit.

let t: TestApp;
let quiz: Quiz;
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: "https://academy.example.it" });
  quiz = await starterQuiz("sicurezza-digitale-di-base", "phishing-quiz");
});
afterAll(() => t.close());

const base = "/api/academy/paths/sicurezza-digitale-di-base/quizzes/phishing-quiz";
const post = (session: SignedIn | null, url: string, payload?: object) =>
  t.app.inject({ method: "POST", url, headers: session?.headers ?? {}, ...(payload ? { payload } : {}) });

async function learner() {
  const { user, session, org } = await orgWithUser(t.app, t.ctx.db, "employee");
  return { user, session, org };
}

async function start(session: SignedIn) {
  const res = await post(session, `${base}/attempts`);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().attempt as { id: string; questions: { id: string; type: string }[]; attemptNumber: number; deadlineAt: string | null };
}

const statementsOf = (userId: string) => t.ctx.db.select().from(xapiStatements).where(eq(xapiStatements.userId, userId));
const attemptsOf = (userId: string) => t.ctx.db.select().from(academyQuizAttempts).where(eq(academyQuizAttempts.userId, userId));

describe("quiz attempts", () => {
  it("draws drawCount questions without answers, grades right answers as passed and records progress and xAPI", async () => {
    const { user, session, org } = await learner();
    const attempt = await start(session);
    expect(attempt.questions).toHaveLength(quiz.drawCount!);
    expect(new Set(attempt.questions.map((q) => q.id)).size).toBe(quiz.drawCount);
    expect(JSON.stringify(attempt)).not.toMatch(/"(correct|answer|feedback|explanation)"/);

    const res = await post(session, `/api/academy/attempts/${attempt.id}/submit`, { answers: answersFor(quiz, attempt.questions.map((q) => q.id), rightAnswer) });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ attemptId: attempt.id, passed: true, scorePercent: 100, points: quiz.drawCount, maxPoints: quiz.drawCount, passMark: quiz.passMark });
    expect(result.questions.every((q: { right: boolean }) => q.right)).toBe(true);
    // the module needs its quiz passed: done, with no prerequisites
    expect(result.completedModules).toEqual(["phishing-e-frodi-online"]);
    expect(result.pathCompleted).toBe(false);

    const progress = await t.ctx.db.select().from(academyProgress).where(eq(academyProgress.userId, user.id));
    expect(progress.map((p) => `${p.kind}:${p.itemId}:${p.status}`).sort()).toEqual(["item:phishing-quiz:passed", "module:phishing-e-frodi-online:completed"]);
    const mine = await t.app.inject({ method: "GET", url: "/api/academy/paths/sicurezza-digitale-di-base/progress", headers: session.headers });
    const modules = mine.json().modules as { id: string; completed: boolean; locked: boolean }[];
    expect(modules.find((m) => m.id === "phishing-e-frodi-online")).toMatchObject({ completed: true, locked: false });
    // social engineering needs phishing first: unlocked now
    expect(modules.find((m) => m.id === "ingegneria-sociale-e-doxing")!.locked).toBe(false);

    const statements = await statementsOf(user.id);
    expect(statements.map((s) => s.verb).sort()).toEqual([
      "http://adlnet.gov/expapi/verbs/attempted",
      "http://adlnet.gov/expapi/verbs/completed",
      "http://adlnet.gov/expapi/verbs/passed",
    ]);
    const passed = statements.find((s) => s.verb.endsWith("/passed"))!;
    expect(passed.orgId).toBe(org.id);
    expect(passed.statement).toMatchObject({
      actor: { objectType: "Agent", account: { homePage: "https://academy.example.it", name: user.id } },
      verb: { id: "http://adlnet.gov/expapi/verbs/passed" },
      object: { id: "https://academy.example.it/academy/paths/sicurezza-digitale-di-base/items/phishing-quiz", objectType: "Activity" },
      result: { score: { scaled: 1, raw: quiz.drawCount, min: 0, max: quiz.drawCount }, success: true, completion: true, duration: expect.stringMatching(/^PT[\d.HMS]+$/) },
      context: { registration: attempt.id, contextActivities: { parent: [{ id: "https://academy.example.it/academy/paths/sicurezza-digitale-di-base" }] } },
      version: "1.0.3",
    });
    expect(JSON.stringify(passed.statement)).not.toContain(user.email);
  });

  it("grades wrong answers as failed, with feedback on each question, and keeps the module open", async () => {
    const { user, session } = await learner();
    const attempt = await start(session);
    const res = await post(session, `/api/academy/attempts/${attempt.id}/submit`, { answers: answersFor(quiz, attempt.questions.map((q) => q.id), wrongAnswer) });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result.passed).toBe(false);
    expect(result.scorePercent).toBeLessThan(quiz.passMark);
    expect(result.completedModules).toEqual([]);
    expect(result.questions).toHaveLength(quiz.drawCount!);
    for (const q of result.questions as { questionId: string; right: boolean; feedback: string[] }[]) {
      expect(q.right).toBe(false);
      const authored = quiz.questions.find((a) => a.id === q.questionId)!;
      if (authored.explanation) expect(q.feedback).toContain(authored.explanation);
      if (authored.type === "true_false") expect(q.feedback).toContain(authored.answer ? authored.feedbackFalse : authored.feedbackTrue);
    }
    expect(result.questions.some((q: { feedback: string[] }) => q.feedback.length > 0)).toBe(true);
    const failed = (await statementsOf(user.id)).find((s) => s.verb.endsWith("/failed"))!;
    expect(failed.statement).toMatchObject({ result: { success: false, completion: true, score: { scaled: result.scorePercent / 100 } } });
    const [progress] = await t.ctx.db.select().from(academyProgress).where(eq(academyProgress.userId, user.id));
    expect(progress).toMatchObject({ itemId: "phishing-quiz", status: "failed", completedAt: null });
  });

  it("refuses a second submission, answers to questions not drawn, and someone else's attempt", async () => {
    const { session } = await learner();
    const attempt = await start(session);
    const notDrawn = quiz.questions.find((q) => !attempt.questions.some((d) => d.id === q.id));
    if (notDrawn) {
      const res = await post(session, `/api/academy/attempts/${attempt.id}/submit`, { answers: [rightAnswer(notDrawn)] });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.fields[0].field).toBe("body.answers[0].questionId");
    }
    const other = await learner();
    expect((await post(other.session, `/api/academy/attempts/${attempt.id}/submit`, { answers: [] })).statusCode).toBe(404);
    expect((await post(session, `/api/academy/attempts/${attempt.id}/submit`, { answers: [] })).statusCode).toBe(200);
    const again = await post(session, `/api/academy/attempts/${attempt.id}/submit`, { answers: [] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("quiz_already_submitted");
  });

  it("hands back the open attempt instead of a new one, and refuses beyond maxAttempts storing nothing", async () => {
    const { user, session } = await learner();
    const first = await start(session);
    const resumed = await post(session, `${base}/attempts`);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ resumed: true, attempt: { id: first.id, attemptNumber: 1 } });
    await post(session, `/api/academy/attempts/${first.id}/submit`, { answers: [] });
    for (let n = 2; n <= quiz.maxAttempts!; n++) {
      const attempt = await start(session);
      expect(attempt.attemptNumber).toBe(n);
      await post(session, `/api/academy/attempts/${attempt.id}/submit`, { answers: [] });
    }
    const before = { attempts: (await attemptsOf(user.id)).length, statements: (await statementsOf(user.id)).length };
    const refused = await post(session, `${base}/attempts`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: "quiz_attempts_exhausted", fields: [{ field: "params.itemId", reason: expect.stringContaining(String(quiz.maxAttempts)) }] });
    expect(refused.json().error.message).toContain("tentativi");
    expect((await attemptsOf(user.id)).length).toBe(before.attempts);
    expect((await statementsOf(user.id)).length).toBe(before.statements);
  });

  it("refuses answers after the time limit, naming the deadline, and records nothing", async () => {
    const { user, session } = await learner();
    const attempt = await start(session);
    // as if the quiz had a ten-minute limit started an hour ago
    const deadline = new Date(Date.now() - 50 * 60_000);
    await t.ctx.db.update(academyQuizAttempts).set({ startedAt: new Date(Date.now() - 60 * 60_000), deadlineAt: deadline }).where(eq(academyQuizAttempts.id, attempt.id));
    const before = (await statementsOf(user.id)).length;
    const res = await post(session, `/api/academy/attempts/${attempt.id}/submit`, { answers: answersFor(quiz, attempt.questions.map((q) => q.id), rightAnswer) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: "quiz_time_over", fields: [{ field: "params.attemptId", reason: expect.stringContaining(deadline.toISOString()) }] });
    const [row] = await attemptsOf(user.id);
    expect(row).toMatchObject({ submittedAt: null, score: null, passed: null, answers: null });
    expect((await statementsOf(user.id)).length).toBe(before);
    expect(await t.ctx.db.select().from(academyProgress).where(and(eq(academyProgress.userId, user.id)))).toEqual([]);
    // the expired attempt counts: the next start is a new attempt
    expect((await start(session)).attemptNumber).toBe(2);
  });

  it("keeps a locked module's quiz closed until its prerequisites are complete", async () => {
    const { user, session } = await learner();
    const res = await post(session, "/api/academy/paths/sicurezza-digitale-di-base/quizzes/ingegneria-sociale-quiz/attempts");
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("academy_prerequisites_incomplete");
    expect(res.json().error.fields[0].reason).toContain("Phishing");
    expect(await attemptsOf(user.id)).toEqual([]);
  });

  it("refuses an answer in the wrong shape for its question, naming the field, and records nothing", async () => {
    const { user, session } = await learner();
    const attempt = await start(session);
    const first = quiz.questions.find((q) => q.id === attempt.questions[0]!.id)!;
    const wrongShape = first.type === "true_false" ? { questionId: first.id, choiceIds: ["a"] } : { questionId: first.id, value: true };
    const res = await post(session, `/api/academy/attempts/${attempt.id}/submit`, { answers: [wrongShape] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields[0]).toMatchObject({ field: `body.answers[0].${first.type === "true_false" ? "choiceIds" : "value"}`, reason: expect.stringContaining(first.type) });
    const [row] = await attemptsOf(user.id);
    expect(row!.submittedAt).toBeNull();
    expect((await statementsOf(user.id)).map((s) => s.verb)).toEqual(["http://adlnet.gov/expapi/verbs/attempted"]);
  });

  it("needs an account to start an attempt", async () => {
    expect((await post(null, `${base}/attempts`)).statusCode).toBe(401);
  });
});

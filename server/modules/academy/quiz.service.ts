import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { AuditContext } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { HttpError, invalidField, notFound, type FieldProblem } from "../../platform/http/errors.ts";
import { academyQuizAttempts } from "./academy.tables.ts";
import { learningPathPolicy } from "./academy.policy.ts";
import { answerShapeProblem, gradeQuiz, type QuizAnswer } from "./grading.ts";
import { learnerQuestion, shuffled } from "./learner-view.ts";
import { pathById, type LoadedPath, type Quiz } from "./path-content.ts";
import { quizOf } from "./paths.service.ts";
import { missingPrerequisites, modulesNamed, newCompletions, progressRows, recordCompletions, statementContext } from "./progress.service.ts";
import { handInAttempt } from "./hand-in.ts";
import { recordStatements } from "./xapi.ts";

/** Answers sent a little after the deadline still count: the time it takes a request to arrive. */
export const DEADLINE_GRACE_MS = 10_000;

type AttemptRow = typeof academyQuizAttempts.$inferSelect;

function presentAttempt(row: AttemptRow, quiz: Quiz, used: number) {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  return {
    id: row.id,
    pathSlug: row.pathSlug,
    quizId: row.quizId,
    startedAt: row.startedAt.toISOString(),
    deadlineAt: row.deadlineAt?.toISOString() ?? null,
    attemptNumber: used,
    maxAttempts: quiz.maxAttempts ?? null,
    passMark: quiz.passMark,
    questions: row.questionIds.map((id) => learnerQuestion(byId.get(id)!)),
  };
}

/**
 * Starts an attempt: a random draw of drawCount questions from the bank, with a deadline when the
 * quiz has a time limit. An attempt still open is handed back instead of a new one (a reloaded page
 * costs no attempt). Refused while the module's prerequisites are incomplete, and once maxAttempts
 * attempts were started; nothing is stored then.
 */
export async function startAttempt(db: Db, publicUrl: string, actor: Actor, path: LoadedPath, quizId: string) {
  learningPathPolicy.authorize(actor, "learn", path.row);
  const { quiz, module } = quizOf(path, quizId);
  const missing = missingPrerequisites(path, module, await progressRows(db, actor.userId, path.row.slug));
  if (missing.length) {
    throw new HttpError(409, "academy_prerequisites_incomplete", [{ field: "params.itemId", reason: "academy_prerequisites_list", params: { modules: modulesNamed(path, missing) } }]);
  }
  return db.transaction(async (tx) => {
    // two tabs starting at once must not get past maxAttempts together
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`academy-quiz:${actor.userId}:${path.row.slug}:${quizId}`}, 0))`);
    const attempts = await tx
      .select()
      .from(academyQuizAttempts)
      .where(and(eq(academyQuizAttempts.userId, actor.userId), eq(academyQuizAttempts.pathSlug, path.row.slug), eq(academyQuizAttempts.quizId, quizId)));
    const now = new Date();
    const open = attempts.find((a) => a.submittedAt === null && (a.deadlineAt === null || a.deadlineAt.getTime() + DEADLINE_GRACE_MS > now.getTime()));
    if (open) {
      const openPath = (await pathById(tx, open.pathId)) ?? path;
      return { attempt: presentAttempt(open, quizOf(openPath, quizId).quiz, attempts.length), resumed: true };
    }
    if (quiz.maxAttempts !== undefined && attempts.length >= quiz.maxAttempts) {
      throw new HttpError(409, "quiz_attempts_exhausted", [{ field: "params.itemId", reason: "quiz_attempts_used", params: { max: quiz.maxAttempts } }]);
    }
    const drawn = shuffled(quiz.questions.map((q) => q.id)).slice(0, quiz.drawCount ?? quiz.questions.length);
    const [row] = await tx
      .insert(academyQuizAttempts)
      .values({
        userId: actor.userId,
        orgId: actor.role !== null ? actor.orgId : null,
        pathId: path.row.id,
        pathSlug: path.row.slug,
        quizId,
        questionIds: drawn,
        startedAt: now,
        deadlineAt: quiz.timeLimitMinutes ? new Date(now.getTime() + quiz.timeLimitMinutes * 60_000) : null,
      })
      .returning();
    await recordStatements(tx, statementContext(publicUrl, actor, path), [{ verb: "attempted", object: { kind: "quiz", id: quizId, title: quiz.title }, registration: row!.id }], now);
    return { attempt: presentAttempt(row!, quiz, attempts.length + 1), resumed: false };
  });
}

/** Each answer names a question of the set once, in the shape its type takes; 422 naming the field otherwise. */
function checkAnswers(quiz: Quiz, questionIds: readonly string[], answers: readonly QuizAnswer[], unknownReason: "quiz_question_not_in_attempt" | "quiz_question_unknown") {
  const allowed = new Set(questionIds);
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  answers.forEach((answer, i) => {
    const at = `body.answers[${i}]`;
    const question = byId.get(answer.questionId);
    if (!question || !allowed.has(answer.questionId)) problems.push({ field: `${at}.questionId`, reason: unknownReason, params: { id: answer.questionId } });
    else if (seen.has(answer.questionId)) problems.push({ field: `${at}.questionId`, reason: "quiz_question_repeated", params: { id: answer.questionId } });
    else {
      const wrong = answerShapeProblem(question, answer);
      if (wrong) problems.push({ field: `${at}.${wrong}`, reason: "quiz_answer_wrong_shape", params: { type: question.type } });
    }
    seen.add(answer.questionId);
  });
  if (problems.length) throw new HttpError(422, "validation_failed", problems);
}

/**
 * Grades an attempt server-side and records it: the attempt, the quiz's progress, what that
 * completes, and the xAPI statements, all or nothing. Refused, with nothing recorded, after the
 * deadline or when already submitted. The path comes from memory (path-content.ts); a failed
 * attempt is one SQL statement, a pass one transaction of one to four.
 */
export async function submitAttempt(db: Db, publicUrl: string, actor: Actor, attemptId: string, answers: QuizAnswer[], audit: AuditContext) {
  const [attempt] = await db.select().from(academyQuizAttempts).where(eq(academyQuizAttempts.id, attemptId));
  if (!attempt || attempt.userId !== actor.userId) throw notFound();
  const path = await pathById(db, attempt.pathId);
  // a learner who left the organisation no longer answers its quizzes; a retired path still grades
  if (!path) throw notFound();
  learningPathPolicy.authorize(actor, "learn", { ...path.row, status: "published" });
  if (attempt.submittedAt) throw new HttpError(409, "quiz_already_submitted");
  const now = new Date();
  if (attempt.deadlineAt && now.getTime() > attempt.deadlineAt.getTime() + DEADLINE_GRACE_MS) {
    throw new HttpError(409, "quiz_time_over", [{ field: "params.attemptId", reason: "quiz_deadline_was", params: { deadline: attempt.deadlineAt.toISOString() } }]);
  }
  const { quiz } = quizOf(path, attempt.quizId);
  checkAnswers(quiz, attempt.questionIds, answers, "quiz_question_not_in_attempt");
  const result = gradeQuiz(quiz, attempt.questionIds, answers);
  const handIn = { attemptId: attempt.id, startedAt: attempt.startedAt, quiz, answers, result };
  const refused = () => new HttpError(409, "quiz_already_submitted");
  if (!result.passed) {
    // a failed attempt completes nothing: one statement, no transaction (hand-in.ts)
    if (!(await handInAttempt(db, publicUrl, actor, path, handIn, now)).handedIn) throw refused();
    return { attemptId: attempt.id, passMark: quiz.passMark, ...result, completedModules: [], pathCompleted: false, certificateCode: null };
  }
  const recorded = await db.transaction(async (tx) => {
    const { handedIn, before } = await handInAttempt(tx, publicUrl, actor, path, handIn, now);
    if (!handedIn) throw refused();
    const progress = [...before.filter((r) => !(r.kind === "item" && r.itemId === quiz.id)), { kind: "item", itemId: quiz.id, status: "passed" }];
    const completed = newCompletions(path, progress);
    const { events, certificateCode } = await recordCompletions(tx, actor, path, completed, audit, now);
    await recordStatements(tx, statementContext(publicUrl, actor, path), events, now);
    return { modules: completed.modules, path: completed.path, certificateCode };
  });
  return { attemptId: attempt.id, passMark: quiz.passMark, ...result, completedModules: recorded.modules, pathCompleted: recorded.path, certificateCode: recorded.certificateCode };
}

/**
 * For learners without an account: grades a full set of answers (drawCount questions, or the
 * whole bank) with feedback, and stores nothing.
 */
export function checkQuiz(path: LoadedPath, quizId: string, answers: QuizAnswer[]) {
  const { quiz } = quizOf(path, quizId);
  checkAnswers(quiz, quiz.questions.map((q) => q.id), answers, "quiz_question_unknown");
  const needed = quiz.drawCount ?? quiz.questions.length;
  if (answers.length !== needed) throw invalidField("body.answers", "quiz_answer_count", { count: needed });
  const result = gradeQuiz(quiz, answers.map((a) => a.questionId), answers);
  return { passMark: quiz.passMark, ...result };
}

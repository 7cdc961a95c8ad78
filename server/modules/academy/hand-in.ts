import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import type { QuizAnswer, QuizResult } from "./grading.ts";
import type { LoadedPath, Quiz } from "./path-content.ts";
import { statementContext } from "./progress.service.ts";
import { buildStatement } from "./xapi.ts";

// Handing in a quiz is the academy's hot path (issue 6: 1,000 submissions/s), so it is one SQL
// statement: the attempt closed (only if still open), the quiz's progress upserted, its xAPI
// statement stored, and, for a pass, the learner's progress on the path as it stood before, to
// find what the pass completes. A failed attempt completes nothing, so it needs no transaction.

export interface HandIn {
  attemptId: string;
  startedAt: Date;
  quiz: Quiz;
  answers: QuizAnswer[];
  result: QuizResult;
}

export interface HandedIn {
  /** false: the attempt was already handed in (by another request), nothing was written */
  handedIn: boolean;
  /** the learner's progress rows on the path before this hand-in (only for a pass) */
  before: { kind: string; itemId: string; status: string }[];
}

export async function handInAttempt(db: DbOrTx, publicUrl: string, actor: Actor, path: LoadedPath, input: HandIn, now: Date): Promise<HandedIn> {
  const { quiz, result } = input;
  const context = statementContext(publicUrl, actor, path);
  const statement = buildStatement(
    context,
    {
      verb: result.passed ? "passed" : "failed",
      object: { kind: "quiz", id: quiz.id, title: quiz.title },
      result: {
        scorePercent: result.scorePercent,
        raw: result.points,
        min: 0,
        max: result.maxPoints,
        success: result.passed,
        completion: true,
        durationMs: now.getTime() - input.startedAt.getTime(),
      },
      registration: input.attemptId,
    },
    now,
  );
  const at = now.toISOString();
  const status = result.passed ? "passed" : "failed";
  const rows = await queryRows<{ kind: string; item_id: string; status: string }>(
    db,
    sql`
      with handed_in as (
        update academy_quiz_attempts
        set submitted_at = ${at}::timestamptz, score = ${result.scorePercent}::real, passed = ${result.passed}::boolean, answers = ${JSON.stringify(input.answers)}::jsonb
        where id = ${input.attemptId}::uuid and submitted_at is null
        returning id
      ), progress as (
        insert into academy_progress (user_id, path_slug, kind, item_id, path_id, status, score, completed_at, updated_at)
        select ${actor.userId}::uuid, ${path.row.slug}, 'item', ${quiz.id}, ${path.row.id}::uuid, ${status}, ${result.scorePercent}::real,
          ${result.passed ? at : null}::timestamptz, ${at}::timestamptz
        from handed_in
        on conflict (user_id, path_slug, kind, item_id) do update set
          -- once passed, a later failed attempt does not undo it; the best score stays
          status = case when academy_progress.status in ('passed', 'completed') then academy_progress.status else excluded.status end,
          score = greatest(academy_progress.score, excluded.score),
          completed_at = coalesce(academy_progress.completed_at, excluded.completed_at),
          path_id = excluded.path_id,
          updated_at = excluded.updated_at
      ), recorded as (
        insert into xapi_statements (id, user_id, org_id, verb, object_id, statement, stored)
        select ${statement.id}::uuid, ${actor.userId}::uuid, ${context.orgId}::uuid, ${statement.verb.id}, ${statement.object.id}, ${JSON.stringify(statement)}::jsonb, ${at}::timestamptz
        from handed_in
      )
      select 'attempt' as kind, '' as item_id, '' as status from handed_in
      union all
      select kind, item_id, status from academy_progress
      where ${result.passed}::boolean and user_id = ${actor.userId}::uuid and path_slug = ${path.row.slug}`,
  );
  return {
    handedIn: rows.some((r) => r.kind === "attempt"),
    before: rows.filter((r) => r.kind !== "attempt").map((r) => ({ kind: r.kind, itemId: r.item_id, status: r.status })),
  };
}

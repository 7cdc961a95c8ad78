import { requireActor } from "../../platform/auth/authenticate.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import {
  AnswersBodySchema,
  AttemptParams,
  LanguageQuery,
  PathItemParams,
  PhishingCheckBodySchema,
  PhishingCheckSchema,
  QuizCheckSchema,
  QuizSubmissionSchema,
  ScenarioStepSchema,
  ScenarioWalkBodySchema,
  StartedAttemptSchema,
} from "./academy.schemas.ts";
import { checkPhishing, walkBranching } from "./learning.service.ts";
import { findPath } from "./paths.service.ts";
import { checkQuiz, startAttempt, submitAttempt } from "./quiz.service.ts";
import { errors, learnerOrAnonymous, tags } from "./paths.routes.ts";

/** Quizzes (attempts for signed-in learners, a stateless check for everyone) and exercises. */
export const quizRoutes: RoutesPlugin = async (app, { ctx }) => {
  const item = "/api/academy/paths/:slug";

  app.post(
    `${item}/quizzes/:itemId/check`,
    {
      schema: {
        tags,
        summary: "Grade a full set of answers with feedback, storing nothing (for learners without an account)",
        params: PathItemParams,
        querystring: LanguageQuery,
        body: AnswersBodySchema,
        response: { 200: QuizCheckSchema, ...errors },
      },
    },
    async (request) => {
      const path = await findPath(ctx.db, learnerOrAnonymous(request), request.params.slug, request.query.language, request.locale);
      return checkQuiz(path, request.params.itemId, request.body.answers);
    },
  );

  app.post(
    `${item}/quizzes/:itemId/attempts`,
    {
      schema: {
        tags,
        summary: "Start an attempt at a quiz (or get back the one still open): questions drawn from the bank, deadline when timed",
        params: PathItemParams,
        querystring: LanguageQuery,
        response: { 201: StartedAttemptSchema, 200: StartedAttemptSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const path = await findPath(ctx.db, actor, request.params.slug, request.query.language, request.locale);
      const started = await startAttempt(ctx.db, ctx.config.publicUrl, actor, path, request.params.itemId);
      reply.status(started.resumed ? 200 : 201);
      return started;
    },
  );

  app.post(
    "/api/academy/attempts/:attemptId/submit",
    {
      schema: {
        tags,
        summary: "Hand in an attempt: graded on the server, with feedback per question; refused after the time limit",
        params: AttemptParams,
        body: AnswersBodySchema,
        response: { 200: QuizSubmissionSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return submitAttempt(ctx.db, ctx.config.publicUrl, actor, request.params.attemptId, request.body.answers, auditContextOf(request));
    },
  );

  app.post(
    `${item}/exercises/:itemId/check`,
    {
      schema: {
        tags,
        summary: "Spot the phishing: the parts marked as suspicious, judged one by one (recorded for signed-in learners)",
        params: PathItemParams,
        querystring: LanguageQuery,
        body: PhishingCheckBodySchema,
        response: { 200: PhishingCheckSchema, ...errors },
      },
    },
    async (request) => {
      const actor = learnerOrAnonymous(request);
      const path = await findPath(ctx.db, actor, request.params.slug, request.query.language, request.locale);
      return checkPhishing(ctx.db, ctx.config.publicUrl, actor, path, request.params.itemId, request.body.marked, auditContextOf(request));
    },
  );

  app.post(
    `${item}/exercises/:itemId/walk`,
    {
      schema: {
        tags,
        summary: "A branching scenario: the situation reached by the choices made so far; an ending reached is recorded for signed-in learners",
        params: PathItemParams,
        querystring: LanguageQuery,
        body: ScenarioWalkBodySchema,
        response: { 200: ScenarioStepSchema, ...errors },
      },
    },
    async (request) => {
      const actor = learnerOrAnonymous(request);
      const path = await findPath(ctx.db, actor, request.params.slug, request.query.language, request.locale);
      return walkBranching(ctx.db, ctx.config.publicUrl, actor, path, request.params.itemId, request.body.choices, auditContextOf(request));
    },
  );
};

import type { FastifyRequest } from "fastify";
import { requireActor } from "../../platform/auth/authenticate.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import {
  CompletedItemSchema,
  CompleteItemBodySchema,
  LanguageQuery,
  LearnerPathSchema,
  PathItemParams,
  PathListQuery,
  PathListSchema,
  PathParams,
  ProgressSchema,
} from "./academy.schemas.ts";
import { learnerPath } from "./learner-view.ts";
import { completeItem } from "./learning.service.ts";
import { findPath, listPaths } from "./paths.service.ts";
import { pathProgress } from "./progress.service.ts";
import { learningPathPolicy } from "./academy.policy.ts";

export const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
export const tags = ["academy"];

/** The caller when signed in (and past two-step verification), else null: public paths need no account. */
export const learnerOrAnonymous = (request: FastifyRequest): Actor | null => (request.mfaBlock ? null : request.actor);

export const pathsRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/academy/paths",
    { schema: { tags, summary: "Published learning paths the caller may take (no sign-in needed for public ones)", querystring: PathListQuery, response: { 200: PathListSchema, ...errors } } },
    async (request) => {
      const rows = await listPaths(ctx.db, learnerOrAnonymous(request), request.query);
      return { items: rows.map((r) => ({ ...r, publishedAt: r.publishedAt?.toISOString() ?? null })) };
    },
  );

  app.get(
    "/api/academy/paths/:slug",
    {
      schema: {
        tags,
        summary: "A path to learn from: modules and items without answers (matching and ordering shuffled)",
        params: PathParams,
        querystring: LanguageQuery,
        response: { 200: LearnerPathSchema, ...errors },
      },
    },
    async (request, reply) => {
      const path = await findPath(ctx.db, learnerOrAnonymous(request), request.params.slug, request.query.language, request.locale);
      // shuffled on every request, and an organisation's path is nobody else's business
      reply.header("cache-control", "no-store");
      return learnerPath(path);
    },
  );

  app.get(
    "/api/academy/paths/:slug/progress",
    { schema: { tags, summary: "My progress on a path: items, modules (complete, locked) and certificate", params: PathParams, querystring: LanguageQuery, response: { 200: ProgressSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const path = await findPath(ctx.db, actor, request.params.slug, request.query.language, request.locale);
      learningPathPolicy.authorize(actor, "read", path.row);
      return pathProgress(ctx.db, actor, path);
    },
  );

  app.post(
    "/api/academy/paths/:slug/items/:itemId/complete",
    {
      schema: {
        tags,
        summary: "Mark an article, video or resource as done (quizzes and exercises complete by answering)",
        params: PathItemParams,
        querystring: LanguageQuery,
        body: CompleteItemBodySchema,
        response: { 200: CompletedItemSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const path = await findPath(ctx.db, actor, request.params.slug, request.query.language, request.locale);
      return completeItem(ctx.db, ctx.config.publicUrl, actor, path, request.params.itemId, request.body.durationSeconds, auditContextOf(request));
    },
  );
};

import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { catalogRegistryFor } from "./catalog-registry.ts";
import { presentAnswer } from "./assessments.presenter.ts";
import { AnswerSchema, AssessmentParams } from "./assessments.schemas.ts";
import { CommentInputSchema, CommentListSchema, CommentSchema, CommentsQuerySchema, PrefillInputSchema } from "./collaboration.schemas.ts";
import { addComment, listComments, presentComment } from "./comments.service.ts";
import { prefillFromMappings } from "./prefill.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const tags = ["assessments"];

/** Comments on answers and pre-filling from a mapped framework. */
export const collaborationRoutes: RoutesPlugin = async (app, { ctx }) => {
  const base = "/api/orgs/:orgId/assessments/:assessmentId";

  app.get(
    `${base}/comments`,
    { schema: { tags, summary: "Comments on the answers, oldest first; optionally of one requirement", params: AssessmentParams, querystring: CommentsQuerySchema, response: { 200: CommentListSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const { rows, assessmentCreatedAt } = await listComments(ctx.db, await catalogRegistryFor(ctx, request.params.orgId), actor, request.params.orgId, request.params.assessmentId, request.query.requirementId);
      return { items: rows.map((row) => presentComment(row, assessmentCreatedAt)) };
    },
  );

  app.post(
    `${base}/comments`,
    { schema: { tags, summary: "Comment on an answer", params: AssessmentParams, body: CommentInputSchema, response: { 201: CommentSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { row, assessmentCreatedAt } = await addComment(ctx.db, await catalogRegistryFor(ctx, request.params.orgId), actor, request.params.orgId, request.params.assessmentId, request.body, auditContextOf(request));
      reply.status(201);
      return presentComment(row, assessmentCreatedAt);
    },
  );

  app.post(
    `${base}/prefill`,
    {
      schema: {
        tags,
        summary: "Pre-fill answers from another assessment through the framework mappings; marked derived until saved by a person",
        params: AssessmentParams,
        body: PrefillInputSchema,
        response: { 200: z.object({ prefilled: z.array(AnswerSchema), skipped: z.array(z.string()) }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { orgId, assessmentId } = request.params;
      const result = await prefillFromMappings(ctx.db, await catalogRegistryFor(ctx, orgId), actor, orgId, assessmentId, request.body.fromAssessmentId, auditContextOf(request));
      return { prefilled: result.prefilled.map(presentAnswer), skipped: result.skipped };
    },
  );
};

import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import type { Db } from "../../db/client.ts";
import { catalogRegistryFor } from "./catalog-registry.ts";
import { presentAnswer, presentAssessment, presentAssessmentSummary } from "./assessments.presenter.ts";
import {
  AnswerSchema,
  ApproveSchema,
  AssessmentListSchema,
  AssessmentParams,
  AssessmentSchema,
  BulkAnswersSchema,
  CreateAssessmentSchema,
  OrgParams,
  ResultsSchema,
  UpdateAssessmentSchema,
} from "./assessments.schemas.ts";
import { assessmentResults, changeStatus, createAssessment, getAssessment, listAssessments, startNewCycle, updateAssessment } from "./assessments.service.ts";
import { saveAnswers } from "./answers.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const tags = ["assessments"];

async function full(db: Db, actor: Actor, orgId: string, assessmentId: string) {
  const { record, answers } = await getAssessment(db, actor, orgId, assessmentId);
  return presentAssessment(actor, record, answers);
}

export const assessmentsRoutes: RoutesPlugin = async (app, { ctx }) => {
  const base = "/api/orgs/:orgId/assessments";

  app.get(base, { schema: { tags, summary: "The organisation's assessments, newest first", params: OrgParams, response: { 200: AssessmentListSchema, ...errors } } }, async (request) => {
    const actor = requireActor(request);
    const records = await listAssessments(ctx.db, actor, request.params.orgId);
    return { items: records.map((r) => presentAssessmentSummary(actor, r, r)) };
  });

  app.post(
    base,
    { schema: { tags, summary: "Start an assessment against a framework", params: OrgParams, body: CreateAssessmentSchema, response: { 201: AssessmentSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { orgId } = request.params;
      const row = await createAssessment(ctx.db, await catalogRegistryFor(ctx, orgId), actor, orgId, request.body, auditContextOf(request));
      reply.status(201);
      return full(ctx.db, actor, orgId, row.id);
    },
  );

  app.get(`${base}/:assessmentId`, { schema: { tags, summary: "An assessment with its answers", params: AssessmentParams, response: { 200: AssessmentSchema, ...errors } } }, async (request) => {
    const actor = requireActor(request);
    return full(ctx.db, actor, request.params.orgId, request.params.assessmentId);
  });

  app.patch(
    `${base}/:assessmentId`,
    { schema: { tags, summary: "Change a draft's title, scope, target date, owner or assignees", params: AssessmentParams, body: UpdateAssessmentSchema, response: { 200: AssessmentSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const { orgId, assessmentId } = request.params;
      await updateAssessment(ctx.db, await catalogRegistryFor(ctx, orgId), actor, orgId, assessmentId, request.body, auditContextOf(request));
      return full(ctx.db, actor, orgId, assessmentId);
    },
  );

  app.put(
    `${base}/:assessmentId/answers`,
    {
      schema: {
        tags,
        summary: "Save many answers at once: all are saved or none",
        params: AssessmentParams,
        body: BulkAnswersSchema,
        response: { 200: z.object({ answers: z.array(AnswerSchema) }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { orgId, assessmentId } = request.params;
      const saved = await saveAnswers(ctx.db, await catalogRegistryFor(ctx, orgId), actor, orgId, assessmentId, request.body.answers, auditContextOf(request));
      return { answers: saved.map(presentAnswer) };
    },
  );

  for (const transition of ["submit", "return"] as const) {
    app.post(
      `${base}/:assessmentId/${transition}`,
      {
        schema: {
          tags,
          summary: transition === "submit" ? "Send a draft for review" : "Send an assessment in review back to draft",
          params: AssessmentParams,
          response: { 200: AssessmentSchema, ...errors },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const { orgId, assessmentId } = request.params;
        await changeStatus(ctx.db, actor, orgId, assessmentId, transition, auditContextOf(request));
        return full(ctx.db, actor, orgId, assessmentId);
      },
    );
  }

  app.post(
    `${base}/:assessmentId/approve`,
    { schema: { tags, summary: "Approve and lock an assessment in review, signed off by a named person", params: AssessmentParams, body: ApproveSchema, response: { 200: AssessmentSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const { orgId, assessmentId } = request.params;
      await changeStatus(ctx.db, actor, orgId, assessmentId, "approve", auditContextOf(request), request.body);
      return full(ctx.db, actor, orgId, assessmentId);
    },
  );

  app.post(
    `${base}/:assessmentId/new-cycle`,
    { schema: { tags, summary: "Start a new cycle: a draft copying this approved assessment", params: AssessmentParams, response: { 201: AssessmentSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { orgId, assessmentId } = request.params;
      const row = await startNewCycle(ctx.db, actor, orgId, assessmentId, auditContextOf(request));
      reply.status(201);
      return full(ctx.db, actor, orgId, row.id);
    },
  );

  app.get(
    `${base}/:assessmentId/results`,
    { schema: { tags, summary: "Scores by function and category, and the gaps to target", params: AssessmentParams, response: { 200: ResultsSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      return assessmentResults(ctx.db, await catalogRegistryFor(ctx, request.params.orgId), actor, request.params.orgId, request.params.assessmentId);
    },
  );
};

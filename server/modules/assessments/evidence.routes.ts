import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { catalogRegistryFor } from "./catalog-registry.ts";
import { AssessmentParams } from "./assessments.schemas.ts";
import { EvidenceInputSchema, EvidenceListSchema, EvidenceParams, EvidenceQuerySchema, EvidenceSchema } from "./evidence.schemas.ts";
import { addEvidence, listEvidence, presentEvidence, removeEvidence } from "./evidence.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const tags = ["assessments"];

/** Evidence attached to answers: links or uploaded files, with an expiry date. */
export const evidenceRoutes: RoutesPlugin = async (app, { ctx }) => {
  const base = "/api/orgs/:orgId/assessments/:assessmentId/evidence";

  app.get(
    base,
    { schema: { tags, summary: "Evidence of the answers, expired items flagged; optionally of one requirement", params: AssessmentParams, querystring: EvidenceQuerySchema, response: { 200: EvidenceListSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const rows = await listEvidence(ctx.db, actor, request.params.orgId, request.params.assessmentId, request.query.requirementId);
      return { items: rows.map(presentEvidence) };
    },
  );

  app.post(
    base,
    { schema: { tags, summary: "Attach a link or an uploaded file as evidence of an answer", params: AssessmentParams, body: EvidenceInputSchema, response: { 201: EvidenceSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await addEvidence(ctx.db, await catalogRegistryFor(ctx, request.params.orgId), actor, request.params.orgId, request.params.assessmentId, request.body, auditContextOf(request));
      reply.status(201);
      return presentEvidence(row);
    },
  );

  app.delete(
    `${base}/:evidenceId`,
    { schema: { tags, summary: "Remove evidence from an answer (the uploaded file itself stays)", params: EvidenceParams, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      await removeEvidence(ctx.db, actor, request.params.orgId, request.params.assessmentId, request.params.evidenceId, auditContextOf(request));
      return { ok: true as const };
    },
  );
};

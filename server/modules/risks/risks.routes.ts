import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import type { Db } from "../../db/client.ts";
import { catalogRegistryFor } from "../assessments/index.ts";
import { presentRisk, presentScoreChange } from "./risks.presenter.ts";
import {
  CreateRiskSchema,
  HeatmapQuery,
  HeatmapSchema,
  OrgParams,
  ReviewRiskSchema,
  RiskHistorySchema,
  RiskListQuery,
  RiskListSchema,
  RiskParams,
  RiskSchema,
  UpdateRiskSchema,
} from "./risks.schemas.ts";
import { createRisk, getRisk, listRisks, reviewRisk, riskHistory, updateRisk } from "./risks.service.ts";
import { riskHeatmap } from "./heatmap.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const tags = ["risks"];

async function full(db: Db, actor: Actor, orgId: string, riskId: string) {
  return presentRisk(actor, await getRisk(db, actor, orgId, riskId));
}

export const risksRoutes: RoutesPlugin = async (app, { ctx }) => {
  const base = "/api/orgs/:orgId/risks";

  app.get(base, { schema: { tags, summary: "The risk register, by R-number, filtered", params: OrgParams, querystring: RiskListQuery, response: { 200: RiskListSchema, ...errors } } }, async (request) => {
    const actor = requireActor(request);
    const page = await listRisks(ctx.db, actor, request.params.orgId, request.query);
    return { items: page.items.map((r) => presentRisk(actor, r)), nextCursor: page.nextCursor };
  });

  app.post(
    base,
    { schema: { tags, summary: "Add a risk to the register", params: OrgParams, body: CreateRiskSchema, response: { 201: RiskSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { orgId } = request.params;
      const row = await createRisk(ctx.db, await catalogRegistryFor(ctx, orgId), actor, orgId, request.body, auditContextOf(request));
      reply.status(201);
      return full(ctx.db, actor, orgId, row.id);
    },
  );

  app.get(
    `${base}/heatmap`,
    { schema: { tags, summary: "How many risks sit in each cell of the matrix at one stage (inherent, current, residual)", params: OrgParams, querystring: HeatmapQuery, response: { 200: HeatmapSchema, ...errors } } },
    async (request) => riskHeatmap(ctx.db, requireActor(request), request.params.orgId, request.query),
  );

  app.get(`${base}/:riskId`, { schema: { tags, summary: "One risk", params: RiskParams, response: { 200: RiskSchema, ...errors } } }, async (request) => {
    const actor = requireActor(request);
    return full(ctx.db, actor, request.params.orgId, request.params.riskId);
  });

  app.patch(
    `${base}/:riskId`,
    { schema: { tags, summary: "Change a risk: scores (with the reason), treatment, acceptance, owner, gaps; close it with status closed", params: RiskParams, body: UpdateRiskSchema, response: { 200: RiskSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const { orgId, riskId } = request.params;
      await updateRisk(ctx.db, await catalogRegistryFor(ctx, orgId), actor, orgId, riskId, request.body, auditContextOf(request));
      return full(ctx.db, actor, orgId, riskId);
    },
  );

  app.get(
    `${base}/:riskId/history`,
    { schema: { tags, summary: "Every score change of a risk: who, when, from what to what, why", params: RiskParams, response: { 200: RiskHistorySchema, ...errors } } },
    async (request) => {
      const rows = await riskHistory(ctx.db, requireActor(request), request.params.orgId, request.params.riskId);
      return { items: rows.map(presentScoreChange) };
    },
  );

  app.post(
    `${base}/:riskId/review`,
    { schema: { tags, summary: "Record a periodic review; the next one is scheduled", params: RiskParams, body: ReviewRiskSchema, response: { 200: RiskSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const { orgId, riskId } = request.params;
      await reviewRisk(ctx.db, actor, orgId, riskId, request.body.notes, auditContextOf(request));
      return full(ctx.db, actor, orgId, riskId);
    },
  );
};

import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { catalogRegistryFor } from "../assessments/index.ts";
import {
  ActionEvidenceParams,
  ActionEvidenceSchema,
  ActionListQuerySchema,
  ActionListSchema,
  ActionParams,
  ActionSchema,
  ActionsOrgParams,
  CreateActionSchema,
  EvidenceInputSchema,
  RoadmapSummarySchema,
  UpdateActionSchema,
} from "./actions.schemas.ts";
import { presentAction } from "./actions.presenter.ts";
import { createAction, deleteAction, getAction, listActions, updateAction } from "./actions.service.ts";
import { addActionEvidence, removeActionEvidence } from "./action-evidence.ts";
import { roadmapSummary } from "./roadmap-summary.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const tags = ["roadmap"];

/** The improvement roadmap's actions: list (timeline, board, late), one, add, change, remove, evidence. */
export const actionsRoutes: RoutesPlugin = async (app, { ctx }) => {
  const base = "/api/orgs/:orgId/actions";

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "The roadmap's actions in A-number order, filtered (from/to: the timeline's window); an IT provider gets only its own",
        params: ActionsOrgParams,
        querystring: ActionListQuerySchema,
        response: { 200: ActionListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { items, nextCursor } = await listActions(ctx.db, actor, request.params.orgId, request.query);
      return { items: items.map((a) => presentAction(actor, request.locale, a)), nextCursor };
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: "Add an action; with gaps it turns assessment gaps into an action",
        params: ActionsOrgParams,
        body: CreateActionSchema,
        response: { 201: ActionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await createAction(ctx.db, await catalogRegistryFor(ctx, request.params.orgId), actor, request.params.orgId, request.body, auditContextOf(request));
      reply.status(201);
      return presentAction(actor, request.locale, created);
    },
  );

  app.get(`${base}/:actionId`, { schema: { tags, summary: "One action with its links and evidence", params: ActionParams, response: { 200: ActionSchema, ...errors } } }, async (request) => {
    const actor = requireActor(request);
    return presentAction(actor, request.locale, await getAction(ctx.db, actor, request.params.orgId, request.params.actionId));
  });

  app.patch(
    `${base}/:actionId`,
    {
      schema: {
        tags,
        summary: "Change an action; the IT provider may change only status, progress, dates and description of its own",
        params: ActionParams,
        body: UpdateActionSchema,
        response: { 200: ActionSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { orgId, actionId } = request.params;
      const updated = await updateAction(ctx.db, await catalogRegistryFor(ctx, orgId), actor, orgId, actionId, request.body, auditContextOf(request));
      return presentAction(actor, request.locale, updated);
    },
  );

  app.delete(`${base}/:actionId`, { schema: { tags, summary: "Remove an action from the roadmap", params: ActionParams, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } }, async (request) => {
    const actor = requireActor(request);
    await deleteAction(ctx.db, actor, request.params.orgId, request.params.actionId, auditContextOf(request));
    return { ok: true as const };
  });

  app.post(
    `${base}/:actionId/evidence`,
    { schema: { tags, summary: "Add evidence of completion: a link or an uploaded file", params: ActionParams, body: EvidenceInputSchema, response: { 201: ActionEvidenceSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await addActionEvidence(ctx.db, actor, request.params.orgId, request.params.actionId, request.body, auditContextOf(request));
      reply.status(201);
      return { id: row.id, title: row.title, url: row.url, fileId: row.fileId, createdAt: row.createdAt.toISOString() };
    },
  );

  app.delete(
    `${base}/:actionId/evidence/:evidenceId`,
    { schema: { tags, summary: "Remove evidence from an action", params: ActionEvidenceParams, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const { orgId, actionId, evidenceId } = request.params;
      await removeActionEvidence(ctx.db, actor, orgId, actionId, evidenceId, auditContextOf(request));
      return { ok: true as const };
    },
  );

  app.get(
    "/api/orgs/:orgId/roadmap/summary",
    { schema: { tags, summary: "Counts by status and function, late actions and total estimated cost", params: ActionsOrgParams, response: { 200: RoadmapSummarySchema, ...errors } } },
    async (request) => roadmapSummary(ctx.db, requireActor(request), request.params.orgId),
  );
};

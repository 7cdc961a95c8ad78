import { z } from "zod";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { OkSchema } from "../../platform/http/ok-reply.ts";
import { listAlerts, markAlertRead } from "./alerts.service.ts";
import { callerOf } from "./caller.ts";
import { severities } from "./intel.schemas.ts";
import { tlpLevels } from "./tlp.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 422: errorReplySchema };
const tags = ["intel"];
const OrgParams = z.strictObject({ orgId: z.uuid() });
const AlertParams = z.strictObject({ orgId: z.uuid(), intelAlertId: z.uuid() });
const ListQuery = z.strictObject({
  unread: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

const AlertSchema = z
  .object({
    id: z.uuid(),
    itemId: z.uuid(),
    title: z.string(),
    tlp: z.enum(tlpLevels),
    /** published or revoked: a withdrawn advisory's alert stays, marked so */
    status: z.string(),
    severity: z.string().nullable(),
    /** the organisation's products that matched, "vendor product version" */
    matched: z.array(z.string()),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "IntelAlert" });

/** Advisories that affect the organisation's products. */
export const alertsRoutes: RoutesPlugin = async (app, { ctx }) => {
  const base = "/api/orgs/:orgId/intel/alerts";
  app.get(
    base,
    { schema: { tags, summary: "Advisories that affect the organisation's products, newest first", params: OrgParams, querystring: ListQuery, response: { 200: z.object({ items: z.array(AlertSchema), nextCursor: z.string().nullable() }), ...errors } } },
    async (request) => {
      const { items, nextCursor } = await listAlerts(ctx.db, await callerOf(ctx, request), request.params.orgId, request.query);
      return {
        items: items.map((a) => ({ ...a, tlp: a.tlp as (typeof tlpLevels)[number], severity: a.severity && (severities as readonly string[]).includes(a.severity) ? a.severity : null, createdAt: a.createdAt.toISOString(), readAt: a.readAt?.toISOString() ?? null })),
        nextCursor,
      };
    },
  );

  app.post(`${base}/:intelAlertId/read`, { schema: { tags, summary: "Mark an alert as read", params: AlertParams, response: { 200: OkSchema, ...errors } } }, async (request) => {
    const caller = await callerOf(ctx, request);
    await markAlertRead(ctx.db, caller, request.params.orgId, request.params.intelAlertId, caller.audit);
    return { ok: true as const };
  });
};

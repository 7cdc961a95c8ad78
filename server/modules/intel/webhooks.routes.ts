import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { OkSchema } from "../../platform/http/ok-reply.ts";
import { getWebhook, removeWebhook, setWebhook } from "./webhooks.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 422: errorReplySchema };
const tags = ["intel"];
const OrgParams = z.strictObject({ orgId: z.uuid() });
const WebhookInput = z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2000) });

/** The organisation's signed webhook for alerts. */
export const webhooksRoutes: RoutesPlugin = async (app, { ctx }) => {
  const base = "/api/orgs/:orgId/intel/webhook";
  app.get(base, { schema: { tags, summary: "Where the organisation's alerts are POSTed, if anywhere (the secret is never shown again)", params: OrgParams, response: { 200: z.object({ webhook: z.object({ url: z.string(), createdAt: z.iso.datetime() }).nullable() }), ...errors } } }, async (request) => {
    const row = await getWebhook(ctx.db, requireActor(request), request.params.orgId);
    return { webhook: row && { url: row.url, createdAt: row.createdAt.toISOString() } };
  });

  app.put(
    base,
    { schema: { tags, summary: "Set the webhook URL; answers a new signing secret, shown this once (X-Cittadella-Signature: sha256=HMAC(secret, timestamp + \".\" + body))", params: OrgParams, body: WebhookInput, response: { 200: z.object({ url: z.string(), secret: z.string() }), ...errors } } },
    async (request) => setWebhook(ctx, requireActor(request), request.params.orgId, request.body.url, auditContextOf(request)),
  );

  app.delete(base, { schema: { tags, summary: "Stop POSTing alerts", params: OrgParams, response: { 200: OkSchema, ...errors } } }, async (request) => {
    await removeWebhook(ctx.db, requireActor(request), request.params.orgId, auditContextOf(request));
    return { ok: true as const };
  });
};

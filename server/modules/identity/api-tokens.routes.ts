import { z } from "zod";
import { tokenScopes, type ApiTokenRow } from "../../platform/auth/api-tokens.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.service.ts";
import { OkSchema } from "./identity.schemas.ts";
import { requireSessionUser } from "./me.guard.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 422: errorReplySchema };

export const ApiTokenScopeSchema = z.enum(tokenScopes).meta({ id: "ApiTokenScope" });

export const ApiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** the first characters of the token, to tell tokens apart */
    prefix: z.string(),
    scopes: z.array(ApiTokenScopeSchema),
    orgId: z.uuid(),
    expiresAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    actions: z.array(z.string()),
  })
  .meta({ id: "ApiToken" });

const presentApiToken = (row: ApiTokenRow) => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes as (typeof tokenScopes)[number][],
  orgId: row.orgId,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  // only the owner ever sees a token, and may always revoke it
  actions: ["revoke"],
});

export const apiTokenRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/me/tokens",
    {
      schema: {
        tags: ["me"],
        summary: "The user's API tokens (never the secret)",
        response: { 200: z.object({ items: z.array(ApiTokenSchema), nextCursor: z.string().nullable() }).meta({ id: "ApiTokensPage" }), ...errors },
      },
    },
    async (request) => {
      const actor = requireSessionUser(request);
      const rows = await listApiTokens(ctx.db, actor);
      return { items: rows.map(presentApiToken), nextCursor: null };
    },
  );

  app.post(
    "/api/me/tokens",
    {
      schema: {
        tags: ["me"],
        summary: "Create an API token for the current organisation; the token is shown only in this reply",
        body: z.strictObject({
          name: z.string().trim().min(1).max(100),
          scopes: z.array(ApiTokenScopeSchema).min(1).max(tokenScopes.length),
          expiresInDays: z.number().int().min(1).max(730).nullable(),
        }),
        response: { 201: ApiTokenSchema.extend({ token: z.string() }).meta({ id: "ApiTokenCreated" }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireSessionUser(request);
      const { token, row } = await createApiToken(ctx.db, actor, request.body, auditContextOf(request));
      reply.status(201);
      return { ...presentApiToken(row), token };
    },
  );

  app.delete(
    "/api/me/tokens/:tokenId",
    {
      schema: {
        tags: ["me"],
        summary: "Revoke an API token; it stops working at once",
        params: z.strictObject({ tokenId: z.uuid() }),
        response: { 200: OkSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireSessionUser(request);
      await revokeApiToken(ctx.db, actor, request.params.tokenId, auditContextOf(request));
      return { ok: true as const };
    },
  );
};

import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import type { RiskMatrix } from "./risk-matrix.ts";
import { registerPolicy } from "./risks.policy.ts";
import { MatrixInputSchema, MatrixSchema, OrgParams, ThreatListSchema } from "./risks.schemas.ts";
import { getMatrix, replaceMatrix } from "./risk-matrix.service.ts";
import { shippedThreats } from "./threats.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const tags = ["risks"];

const presentMatrix = (actor: Actor, orgId: string, matrix: RiskMatrix & { isDefault: boolean }) => ({
  ...matrix,
  // "update" is what the web app asks before showing the editor
  actions: registerPolicy.allowedActions(actor, { orgId }).flatMap((a) => (a === "read" ? ["read"] : a === "configureMatrix" ? ["update"] : [])),
});

/** The organisation's risk matrix and the shipped threat catalog. */
export const riskMatrixRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get("/api/threats", { schema: { tags, summary: "The shipped threat catalog, Italian and English", response: { 200: ThreatListSchema, 401: errorReplySchema } } }, async (request) => {
    requireActor(request);
    return { items: shippedThreats() };
  });

  const path = "/api/orgs/:orgId/risk-matrix";
  app.get(path, { schema: { tags, summary: "The organisation's risk matrix (the 5x5 default until changed)", params: OrgParams, response: { 200: MatrixSchema, ...errors } } }, async (request) => {
    const actor = requireActor(request);
    return presentMatrix(actor, request.params.orgId, await getMatrix(ctx.db, actor, request.params.orgId));
  });

  app.put(
    path,
    {
      schema: {
        tags,
        summary: "Replace the risk matrix; every risk's level and every action's priority are recomputed at once",
        params: OrgParams,
        body: MatrixInputSchema,
        response: { 200: MatrixSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { orgId } = request.params;
      return presentMatrix(actor, orgId, await replaceMatrix(ctx.db, actor, orgId, request.body, auditContextOf(request)));
    },
  );
};

import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { catalogRegistryFor, catalogRegistryOf } from "./catalog-registry.ts";
import { AssessmentParams, OrgParams } from "./assessments.schemas.ts";
import { CoordinatedAssessmentsSchema, PeerBenchmarkSchema } from "./coordination.schemas.ts";
import { coordinatedAssessments } from "./coordinated.service.ts";
import { peerBenchmark } from "./peer-benchmark.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 422: errorReplySchema };
const tags = ["assessments"];

/** Looking across organisations: a coordinator's side-by-side view, and the peer benchmark. */
export const coordinationRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/orgs/:orgId/coordinated-assessments",
    {
      schema: {
        tags,
        summary: "For a coordinator: the latest approved assessment each coordinated entity shared upward, with its scores",
        params: OrgParams,
        response: { 200: CoordinatedAssessmentsSchema, ...errors },
      },
    },
    async (request) => coordinatedAssessments(ctx.db, await catalogRegistryOf(ctx), requireActor(request), request.params.orgId),
  );

  app.get(
    "/api/orgs/:orgId/assessments/:assessmentId/benchmark",
    {
      schema: {
        tags,
        summary: "Median and quartiles of compliance among organisations of the same type, when at least 5 contribute",
        params: AssessmentParams,
        response: { 200: PeerBenchmarkSchema, ...errors },
      },
    },
    async (request) => peerBenchmark(ctx.db, await catalogRegistryFor(ctx, request.params.orgId), requireActor(request), request.params.orgId, request.params.assessmentId),
  );
};

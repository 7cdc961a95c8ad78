import multipart from "@fastify/multipart";
import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { OkSchema } from "../../platform/http/ok-reply.ts";
import { readFrameworkUpload } from "./framework-upload-request.ts";
import { FrameworkSchema, FrameworkUploadResultSchema, OrganisationFrameworksSchema, OrgFrameworkParams } from "./frameworks.schemas.ts";
import { organisationFrameworksPolicy } from "./organisation-frameworks.policy.ts";
import {
  deleteOrganisationFramework,
  listOrganisationFrameworks,
  organisationFramework,
  uploadOrganisationFramework,
} from "./organisation-frameworks.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const tags = ["frameworks"];
const OrgParams = z.strictObject({ orgId: z.uuid() });

/** An organisation's frameworks: the shipped ones in its wording, and those it loaded from files. */
export const organisationFrameworksRoutes: RoutesPlugin = async (app, { ctx }) => {
  const maxBytes = ctx.config.UPLOAD_LIMIT_BYTES;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 2, fields: 1, parts: 3, fieldSize: 1_024 } });
  const base = "/api/orgs/:orgId/frameworks";

  app.get(
    base,
    { schema: { tags, summary: "The organisation's frameworks: shipped, shipped in the official wording it loaded, and its own", params: OrgParams, response: { 200: OrganisationFrameworksSchema, ...errors } } },
    async (request) => listOrganisationFrameworks(ctx, requireActor(request), request.params.orgId),
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary:
          "Load a framework from a file (multipart: one or two parts \"file\"; for a CSV a field \"frameworkId\"): NIST OSCAL JSON, the ACN xlsx annexes, our XLSX/CSV template or JSON catalog. A shipped id gives that framework's official wording; any other id a framework of the organisation's own (\"custom-…\")",
        consumes: ["multipart/form-data"],
        params: OrgParams,
        body: z.strictObject({ file: z.string().meta({ format: "binary" }), frameworkId: z.string().optional() }).nullish(),
        response: { 200: FrameworkUploadResultSchema, 413: errorReplySchema, 415: errorReplySchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { orgId } = request.params;
      // rights before reading the body: a refused caller's file is never parsed
      organisationFrameworksPolicy.authorize(actor, "manage", { orgId });
      const upload = await readFrameworkUpload(request, maxBytes);
      return uploadOrganisationFramework(ctx, actor, orgId, upload, auditContextOf(request), request.locale);
    },
  );

  app.get(
    `${base}/:frameworkId`,
    { schema: { tags, summary: "One of the organisation's frameworks with its whole tree, in its wording", params: OrgFrameworkParams, response: { 200: FrameworkSchema, ...errors } } },
    async (request) => organisationFramework(ctx, requireActor(request), request.params.orgId, request.params.frameworkId),
  );

  app.delete(
    `${base}/:frameworkId`,
    {
      schema: {
        tags,
        summary: "Remove an uploaded framework: a shipped one goes back to our wording; an own one only while no assessment uses it",
        params: OrgFrameworkParams,
        response: { 200: OkSchema, ...errors },
      },
    },
    async (request) => {
      await deleteOrganisationFramework(ctx, requireActor(request), request.params.orgId, request.params.frameworkId, auditContextOf(request));
      return { ok: true as const };
    },
  );
};

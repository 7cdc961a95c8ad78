import multipart from "@fastify/multipart";
import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { readUploadedFile } from "../../platform/http/uploaded-file.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { attachmentDisposition } from "../../platform/storage/file-names.ts";
import { catalogRegistryFor } from "./catalog-registry.ts";
import { AssessmentParams } from "./assessments.schemas.ts";
import { EvidenceParams, EvidenceSchema, EvidenceUploadQuerySchema } from "./evidence.schemas.ts";
import { presentEvidence } from "./evidence.service.ts";
import { assertMayUploadEvidence, evidenceFileForDownload, uploadEvidenceFile } from "./evidence-files.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const tags = ["assessments"];

/** Files uploaded as evidence from an answer, kept by the assessed organisation, and their download. */
export const evidenceFilesRoutes: RoutesPlugin = async (app, { ctx }) => {
  const maxBytes = ctx.config.UPLOAD_LIMIT_BYTES;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 1_024 } });
  const base = "/api/orgs/:orgId/assessments/:assessmentId/evidence";

  app.post(
    `${base}/files`,
    {
      schema: {
        tags,
        summary:
          "Upload a file as evidence of an answer (multipart, one part named \"file\"; requirement, title and expiry in the query). The file belongs to the assessed organisation, also when a user of its IT provider uploads it for a requirement assigned to them",
        consumes: ["multipart/form-data"],
        params: AssessmentParams,
        querystring: EvidenceUploadQuerySchema,
        // documents the form for the generated client; the multipart parser leaves the body unset
        body: z.strictObject({ file: z.string().meta({ format: "binary" }) }).nullish(),
        response: { 201: EvidenceSchema, 413: errorReplySchema, 415: errorReplySchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { orgId, assessmentId } = request.params;
      const registry = await catalogRegistryFor(ctx, orgId);
      await assertMayUploadEvidence(ctx.db, registry, actor, orgId, assessmentId, request.query.requirementId);
      const upload = await readUploadedFile(request, maxBytes);
      const row = await uploadEvidenceFile(ctx.db, ctx.fileStore, registry, actor, orgId, assessmentId, request.query, upload, auditContextOf(request));
      reply.status(201);
      return presentEvidence(row);
    },
  );

  app.get(
    `${base}/:evidenceId/file`,
    {
      schema: {
        tags,
        summary: "Download the file of a piece of evidence, as an attachment (members, and the provider's users for the requirements assigned to them)",
        params: EvidenceParams,
        produces: ["application/octet-stream"],
        response: { 200: z.any().describe("the file's bytes, with the type found at upload"), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { orgId, assessmentId, evidenceId } = request.params;
      const { file, bytes } = await evidenceFileForDownload(ctx.db, ctx.fileStore, actor, orgId, assessmentId, evidenceId);
      return reply
        .header("content-type", file.mimeType)
        .header("content-disposition", attachmentDisposition(file.originalName))
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("cache-control", "private, no-store")
        .send(bytes);
    },
  );
};

import multipart from "@fastify/multipart";
import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { readUploadedFile } from "../../platform/http/uploaded-file.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { attachmentDisposition } from "../../platform/storage/file-names.ts";
import { presentFile } from "./files.presenter.ts";
import { FileParams, FilesPageSchema, FilesQuerySchema, StoredFileSchema } from "./files.schemas.ts";
import { assertMayUpload, deleteFile, getFileForDownload, listFiles, uploadFile } from "./files.service.ts";

const OrgParams = z.strictObject({ orgId: z.uuid() });
const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 422: errorReplySchema };

export const filesRoutes: RoutesPlugin = async (app, { ctx }) => {
  const maxBytes = ctx.config.UPLOAD_LIMIT_BYTES;
  // one file per request, a few small fields at most; the size limit comes from configuration
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 1_024 } });

  app.get(
    "/api/orgs/:orgId/files",
    { schema: { tags: ["files"], summary: "The organisation's files, newest first", params: OrgParams, querystring: FilesQuerySchema, response: { 200: FilesPageSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const page = await listFiles(ctx.db, actor, request.params.orgId, request.query);
      return { items: page.items.map((f) => presentFile(actor, f)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/api/orgs/:orgId/files",
    {
      schema: {
        tags: ["files"],
        summary: "Upload a file (multipart/form-data, one part named \"file\"); its type is read from the content",
        consumes: ["multipart/form-data"],
        params: OrgParams,
        // documents the form for the generated client; the multipart parser leaves the body unset
        body: z.strictObject({ file: z.string().meta({ format: "binary" }) }).nullish(),
        response: { 201: StoredFileSchema, 413: errorReplySchema, 415: errorReplySchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { orgId } = request.params;
      assertMayUpload(actor, orgId);
      const { bytes, fileName } = await readUploadedFile(request, maxBytes);
      const row = await uploadFile(ctx.db, ctx.fileStore, actor, orgId, { fileName, bytes }, auditContextOf(request));
      reply.status(201);
      return presentFile(actor, row);
    },
  );

  app.get(
    "/api/orgs/:orgId/files/:fileId",
    {
      schema: {
        tags: ["files"],
        summary: "Download a file, always as an attachment",
        params: FileParams,
        produces: ["application/octet-stream"],
        response: { 200: z.any().describe("the file's bytes, with the type found at upload"), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { file, bytes } = await getFileForDownload(ctx.db, ctx.fileStore, actor, request.params.orgId, request.params.fileId);
      return reply
        .header("content-type", file.mimeType)
        .header("content-disposition", attachmentDisposition(file.originalName))
        .header("x-content-type-options", "nosniff")
        // even if a browser renders it, nothing in it may run or load
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("cache-control", "private, no-store")
        .send(bytes);
    },
  );

  app.delete(
    "/api/orgs/:orgId/files/:fileId",
    { schema: { tags: ["files"], summary: "Delete a file", params: FileParams, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      await deleteFile(ctx.db, ctx.fileStore, actor, request.params.orgId, request.params.fileId, auditContextOf(request));
      return { ok: true as const };
    },
  );
};

import multipart from "@fastify/multipart";
import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { readUploadedFile } from "../../platform/http/uploaded-file.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { catalogRegistryFor } from "./catalog-registry.ts";
import { presentAnswer } from "./assessments.presenter.ts";
import { AnswerSchema, AssessmentParams } from "./assessments.schemas.ts";
import { exportAnswers, importAnswers } from "./answers-transfer.service.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 409: errorReplySchema, 422: errorReplySchema };
const tags = ["assessments"];
const mediaTypes = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", csv: "text/csv; charset=utf-8" } as const;

/** Answers exchanged as XLSX or CSV files, the way consultants and auditors work today. */
export const answersTransferRoutes: RoutesPlugin = async (app, { ctx }) => {
  const maxBytes = ctx.config.UPLOAD_LIMIT_BYTES;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 2, parts: 3, fieldSize: 1_024 } });
  const base = "/api/orgs/:orgId/assessments/:assessmentId/answers";

  app.get(
    `${base}/export`,
    {
      schema: {
        tags,
        summary: "Download the answers as XLSX or CSV: requirement id, status, maturity current and target, N/A reason, notes",
        params: AssessmentParams,
        querystring: z.strictObject({ format: z.enum(["xlsx", "csv"]).default("xlsx") }),
        produces: [mediaTypes.xlsx, "text/csv"],
        response: { 200: z.any().describe("the file"), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { format } = request.query;
      const { record, body } = await exportAnswers(ctx.db, await catalogRegistryFor(ctx, request.params.orgId), actor, request.params.orgId, request.params.assessmentId, format);
      const name = `${record.frameworkId}-${record.id.slice(0, 8)}-risposte.${format}`;
      reply.header("content-type", mediaTypes[format]).header("content-disposition", `attachment; filename="${name}"`).header("cache-control", "no-store");
      return reply.send(typeof body === "string" ? body : Buffer.from(body));
    },
  );

  app.post(
    `${base}/import`,
    {
      schema: {
        tags,
        summary: "Import answers from an XLSX or CSV file (multipart, one part named \"file\"): all rows are saved or none",
        consumes: ["multipart/form-data"],
        params: AssessmentParams,
        body: z.strictObject({ file: z.string().meta({ format: "binary" }) }).nullish(),
        response: { 200: z.object({ answers: z.array(AnswerSchema) }), 413: errorReplySchema, 415: errorReplySchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { bytes } = await readUploadedFile(request, maxBytes);
      const saved = await importAnswers(ctx.db, await catalogRegistryFor(ctx, request.params.orgId), actor, request.params.orgId, request.params.assessmentId, new Uint8Array(bytes), auditContextOf(request));
      return { answers: saved.map(presentAnswer) };
    },
  );
};

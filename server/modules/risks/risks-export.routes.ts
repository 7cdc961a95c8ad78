import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { OrgParams } from "./risks.schemas.ts";
import { loadRegisterExport, registerPdf, registerWorkbook } from "./risks-export.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 422: errorReplySchema };
const tags = ["risks"];
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const query = z.strictObject({ lang: z.enum(["it", "en"]).default("it") });

/** The register as XLSX and PDF, for whoever may read it in the organisation (not its provider). */
export const risksExportRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/orgs/:orgId/risks/export.xlsx",
    { schema: { tags, summary: "The risk register as XLSX: one row per risk, and the matrix (Italian unless lang=en)", params: OrgParams, querystring: query, produces: [xlsx], response: { 200: z.any().describe("the XLSX file"), ...errors } } },
    async (request, reply) => {
      const data = await loadRegisterExport(ctx.db, requireActor(request), request.params.orgId);
      const bytes = await registerWorkbook(data, request.query.lang);
      reply.header("content-type", xlsx).header("content-disposition", `attachment; filename="registro-rischi-${request.query.lang}.xlsx"`).header("cache-control", "no-store");
      return reply.send(Buffer.from(bytes));
    },
  );

  app.get(
    "/api/orgs/:orgId/risks/report.pdf",
    { schema: { tags, summary: "The risk register as PDF: summary by level and every risk (Italian unless lang=en)", params: OrgParams, querystring: query, produces: ["application/pdf"], response: { 200: z.any().describe("the PDF file"), ...errors } } },
    async (request, reply) => {
      const data = await loadRegisterExport(ctx.db, requireActor(request), request.params.orgId);
      const pdf = await registerPdf(data, request.query.lang);
      reply.header("content-type", "application/pdf").header("content-disposition", `attachment; filename="registro-rischi-${request.query.lang}.pdf"`).header("cache-control", "no-store");
      return reply.send(pdf);
    },
  );
};

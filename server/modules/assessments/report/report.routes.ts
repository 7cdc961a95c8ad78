import { z } from "zod";
import { requireActor } from "../../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../../platform/http/error-handler.ts";
import type { RoutesPlugin } from "../../../platform/http/types.ts";
import { catalogRegistryFor } from "../catalog-registry.ts";
import { AssessmentParams } from "../assessments.schemas.ts";
import { loadReportData } from "./report-data.ts";
import { renderReport } from "./report-pdf.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 422: errorReplySchema };

/** The PDF report for the giunta and the auditor: whoever may read the results may download it. */
export const reportRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/orgs/:orgId/assessments/:assessmentId/report.pdf",
    {
      schema: {
        tags: ["assessments"],
        summary: "The assessment report as PDF: summary, chart and findings by function, gaps, evidence, sign-off (Italian unless lang=en)",
        params: AssessmentParams,
        querystring: z.strictObject({ lang: z.enum(["it", "en"]).default("it") }),
        produces: ["application/pdf"],
        response: { 200: z.any().describe("the PDF file"), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { orgId, assessmentId } = request.params;
      const data = await loadReportData(ctx.db, await catalogRegistryFor(ctx, orgId), actor, orgId, assessmentId);
      const pdf = await renderReport(data, request.query.lang);
      const name = `valutazione-${assessmentId.slice(0, 8)}-${request.query.lang}.pdf`;
      reply.header("content-type", "application/pdf").header("content-disposition", `attachment; filename="${name}"`).header("cache-control", "no-store");
      return reply.send(pdf);
    },
  );
};

import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { OrgParams, ReportExportQuery, ReportQuery, TrainingReportSchema } from "./assignments.schemas.ts";
import { errors, tags } from "./paths.routes.ts";
import { reportCsv, reportWorkbook } from "./training-report-export.ts";
import { trainingReport } from "./training-report.ts";

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The managers' training report (admins, security managers, auditors of the organisation). */
export const trainingReportRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/orgs/:orgId/academy/report",
    {
      schema: {
        tags,
        summary: "Training report of a year: assignments by path and office, hours per employee, the management body on its own",
        params: OrgParams,
        querystring: ReportQuery,
        response: { 200: TrainingReportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const report = await trainingReport(ctx.db, requireActor(request), request.params.orgId, request.query.year);
      reply.header("cache-control", "no-store");
      return report;
    },
  );

  app.get(
    "/api/orgs/:orgId/academy/report.csv",
    { schema: { tags, summary: "Hours of training per employee in a year, as CSV (headers Italian unless lang=en)", params: OrgParams, querystring: ReportExportQuery, produces: ["text/csv"], response: { 200: z.any().describe("the CSV file"), ...errors } } },
    async (request, reply) => {
      const report = await trainingReport(ctx.db, requireActor(request), request.params.orgId, request.query.year);
      reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="formazione-${report.year}.csv"`).header("cache-control", "no-store");
      return reply.send(reportCsv(report, request.query.lang));
    },
  );

  app.get(
    "/api/orgs/:orgId/academy/report.xlsx",
    { schema: { tags, summary: "The training report of a year as XLSX: employees, assignments, offices, management body", params: OrgParams, querystring: ReportExportQuery, produces: [xlsx], response: { 200: z.any().describe("the XLSX file"), ...errors } } },
    async (request, reply) => {
      const report = await trainingReport(ctx.db, requireActor(request), request.params.orgId, request.query.year);
      const bytes = await reportWorkbook(report, request.query.lang);
      reply.header("content-type", xlsx).header("content-disposition", `attachment; filename="formazione-${report.year}.xlsx"`).header("cache-control", "no-store");
      return reply.send(Buffer.from(bytes));
    },
  );
};

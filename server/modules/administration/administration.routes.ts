import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { AuditExportQuerySchema, AuditPageSchema, AuditQuerySchema, MailPageSchema, MailQuerySchema } from "./administration.schemas.ts";
import { presentAuditEntry, presentMail } from "./administration.presenter.ts";
import { auditExportStream } from "./audit-export.ts";
import { listAuditEntries, startAuditExport } from "./audit-log.service.ts";
import { listOrganisationMail } from "./mail-outbox.service.ts";

const OrgParams = z.strictObject({ orgId: z.uuid() });
const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 422: errorReplySchema };

export const administrationRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/orgs/:orgId/audit",
    {
      schema: {
        tags: ["administration"],
        summary: "The organisation's audit log, newest first (admins and auditors)",
        params: OrgParams,
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const page = await listAuditEntries(ctx.db, actor, request.params.orgId, request.query);
      return { items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/orgs/:orgId/audit/export",
    {
      schema: {
        tags: ["administration"],
        summary: "Download the organisation's audit log as CSV or JSON, oldest first",
        params: OrgParams,
        querystring: AuditExportQuerySchema,
        produces: ["text/csv", "application/json"],
        response: { 200: z.any().describe("CSV (UTF-8 with BOM) or a JSON array of entries"), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { orgId } = request.params;
      const { format } = request.query;
      const rows = await startAuditExport(ctx.db, actor, orgId, request.query, auditContextOf(request));
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8")
        .header("content-disposition", `attachment; filename="audit-${orgId}-${day}.${format}"`)
        .header("cache-control", "no-store")
        .send(auditExportStream(format, rows));
    },
  );

  app.get(
    "/api/orgs/:orgId/mail",
    {
      schema: {
        tags: ["administration"],
        summary: "Mail queued, kept (no SMTP) or sent for the organisation, newest first (admins)",
        params: OrgParams,
        querystring: MailQuerySchema,
        response: { 200: MailPageSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const page = await listOrganisationMail(ctx.db, actor, request.params.orgId, request.query);
      return { items: page.items.map(presentMail), nextCursor: page.nextCursor };
    },
  );
};

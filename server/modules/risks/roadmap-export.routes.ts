import { eq } from "drizzle-orm";
import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { auditContextOf } from "../../platform/http/request-context.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { organisations } from "../identity/identity.tables.ts";
import { ActionsOrgParams, CalendarFeedSchema, FeedParams } from "./actions.schemas.ts";
import { loadRoadmap, roadmapRows, roadmapXlsx } from "./roadmap-export.ts";
import { roadmapPdf } from "./roadmap-pdf.ts";
import { createCalendarFeed, renderCalendarFeed, revokeCalendarFeed } from "./calendar-feed.ts";

const errors = { 400: errorReplySchema, 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema, 422: errorReplySchema };
const tags = ["roadmap"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const LangQuery = z.strictObject({ lang: z.enum(["it", "en"]).optional() });

/** The roadmap exported as XLSX and PDF, and its due dates as an iCalendar feed. */
export const roadmapExportRoutes: RoutesPlugin = async (app, { ctx }) => {
  const attachment = (name: string) => `attachment; filename="${name}"`;

  app.get(
    "/api/orgs/:orgId/actions/export.xlsx",
    { schema: { tags, summary: "The roadmap as an XLSX spreadsheet (in the caller's language, or lang)", params: ActionsOrgParams, querystring: LangQuery, produces: [XLSX], response: { 200: z.any().describe("the file"), ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const locale = request.query.lang ?? request.locale;
      const actions = await loadRoadmap(ctx.db, actor, request.params.orgId);
      const body = await roadmapXlsx(roadmapRows(actions, locale), locale);
      reply.header("content-type", XLSX).header("content-disposition", attachment("roadmap.xlsx")).header("cache-control", "no-store");
      return reply.send(body);
    },
  );

  app.get(
    "/api/orgs/:orgId/actions/report.pdf",
    { schema: { tags, summary: "The roadmap as a PDF report (in the caller's language, or lang)", params: ActionsOrgParams, querystring: LangQuery, produces: ["application/pdf"], response: { 200: z.any().describe("the PDF file"), ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const locale = request.query.lang ?? request.locale;
      const { orgId } = request.params;
      const actions = await loadRoadmap(ctx.db, actor, orgId);
      const [org] = await ctx.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
      const body = await roadmapPdf(org?.name ?? "", actions, roadmapRows(actions, locale), locale);
      reply.header("content-type", "application/pdf").header("content-disposition", attachment("roadmap.pdf")).header("cache-control", "no-store");
      return reply.send(body);
    },
  );

  app.post(
    "/api/orgs/:orgId/roadmap/calendar-feed",
    {
      schema: {
        tags,
        summary: "Make the caller's calendar feed of due dates; the URL is shown only now, and replaces any earlier one",
        params: ActionsOrgParams,
        response: { 201: CalendarFeedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const feed = await createCalendarFeed(ctx.db, ctx.config.publicUrl, actor, request.params.orgId, auditContextOf(request));
      reply.status(201).header("cache-control", "no-store");
      return feed;
    },
  );

  app.delete(
    "/api/orgs/:orgId/roadmap/calendar-feed",
    { schema: { tags, summary: "Stop the caller's calendar feed", params: ActionsOrgParams, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (request) => {
      await revokeCalendarFeed(ctx.db, requireActor(request), request.params.orgId, auditContextOf(request));
      return { ok: true as const };
    },
  );

  app.get(
    "/api/calendar/:feedToken/roadmap.ics",
    {
      schema: {
        tags,
        summary: "The roadmap's due dates as iCalendar, for calendar apps: the secret in the URL is the only credential",
        params: FeedParams,
        produces: ["text/calendar"],
        response: { 200: z.any().describe("the iCalendar file"), 404: errorReplySchema },
      },
    },
    async (request, reply) => {
      const body = await renderCalendarFeed(ctx.db, ctx.resolveActor, request.params.feedToken);
      reply.header("content-type", "text/calendar; charset=utf-8").header("cache-control", "private, no-store").header("referrer-policy", "no-referrer");
      return reply.send(body);
    },
  );
};

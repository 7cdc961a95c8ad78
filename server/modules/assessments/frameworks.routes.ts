import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { notFound } from "../../platform/http/errors.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { catalogRegistryFor } from "./catalog-registry.ts";
import { emptyTemplateCsv, emptyTemplateXlsx } from "./catalogs/empty-template.ts";
import { exportTemplateCsv, exportTemplateXlsx } from "./catalogs/export-template.ts";
import { FrameworkSchema, FrameworkSummarySchema } from "./frameworks.schemas.ts";
import { summarizeFramework } from "./frameworks.presenter.ts";

// The frameworks the caller's current organisation can assess itself against: the shipped ones, in
// the official wording where the organisation loaded it, and its own (organisation-frameworks.*).
// The web app renders questions from them.

const errors = { 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema };
const tags = ["frameworks"];
const FrameworkParams = z.strictObject({ frameworkId: z.string().max(64) });
export const templateMediaTypes = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", csv: "text/csv; charset=utf-8" } as const;

export const frameworksRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/frameworks",
    { schema: { tags, summary: "Frameworks available for assessments in the caller's organisation, with levels, maturity scale and counts", response: { 200: z.object({ items: z.array(FrameworkSummarySchema) }), ...errors } } },
    async (request) => {
      const registry = await catalogRegistryFor(ctx, requireActor(request).orgId);
      return { items: registry.catalogs.map(summarizeFramework) };
    },
  );

  // the empty template, declared before /:frameworkId so its static path wins
  for (const format of ["xlsx", "csv"] as const) {
    app.get(
      `/api/frameworks/template.${format}`,
      { schema: { tags, summary: `The empty framework template (${format.toUpperCase()}), for writing a framework of one's own`, produces: [templateMediaTypes[format]], response: { 200: z.any().describe("the file"), ...errors } } },
      async (request, reply) => {
        requireActor(request);
        const body = format === "xlsx" ? Buffer.from(await emptyTemplateXlsx()) : emptyTemplateCsv();
        return reply.header("content-type", templateMediaTypes[format]).header("content-disposition", `attachment; filename="framework-modello.${format}"`).send(body);
      },
    );
  }

  app.get(
    "/api/frameworks/:frameworkId",
    { schema: { tags, summary: "One framework with its whole tree of requirements, in the caller's organisation's wording", params: FrameworkParams, response: { 200: FrameworkSchema, ...errors } } },
    async (request) => {
      const catalog = (await catalogRegistryFor(ctx, requireActor(request).orgId)).get(request.params.frameworkId);
      if (!catalog) throw notFound();
      return catalog;
    },
  );

  for (const format of ["xlsx", "csv"] as const) {
    app.get(
      `/api/frameworks/:frameworkId/template.${format}`,
      {
        schema: {
          tags,
          summary: `The framework as our ${format.toUpperCase()} template (docs/CATALOG-FORMAT.md), in the caller's organisation's wording`,
          params: FrameworkParams,
          produces: [templateMediaTypes[format]],
          response: { 200: z.any().describe("the file"), ...errors },
        },
      },
      async (request, reply) => {
        const catalog = (await catalogRegistryFor(ctx, requireActor(request).orgId)).get(request.params.frameworkId);
        if (!catalog) throw notFound();
        const body = format === "xlsx" ? Buffer.from(await exportTemplateXlsx(catalog)) : exportTemplateCsv(catalog);
        return reply
          .header("content-type", templateMediaTypes[format])
          .header("content-disposition", `attachment; filename="${`${catalog.id}-${catalog.version}`.replace(/[^A-Za-z0-9._-]/g, "_")}.${format}"`)
          .header("cache-control", "no-store")
          .send(body);
      },
    );
  }
};

import { z } from "zod";
import { requireActor } from "../../platform/auth/authenticate.ts";
import { errorReplySchema } from "../../platform/http/error-handler.ts";
import { notFound } from "../../platform/http/errors.ts";
import type { RoutesPlugin } from "../../platform/http/types.ts";
import { catalogRegistryOf } from "./catalog-registry.ts";
import { countByKind } from "./catalogs/catalog-tree.ts";

// The frameworks an organisation can assess itself against. They are reference data, the same for
// every organisation, so any signed-in user may read them; the web app renders questions from them.

const TextSchema = z.object({ it: z.string().optional(), en: z.string().optional() }).meta({ id: "LocalizedText" });
const LevelSchema = z.object({ id: z.string(), title: TextSchema });
const MaturityStepSchema = z.object({ value: z.number().int(), title: TextSchema, description: TextSchema.optional() });

const RequirementSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: TextSchema,
    guidance: TextSchema.optional(),
    levels: z.array(z.string()).optional(),
    mappings: z.array(z.object({ framework: z.string(), requirementId: z.string() })).optional(),
    get children(): z.ZodOptional<z.ZodArray<typeof RequirementSchema>> {
      return z.array(RequirementSchema).optional();
    },
  })
  .meta({ id: "FrameworkRequirement" });

const summaryShape = {
  id: z.string(),
  version: z.string(),
  title: TextSchema,
  description: TextSchema.optional(),
  publisher: z.string(),
  levels: z.array(LevelSchema).optional(),
  maturityScale: z.array(MaturityStepSchema),
};
const FrameworkSummarySchema = z
  .object({ ...summaryShape, requirementCounts: z.record(z.string(), z.record(z.string(), z.number().int())) })
  .meta({ id: "FrameworkSummary" });
const FrameworkSchema = z.object({ ...summaryShape, requirements: z.array(RequirementSchema) }).meta({ id: "Framework" });

const errors = { 401: errorReplySchema, 403: errorReplySchema, 404: errorReplySchema };
const tags = ["frameworks"];

export const frameworksRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    "/api/frameworks",
    { schema: { tags, summary: "Frameworks available for assessments, with levels, maturity scale and counts", response: { 200: z.object({ items: z.array(FrameworkSummarySchema) }), ...errors } } },
    async (request) => {
      requireActor(request);
      const registry = await catalogRegistryOf(ctx);
      const items = registry.catalogs.map((catalog) => {
        const { requirements: _tree, ...summary } = catalog;
        // per level ("all" when the framework has none), e.g. { importanti: { measure: 37, requirement: 87 } }
        const requirementCounts = catalog.levels
          ? Object.fromEntries(catalog.levels.map((level) => [level.id, countByKind(catalog, level.id)]))
          : { all: countByKind(catalog) };
        return { ...summary, requirementCounts };
      });
      return { items };
    },
  );

  app.get(
    "/api/frameworks/:frameworkId",
    { schema: { tags, summary: "One framework with its whole tree of requirements", params: z.strictObject({ frameworkId: z.string().max(64) }), response: { 200: FrameworkSchema, ...errors } } },
    async (request) => {
      requireActor(request);
      const catalog = (await catalogRegistryOf(ctx)).get(request.params.frameworkId);
      if (!catalog) throw notFound();
      return catalog;
    },
  );
};

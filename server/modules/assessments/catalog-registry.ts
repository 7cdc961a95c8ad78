import { eq, inArray } from "drizzle-orm";
import type { AppContext } from "../../platform/context.ts";
import { buildRegistry, type CatalogRegistry, loadCatalogs } from "./catalogs/catalog-loader.ts";
import type { Catalog } from "./catalogs/catalog-format.ts";
import { withOfficialWording } from "./catalogs/official-wording.ts";
import { organisationFrameworks } from "./organisation-frameworks.tables.ts";

// The frameworks an app answers against, loaded once per app from catalogs/ at the repository
// root. A tool or test may install its own registry for an app (e.g. a small hand-checked catalog).
const registries = new WeakMap<AppContext, Promise<CatalogRegistry>>();

export function installCatalogRegistry(ctx: AppContext, registry: CatalogRegistry) {
  registries.set(ctx, Promise.resolve(registry));
  organisationRegistries.delete(ctx);
}

/** The shipped frameworks only, the same for every organisation. */
export function catalogRegistryOf(ctx: AppContext): Promise<CatalogRegistry> {
  let registry = registries.get(ctx);
  if (!registry) {
    registry = loadCatalogs().catch((error: unknown) => {
      // no catalogs/ directory yet: no framework can be assessed, which every route reports
      if ((error as { code?: string }).code === "ENOENT") return buildRegistry([]);
      throw error;
    });
    registries.set(ctx, registry);
  }
  return registry;
}

// Registries of organisations with uploaded frameworks, keyed by the ids of their upload rows.
// A row never changes (a new upload is a new row), so a key names one content for good and the
// cache stays right across processes; it is cleared when it grows past a bound.
const organisationRegistries = new WeakMap<AppContext, Map<string, CatalogRegistry>>();
const CACHE_BOUND = 500;

export interface OrganisationFramework {
  catalog: Catalog;
  origin: "shipped" | "official_wording" | "custom";
}

/** The shipped frameworks, in the organisation's wording where it uploaded one, then its own. */
export function resolveOrganisationCatalogs(shipped: CatalogRegistry, rows: { frameworkId: string; catalog: Catalog }[]): OrganisationFramework[] {
  const byId = new Map(rows.map((row) => [row.frameworkId, row.catalog]));
  const out: OrganisationFramework[] = shipped.catalogs.map((catalog) => {
    const uploaded = byId.get(catalog.id);
    return uploaded ? { catalog: withOfficialWording(catalog, uploaded).catalog, origin: "official_wording" } : { catalog, origin: "shipped" };
  });
  for (const row of rows) if (!shipped.get(row.frameworkId)) out.push({ catalog: row.catalog, origin: "custom" });
  return out;
}

/**
 * The frameworks as one organisation sees them: what assessments, scores, reports and
 * GET /api/frameworks use. Without uploads (or without an organisation) it is the shipped registry.
 */
export async function catalogRegistryFor(ctx: AppContext, orgId: string | null): Promise<CatalogRegistry> {
  const shipped = await catalogRegistryOf(ctx);
  if (!orgId) return shipped;
  const heads = await ctx.db
    .select({ id: organisationFrameworks.id })
    .from(organisationFrameworks)
    .where(eq(organisationFrameworks.orgId, orgId))
    .orderBy(organisationFrameworks.frameworkId);
  if (!heads.length) return shipped;
  let cache = organisationRegistries.get(ctx);
  if (!cache) organisationRegistries.set(ctx, (cache = new Map()));
  const key = heads.map((head) => head.id).join(",");
  const cached = cache.get(key);
  if (cached) return cached;
  const rows = await ctx.db
    .select({ frameworkId: organisationFrameworks.frameworkId, catalog: organisationFrameworks.catalog })
    .from(organisationFrameworks)
    .where(inArray(organisationFrameworks.id, heads.map((head) => head.id)))
    .orderBy(organisationFrameworks.frameworkId);
  const registry = buildRegistry(resolveOrganisationCatalogs(shipped, rows).map((item) => item.catalog));
  if (cache.size >= CACHE_BOUND) cache.clear();
  cache.set(key, registry);
  return registry;
}

import type { AppContext } from "../../platform/context.ts";
import { buildRegistry, type CatalogRegistry, loadCatalogs } from "./catalogs/catalog-loader.ts";

// The frameworks an app answers against, loaded once per app from catalogs/ at the repository
// root. A tool or test may install its own registry for an app (e.g. a small hand-checked catalog).
const registries = new WeakMap<AppContext, Promise<CatalogRegistry>>();

export function installCatalogRegistry(ctx: AppContext, registry: CatalogRegistry) {
  registries.set(ctx, Promise.resolve(registry));
}

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

import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Catalog, type RequirementNode, validateCatalog } from "./catalog-format.ts";
import { type CatalogIssue, CatalogError } from "./catalog-issues.ts";
import { flattenRequirements } from "./catalog-tree.ts";

/** catalogs/ at the repository root: the frameworks we ship, written in our own words. */
export const SHIPPED_CATALOGS_DIR = fileURLToPath(new URL("../../../../catalogs/", import.meta.url));

export interface CatalogRegistry {
  catalogs: Catalog[];
  get(frameworkId: string): Catalog | undefined;
  requirement(frameworkId: string, requirementId: string): RequirementNode | undefined;
}

export function buildRegistry(catalogs: Catalog[]): CatalogRegistry {
  const byId = new Map(catalogs.map((c) => [c.id, c]));
  const nodes = new Map(catalogs.map((c) => [c.id, new Map(flattenRequirements(c).map((f) => [f.node.id, f.node]))]));
  return {
    catalogs,
    get: (id) => byId.get(id),
    requirement: (frameworkId, requirementId) => nodes.get(frameworkId)?.get(requirementId),
  };
}

/** Every mapping must point at a requirement of a framework in the same registry. */
export function checkMappings(registry: CatalogRegistry, catalog: Catalog): CatalogIssue[] {
  return flattenRequirements(catalog).flatMap(({ node }) =>
    (node.mappings ?? [])
      .filter((m) => !registry.requirement(m.framework, m.requirementId))
      .map((m) => ({
        field: node.id,
        reason: "mapping_target_unknown" as const,
        params: { framework: m.framework, id: m.requirementId },
      })),
  );
}

/** Reads and validates catalogs/*.json; throws CatalogError naming the file and the JSON path. */
export async function loadCatalogs(dir: string = SHIPPED_CATALOGS_DIR): Promise<CatalogRegistry> {
  const files = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  const catalogs: Catalog[] = [];
  const fileOf = new Map<string, string>();
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(dir, file), "utf8"));
    } catch {
      throw new CatalogError(file, [{ field: "file", reason: "not_json" }]);
    }
    const result = validateCatalog(json);
    if (!result.ok) throw new CatalogError(file, result.issues);
    const earlier = fileOf.get(result.value.id);
    if (earlier)
      throw new CatalogError(file, [{ field: "id", reason: "framework_duplicate", params: { id: result.value.id, file: earlier } }]);
    fileOf.set(result.value.id, file);
    catalogs.push(result.value);
  }
  const registry = buildRegistry(catalogs);
  for (const catalog of catalogs) {
    const issues = checkMappings(registry, catalog);
    if (issues.length) throw new CatalogError(fileOf.get(catalog.id)!, issues);
  }
  return registry;
}

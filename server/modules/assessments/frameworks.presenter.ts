import type { Catalog } from "./catalogs/catalog-format.ts";
import { countByKind } from "./catalogs/catalog-tree.ts";

/** A framework without its tree, with counts per level ("all" when the framework has none). */
export function summarizeFramework(catalog: Catalog) {
  const { requirements: _tree, formatVersion: _format, source: _source, ...summary } = catalog;
  // e.g. { importanti: { measure: 37, requirement: 87 } }
  const requirementCounts = catalog.levels
    ? Object.fromEntries(catalog.levels.map((level) => [level.id, countByKind(catalog, level.id)]))
    : { all: countByKind(catalog) };
  return { ...summary, requirementCounts };
}

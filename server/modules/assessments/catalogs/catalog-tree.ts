import { type Catalog, DEFAULT_IMPORTANCE, type RequirementNode } from "./catalog-format.ts";

export interface FlatRequirement {
  node: RequirementNode;
  parentId: string | null;
  depth: number;
  /** the levels in force for this node: its own, else inherited, else every level of the framework */
  effectiveLevels: string[];
  /** the importance in force: its own, else inherited (set on a measure, it weighs all its points), else 1 */
  effectiveImportance: number;
  assessable: boolean;
}

/** The tree in document order; leaves are what an assessment answers. */
export function flattenRequirements(catalog: Catalog): FlatRequirement[] {
  const all = catalog.levels?.map((level) => level.id) ?? [];
  const out: FlatRequirement[] = [];
  const visit = (nodes: RequirementNode[], parentId: string | null, depth: number, inherited: string[], inheritedImportance: number) => {
    for (const node of nodes) {
      const effectiveLevels = node.levels ?? inherited;
      const effectiveImportance = node.importance ?? inheritedImportance;
      out.push({ node, parentId, depth, effectiveLevels, effectiveImportance, assessable: !node.children?.length });
      if (node.children) visit(node.children, node.id, depth + 1, effectiveLevels, effectiveImportance);
    }
  };
  visit(catalog.requirements, null, 0, all, DEFAULT_IMPORTANCE);
  return out;
}

/** Counts by kind, optionally for one level: { function: 6, category: 22, subcategory: 106 }. */
export function countByKind(catalog: Catalog, level?: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of flattenRequirements(catalog)) {
    if (level && !item.effectiveLevels.includes(level)) continue;
    counts[item.node.kind] = (counts[item.node.kind] ?? 0) + 1;
  }
  return counts;
}

import type { Catalog, LocalizedText, RequirementNode } from "./catalog-format.ts";
import type { CatalogIssue } from "./catalog-issues.ts";
import { flattenRequirements } from "./catalog-tree.ts";

// An organisation may load the official wording of a framework we ship (the ACN annexes in
// Italian, NIST's OSCAL text in English). Only words change: ids, tree, levels, mappings and the
// maturity scale stay ours, so scores, pre-fill and peer benchmarks mean the same for everyone.

/** Ids of the uploaded framework that the shipped one does not have, each named as a problem. */
export function unknownRequirements(shipped: Catalog, uploaded: Catalog): CatalogIssue[] {
  const known = new Set(flattenRequirements(shipped).map((item) => item.node.id));
  return flattenRequirements(uploaded)
    .filter((item) => !known.has(item.node.id))
    .map((item) => ({ field: item.node.id, reason: "requirement_not_in_framework" as const, params: { id: item.node.id, framework: shipped.id } }));
}

// A text equal to the node's own code ("GV" in the ACN annexes' Funzione column) carries no words.
function merge(ours: LocalizedText | undefined, theirs: LocalizedText | undefined, code?: string): LocalizedText | undefined {
  const words = Object.fromEntries(Object.entries(theirs ?? {}).filter(([, value]) => value && value !== code)) as LocalizedText;
  if (!Object.keys(words).length) return ours;
  return { ...ours, ...words };
}

/** The shipped framework in the uploaded words: per language, a text the file gives replaces ours. */
export function withOfficialWording(shipped: Catalog, uploaded: Catalog): { catalog: Catalog; replaced: number } {
  const theirs = new Map(flattenRequirements(uploaded).map((item) => [item.node.id, item.node]));
  let replaced = 0;
  const visit = (nodes: RequirementNode[]): RequirementNode[] =>
    nodes.map((node) => {
      const other = theirs.get(node.id);
      if (other) replaced++;
      const guidance = merge(node.guidance, other?.guidance);
      return {
        ...node,
        title: merge(node.title, other?.title, node.id)!,
        ...(guidance ? { guidance } : {}),
        ...(node.children ? { children: visit(node.children) } : {}),
      };
    });
  const requirements = visit(shipped.requirements);
  const description = merge(shipped.description, uploaded.description);
  return {
    catalog: {
      ...shipped,
      version: uploaded.version,
      title: merge(shipped.title, uploaded.title)!,
      ...(description ? { description } : {}),
      requirements,
    },
    replaced,
  };
}

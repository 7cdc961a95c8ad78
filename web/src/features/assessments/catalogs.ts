import { api, ApiError, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";

// The frameworks an assessment answers against, read from the server (GET /api/frameworks), so a
// catalog the server loads is what the pages render and what the server scores.

export type LocalizedText = Schemas["LocalizedText"];
export type RequirementNode = Schemas["FrameworkRequirement"];
/** a framework without its tree: title, levels, maturity scale, counts */
export type FrameworkSummary = Schemas["FrameworkSummary"];
export type Catalog = Schemas["Framework"];

/** A requirement an assessment answers, with the function and category it sits under. */
export interface Requirement {
  id: string;
  title: LocalizedText;
  guidance?: LocalizedText;
  functionNode: RequirementNode;
  categoryNode: RequirementNode | null;
}

export async function loadCatalogs(): Promise<FrameworkSummary[]> {
  return (await unwrap(api.GET("/api/frameworks"))).items;
}

export async function loadCatalog(frameworkId: string): Promise<Catalog | null> {
  try {
    return await unwrap(api.GET("/api/frameworks/{frameworkId}", { params: { path: { frameworkId } } }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function textOf(text: LocalizedText | undefined, locale: string): string {
  if (!text) return "";
  return (locale === "en" ? (text.en ?? text.it) : (text.it ?? text.en)) ?? "";
}

/** The leaves in force at a level, in document order, as the server's requirementIdsOf. */
export function requirementsOf(catalog: Catalog, level: string | null): Requirement[] {
  const all = catalog.levels?.map((l) => l.id) ?? [];
  const out: Requirement[] = [];
  const visit = (nodes: RequirementNode[], path: RequirementNode[], inherited: string[]) => {
    for (const node of nodes) {
      const levels = node.levels ?? inherited;
      if (node.children?.length) {
        visit(node.children, [...path, node], levels);
      } else if (!level || levels.includes(level)) {
        const functionNode = path[0] ?? node;
        out.push({ id: node.id, title: node.title, guidance: node.guidance, functionNode, categoryNode: path[1] ?? null });
      }
    }
  };
  visit(catalog.requirements, [], all);
  return out;
}

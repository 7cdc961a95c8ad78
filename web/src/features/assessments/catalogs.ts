// The shipped framework catalogs (catalogs/ at the repository root), loaded on demand: the server
// has no route listing a framework's requirements yet, and these files are what it scores against.
// Each file is its own chunk, fetched only when a page needs that framework.

export interface LocalizedText {
  it?: string;
  en?: string;
}

export interface RequirementNode {
  id: string;
  kind: string;
  title: LocalizedText;
  guidance?: LocalizedText;
  levels?: string[];
  children?: RequirementNode[];
}

export interface Catalog {
  id: string;
  title: LocalizedText;
  levels?: { id: string; title: LocalizedText }[];
  maturityScale: { value: number; title: LocalizedText }[];
  requirements: RequirementNode[];
}

/** A requirement an assessment answers, with the function and category it sits under. */
export interface Requirement {
  id: string;
  title: LocalizedText;
  guidance?: LocalizedText;
  functionNode: RequirementNode;
  categoryNode: RequirementNode | null;
}

const files = import.meta.glob<{ default: Catalog }>("../../../../catalogs/*.json");

export async function loadCatalogs(): Promise<Catalog[]> {
  const loaded = await Promise.all(Object.values(files).map((load) => load()));
  return loaded.map((m) => m.default);
}

export async function loadCatalog(frameworkId: string): Promise<Catalog | null> {
  return (await loadCatalogs()).find((c) => c.id === frameworkId) ?? null;
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

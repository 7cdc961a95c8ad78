import { type Catalog, CATALOG_FORMAT_VERSION, type RequirementNode, validateCatalog } from "./catalog-format.ts";
import { type CatalogIssue, type ImportResult, failed } from "./catalog-issues.ts";
import { CSF_TIERS } from "./maturity-scales.ts";

interface OscalProp {
  name?: unknown;
  value?: unknown;
}
interface OscalPart {
  name?: unknown;
  prose?: unknown;
}
interface OscalNode {
  id?: unknown;
  class?: unknown;
  title?: unknown;
  props?: OscalProp[];
  parts?: OscalPart[];
  groups?: OscalNode[];
  controls?: OscalNode[];
}

export interface OscalImportOptions {
  frameworkId: string;
  maturityScale: Catalog["maturityScale"];
  publisher: string;
}

export const CSF_OSCAL_OPTIONS: OscalImportOptions = {
  frameworkId: "nist-csf-2.0",
  maturityScale: CSF_TIERS,
  publisher: "NIST",
};

// CSF 2.0 keeps the CSF 1.1 items it dropped, marked withdrawn, so that old references resolve.
const isWithdrawn = (node: OscalNode) =>
  (node.props ?? []).some((prop) => prop.name === "status" && String(prop.value).toLowerCase() === "withdrawn");

const prose = (node: OscalNode, name: string) => {
  const part = (node.parts ?? []).find((p) => p.name === name && typeof p.prose === "string");
  return part ? String(part.prose).trim() : undefined;
};

/** An OSCAL catalog (groups and controls, nested) -> our catalog; withdrawn items are left out. */
export function importOscalCatalog(bytes: Uint8Array, options: OscalImportOptions = CSF_OSCAL_OPTIONS): ImportResult<Catalog> {
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return failed([{ field: "file", reason: "not_json" }]);
  }
  const catalog = (document as { catalog?: { metadata?: { title?: unknown; version?: unknown }; groups?: OscalNode[] } })?.catalog;
  if (!catalog || typeof catalog !== "object") return failed([{ field: "catalog", reason: "not_oscal_catalog" }]);
  const issues: CatalogIssue[] = [];
  const convert = (nodes: OscalNode[] | undefined, path: string): RequirementNode[] =>
    (Array.isArray(nodes) ? nodes : []).flatMap((node, index) => {
      const here = `${path}[${index}]`;
      if (isWithdrawn(node)) return [];
      if (typeof node.id !== "string" || !node.id) {
        issues.push({ field: `${here}.id`, reason: "cell_required" });
        return [];
      }
      const statement = prose(node, "statement");
      const overview = prose(node, "overview");
      // CSF subcategories are titled with their own id: their words are in the statement.
      const title = node.title && node.title !== node.id ? String(node.title) : (statement ?? node.id);
      const guidance = title === statement ? undefined : (statement ?? overview);
      const children = [
        ...convert(node.groups, `${here}.groups`),
        ...convert(node.controls, `${here}.controls`),
      ];
      return [
        {
          id: node.id,
          kind: typeof node.class === "string" && /^[a-z][a-z-]*$/.test(node.class) ? node.class : "control",
          title: { en: title },
          ...(guidance ? { guidance: { en: guidance } } : {}),
          ...(children.length ? { children } : {}),
        },
      ];
    });
  const requirements = [...convert(catalog.groups, "catalog.groups"), ...convert((catalog as OscalNode).controls, "catalog.controls")];
  if (issues.length) return failed(issues);
  if (!requirements.length) return failed([{ field: "catalog.groups", reason: "no_requirements" }]);
  return validateCatalog({
    formatVersion: CATALOG_FORMAT_VERSION,
    id: options.frameworkId,
    version: String(catalog.metadata?.version ?? "1"),
    title: { en: String(catalog.metadata?.title ?? options.frameworkId) },
    publisher: options.publisher,
    maturityScale: options.maturityScale,
    requirements,
  });
}

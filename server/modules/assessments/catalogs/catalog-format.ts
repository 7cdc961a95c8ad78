import { z } from "zod";
import { type CatalogIssue, type ImportResult, failed, succeeded } from "./catalog-issues.ts";

/** Bump when a change would make an older reader misread a catalog; see docs/CATALOG-FORMAT.md. */
export const CATALOG_FORMAT_VERSION = 1;

// Official ids contain dots, dashes, spaces and brackets ("GV.OC-04", "ABSC 1 (CSC 1)"): keep them as
// published so an auditor can find them, but no control characters or leading blanks.
const requirementId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._()/-]{0,63}$/, "invalid requirement id");
const frameworkId = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, "lower-case letters, digits, dots and dashes");
const levelId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "lower-case letters, digits, dashes");

export const localizedTextSchema = z
  .strictObject({ it: z.string().trim().min(1).optional(), en: z.string().trim().min(1).optional() })
  .refine((text) => text.it !== undefined || text.en !== undefined, "give at least the Italian or the English text");
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** How much a gap on a requirement matters: 1 normal, 2 high, 3 critical (see docs/CATALOG-FORMAT.md). */
export const IMPORTANCE_VALUES = [1, 2, 3] as const;
export const DEFAULT_IMPORTANCE = 1;
export const importanceSchema = z
  .number()
  .int("importance must be 1 (normal), 2 (high) or 3 (critical)")
  .min(1, "importance must be 1 (normal), 2 (high) or 3 (critical)")
  .max(3, "importance must be 1 (normal), 2 (high) or 3 (critical)");

export const mappingSchema = z.strictObject({ framework: frameworkId, requirementId });
export type RequirementMapping = z.infer<typeof mappingSchema>;

export interface RequirementNode {
  id: string;
  /** what the framework calls this level of its tree: function, category, subcategory, measure... */
  kind: string;
  title: LocalizedText;
  guidance?: LocalizedText | undefined;
  /** ids of the framework levels this requirement applies to; absent means every level */
  levels?: string[] | undefined;
  /** weight of a gap on this requirement: 1 normal, 2 high, 3 critical; absent = the parent's, else 1 */
  importance?: number | undefined;
  mappings?: RequirementMapping[] | undefined;
  children?: RequirementNode[] | undefined;
}

export const requirementSchema: z.ZodType<RequirementNode> = z.lazy(() =>
  z.strictObject({
    id: requirementId,
    kind: z.string().regex(/^[a-z][a-z-]{0,31}$/, "lower-case word"),
    title: localizedTextSchema,
    guidance: localizedTextSchema.optional(),
    levels: z.array(levelId).min(1).optional(),
    importance: importanceSchema.optional(),
    mappings: z.array(mappingSchema).min(1).optional(),
    children: z.array(requirementSchema).min(1).optional(),
  }),
);

export const maturityStepSchema = z.strictObject({
  value: z.number().int().min(0).max(10),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
});

export const levelSchema = z.strictObject({ id: levelId, title: localizedTextSchema });

export const catalogSchema = z.strictObject({
  formatVersion: z.literal(CATALOG_FORMAT_VERSION),
  id: frameworkId,
  version: z.string().trim().min(1).max(32),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  publisher: z.string().trim().min(1).max(200),
  source: z.strictObject({ reference: z.string().optional(), url: z.url().optional() }).optional(),
  /** applicability levels, from the least to the most demanding */
  levels: z.array(levelSchema).min(1).optional(),
  maturityScale: z.array(maturityStepSchema).min(2),
  requirements: z.array(requirementSchema).min(1),
});
export type Catalog = z.infer<typeof catalogSchema>;

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    "",
  );
}

/** Checks that zod cannot express: unique ids in the whole tree, declared levels, a sane scale. */
function checkTree(catalog: Catalog): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const declared = catalog.levels?.map((level) => level.id);
  const seen = new Map<string, string>();
  const values = catalog.maturityScale.map((step) => step.value);
  if (values.some((value, index) => index > 0 && value <= values[index - 1]!))
    issues.push({ field: "maturityScale", reason: "maturity_scale_invalid" });
  const visit = (nodes: RequirementNode[], path: string, parentLevels: string[] | undefined) => {
    nodes.forEach((node, index) => {
      const here = `${path}[${index}]`;
      const first = seen.get(node.id);
      if (first) issues.push({ field: `${here}.id`, reason: "duplicate_id_path", params: { id: node.id, first } });
      else seen.set(node.id, `${here}.id`);
      for (const level of node.levels ?? []) {
        if (!declared?.includes(level))
          issues.push({ field: `${here}.levels`, reason: "level_unknown", params: { level, levels: declared?.join(", ") ?? "-" } });
        else if (parentLevels && !parentLevels.includes(level))
          issues.push({ field: `${here}.levels`, reason: "level_not_in_parent", params: { level } });
      }
      if (node.children) visit(node.children, `${here}.children`, node.levels ?? parentLevels);
    });
  };
  visit(catalog.requirements, "requirements", undefined);
  return issues;
}

/** Validates parsed JSON as a catalog; every problem is named by its JSON path. */
export function validateCatalog(input: unknown): ImportResult<Catalog> {
  const parsed = catalogSchema.safeParse(input);
  if (!parsed.success)
    return failed(
      parsed.error.issues.map((issue) => ({
        field: formatPath(issue.path) || "(catalog)",
        reason: "schema",
        params: { detail: issue.message },
      })),
    );
  const issues = checkTree(parsed.data);
  return issues.length ? failed(issues) : succeeded(parsed.data);
}

/**
 * The framework template: the spreadsheet layout we document in docs/CATALOG-FORMAT.md, used both to
 * import a framework written by hand and to export any framework. Names are stable: consultants keep
 * files for years.
 */
export const REQUIREMENT_COLUMNS = [
  "id",
  "parent_id",
  "kind",
  "title_it",
  "title_en",
  "guidance_it",
  "guidance_en",
  "levels",
  "importance",
  "mappings",
] as const;
export type RequirementColumn = (typeof REQUIREMENT_COLUMNS)[number];
export const REQUIRED_REQUIREMENT_COLUMNS: readonly RequirementColumn[] = ["id", "kind"];

export const FRAMEWORK_KEYS = [
  "formatVersion",
  "id",
  "version",
  "title_it",
  "title_en",
  "description_it",
  "description_en",
  "publisher",
  "source_reference",
  "source_url",
] as const;

export const LEVEL_COLUMNS = ["id", "title_it", "title_en"] as const;
export const MATURITY_COLUMNS = ["value", "title_it", "title_en", "description_it", "description_en"] as const;

export const SHEETS = { framework: "framework", levels: "levels", maturity: "maturity", requirements: "requirements" } as const;

/** Cell separators: ids never contain them (see the id pattern in catalog-format.ts). */
export const LIST_SEPARATOR = ";";
export const MAPPING_SEPARATOR = ":";

import type { Locale } from "../../../platform/i18n/locale.ts";
import { fillTemplate } from "../../../platform/i18n/template.ts";

/**
 * A problem found while reading a catalog or a spreadsheet. `field` names where, in a form a person
 * can find in the file: a JSON path ("requirements[2].children[0].id") or a cell
 * ("Misure di sicurezza!D12 (Codice)"). `reason` is a key of catalogMessages, translated when shown.
 */
export interface CatalogIssue {
  field: string;
  reason: CatalogMessageKey;
  params?: Record<string, string | number>;
  row?: number;
  column?: string;
}

// Kept here rather than in platform/i18n/messages.ts so this slice does not touch a shared file;
// the assessments routes can merge them when they are written.
export const catalogMessages = {
  not_a_spreadsheet: { it: "il file non è un foglio di calcolo XLSX", en: "the file is not an XLSX spreadsheet" },
  not_csv: { it: "il file non è un CSV di testo UTF-8", en: "the file is not a UTF-8 text CSV" },
  not_json: { it: "il file non è JSON valido", en: "the file is not valid JSON" },
  not_oscal_catalog: { it: "non è un catalogo OSCAL (manca \"catalog\")", en: "not an OSCAL catalog (no \"catalog\")" },
  sheet_missing: { it: "manca il foglio \"{sheet}\"", en: "sheet \"{sheet}\" is missing" },
  header_missing: {
    it: "intestazione non trovata: servono le colonne {columns}",
    en: "header not found: columns {columns} are required",
  },
  column_missing: { it: "manca la colonna \"{column}\"", en: "column \"{column}\" is missing" },
  column_unknown: {
    it: "colonna \"{column}\" non prevista; ammesse: {allowed}",
    en: "unexpected column \"{column}\"; allowed: {allowed}",
  },
  cell_required: { it: "valore obbligatorio", en: "value required" },
  duplicate_id: { it: "identificativo \"{id}\" duplicato (già alla riga {firstRow})", en: "duplicate id \"{id}\" (already at row {firstRow})" },
  duplicate_id_path: { it: "identificativo \"{id}\" duplicato (già in {first})", en: "duplicate id \"{id}\" (already at {first})" },
  parent_unknown: { it: "genitore \"{parent}\" inesistente o definito dopo", en: "parent \"{parent}\" does not exist or comes later" },
  invalid_id: { it: "identificativo \"{id}\" non valido", en: "invalid id \"{id}\"" },
  level_unknown: { it: "livello \"{level}\" non dichiarato; dichiarati: {levels}", en: "undeclared level \"{level}\"; declared: {levels}" },
  level_not_in_parent: {
    it: "livello \"{level}\" non previsto dal requisito padre",
    en: "level \"{level}\" is not allowed by the parent requirement",
  },
  level_undetermined: {
    it: "livello non determinabile: indicare \"importanti\" o \"essenziali\"",
    en: "level cannot be determined: give \"importanti\" or \"essenziali\"",
  },
  mapping_invalid: {
    it: "corrispondenza \"{value}\" non valida: atteso framework:identificativo",
    en: "invalid mapping \"{value}\": expected framework:id",
  },
  mapping_target_unknown: {
    it: "corrispondenza verso \"{framework}:{id}\" inesistente",
    en: "mapping to \"{framework}:{id}\" does not exist",
  },
  maturity_scale_invalid: {
    it: "la scala di maturità deve avere valori interi crescenti e distinti",
    en: "the maturity scale needs distinct, increasing integer values",
  },
  number_expected: { it: "atteso un numero intero, trovato \"{value}\"", en: "whole number expected, found \"{value}\"" },
  measure_changed: {
    it: "la misura \"{id}\" ha una descrizione diversa da quella della riga {firstRow}",
    en: "measure \"{id}\" has a different description than at row {firstRow}",
  },
  requirement_changed: {
    it: "il requisito \"{id}\" ha un testo diverso tra i due livelli",
    en: "requirement \"{id}\" has a different text in the two levels",
  },
  framework_duplicate: { it: "framework \"{id}\" già caricato da {file}", en: "framework \"{id}\" already loaded from {file}" },
  schema: { it: "{detail}", en: "{detail}" },
  no_requirements: { it: "nessun requisito trovato", en: "no requirements found" },
  requirement_not_in_framework: {
    it: "il requisito \"{id}\" non esiste in {framework}: per un framework diverso usa un altro id",
    en: "requirement \"{id}\" does not exist in {framework}: give a different framework another id",
  },
  csv_framework_required: {
    it: "un CSV contiene solo i requisiti: indica a quale framework si riferisce",
    en: "a CSV holds only the requirements: say which framework it belongs to",
  },
  several_files_only_acn: {
    it: "più file insieme sono ammessi solo per i due allegati ACN (XLSX)",
    en: "several files at once are accepted only for the two ACN annexes (XLSX)",
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type CatalogMessageKey = keyof typeof catalogMessages;

export function describeIssue(issue: CatalogIssue, locale: Locale): string {
  return `${issue.field}: ${fillTemplate(catalogMessages[issue.reason][locale], issue.params ?? {})}`;
}

export type ImportResult<T> = { ok: true; value: T } | { ok: false; issues: CatalogIssue[] };

export const failed = <T>(issues: CatalogIssue[]): ImportResult<T> => ({ ok: false, issues });
export const succeeded = <T>(value: T): ImportResult<T> => ({ ok: true, value });

/** Thrown where a caller cannot handle a result (loading the shipped catalogs at start-up). */
export class CatalogError extends Error {
  constructor(
    readonly source: string,
    readonly issues: CatalogIssue[],
  ) {
    super(`${source}: ${issues.slice(0, 5).map((i) => describeIssue(i, "en")).join("; ")}`);
  }
}

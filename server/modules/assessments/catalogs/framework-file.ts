import { type Catalog, validateCatalog } from "./catalog-format.ts";
import { type ImportResult, failed, succeeded } from "./catalog-issues.ts";
import { importAcnMeasures } from "./import-acn.ts";
import { importLibraryFramework } from "./import-ciso-assistant.ts";
import { importOscalCatalog } from "./import-oscal.ts";
import { type CatalogMeta, importTemplateCsv, importTemplateXlsx } from "./import-template.ts";
import { readWorkbook } from "./spreadsheet.ts";
import { SHEETS } from "./template-columns.ts";

// Which importer reads an uploaded file is told by its content, not its name: people rename files.

export const SOURCE_FORMATS = ["oscal_json", "catalog_json", "acn_xlsx", "library_xlsx", "template_xlsx", "template_csv"] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface FrameworkFile {
  bytes: Uint8Array;
  fileName: string;
}

export interface ImportedFramework {
  catalog: Catalog;
  format: SourceFormat;
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
const startsWithBrace = (bytes: Uint8Array) => {
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, "").trimStart();
  return head.startsWith("{");
};

function importJson(bytes: Uint8Array): ImportResult<ImportedFramework> {
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, ""));
  } catch {
    return failed([{ field: "file", reason: "not_json" }]);
  }
  if (document && typeof document === "object" && "formatVersion" in document) {
    const result = validateCatalog(document);
    return result.ok ? succeeded({ catalog: result.value, format: "catalog_json" }) : result;
  }
  const result = importOscalCatalog(bytes);
  return result.ok ? succeeded({ catalog: result.value, format: "oscal_json" }) : result;
}

const tagged = (format: SourceFormat) => (result: ImportResult<Catalog>): ImportResult<ImportedFramework> =>
  result.ok ? succeeded({ catalog: result.value, format }) : result;

/**
 * One file (OSCAL or our JSON, our XLSX or CSV template, an ACN annex, a CISO Assistant library
 * workbook) or both ACN annexes at once. A CSV carries only requirements: `csvMeta` gives the
 * framework it belongs to, or undefined when the uploader named none.
 */
export async function importFrameworkFiles(files: FrameworkFile[], csvMeta: CatalogMeta | undefined): Promise<ImportResult<ImportedFramework>> {
  if (files.length > 1) {
    if (!files.every((file) => isZip(file.bytes))) return failed([{ field: "file", reason: "several_files_only_acn" }]);
    return tagged("acn_xlsx")(await importAcnMeasures(files.map((file) => ({ bytes: file.bytes }))));
  }
  const bytes = files[0]!.bytes;
  if (startsWithBrace(bytes)) return importJson(bytes);
  if (isZip(bytes)) {
    const workbook = await readWorkbook(bytes);
    if (!workbook.ok) return workbook;
    const names = new Set(workbook.value.map((sheet) => sheet.name));
    if (Object.values(SHEETS).every((name) => names.has(name))) return tagged("template_xlsx")(await importTemplateXlsx(bytes));
    if (names.has("req_content")) return tagged("library_xlsx")(await importLibraryFramework(bytes));
    return tagged("acn_xlsx")(await importAcnMeasures([{ bytes }]));
  }
  if (!csvMeta) return failed([{ field: "frameworkId", reason: "csv_framework_required" }]);
  return tagged("template_csv")(importTemplateCsv(bytes, csvMeta));
}

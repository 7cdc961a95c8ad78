import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CatalogError, type CatalogIssue, describeIssue } from "./catalog-issues.ts";
import { loadCatalogs } from "./catalog-loader.ts";
import { templateSheets } from "./export-template.ts";
import { importAcnMeasures } from "./import-acn.ts";
import { importLibraryFramework } from "./import-ciso-assistant.ts";
import { importOscalCatalog } from "./import-oscal.ts";
import { importTemplateCsv, importTemplateXlsx } from "./import-template.ts";
import { referenceFile } from "./official-files.test-helper.ts";
import { readWorkbook, writeWorkbook } from "./spreadsheet.ts";

const registry = await loadCatalogs();
const csf = registry.get("nist-csf-2.0")!;
const text = (s: string) => new TextEncoder().encode(s);

function issuesOf(result: { ok: boolean; issues?: CatalogIssue[] }): CatalogIssue[] {
  expect(result.ok).toBe(false);
  return result.issues!;
}

/** Reads an official workbook, lets the test damage it, writes it back. */
async function edited(name: string, edit: (rows: string[][]) => void) {
  const sheets = await readWorkbook(referenceFile(name));
  if (!sheets.ok) throw new Error("unreadable reference file");
  const sheet = sheets.value.find((s) => s.name === "Misure di sicurezza" || s.name === "req_content")!;
  edit(sheet.rows);
  return writeWorkbook(sheets.value);
}

describe("importers refuse bad files, naming where", () => {
  it("a file that is not a spreadsheet", async () => {
    const notXlsx = text("Funzione,Categoria\nGV,GV.OC\n");
    for (const result of [
      await importAcnMeasures([{ bytes: notXlsx }]),
      await importLibraryFramework(notXlsx),
      await importTemplateXlsx(notXlsx),
      await importTemplateXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])), // a zip header and nothing else
    ])
      expect(issuesOf(result)[0]).toMatchObject({ field: "file", reason: "not_a_spreadsheet" });
    expect(issuesOf(importOscalCatalog(text("<catalog/>")))[0]?.reason).toBe("not_json");
    expect(issuesOf(importOscalCatalog(text("{}")))[0]?.reason).toBe("not_oscal_catalog");
    expect(issuesOf(importTemplateCsv(new Uint8Array([0x50, 0x4b, 0, 0]), csf))[0]?.reason).toBe("not_csv");
  });

  it("our XLSX template with a wrong column", async () => {
    const sheets = templateSheets(csf);
    sheets.find((s) => s.name === "requirements")!.rows[0]![3] = "titolo";
    const issues = issuesOf(await importTemplateXlsx(await writeWorkbook(sheets)));
    expect(issues[0]).toMatchObject({ field: "requirements!D1", row: 1, column: "D", reason: "column_unknown" });
    expect(describeIssue(issues[0]!, "it")).toContain('colonna "titolo" non prevista');
  });

  it("our XLSX template with a duplicate id, an unknown parent and an undeclared level", async () => {
    const sheets = templateSheets(csf);
    const rows = sheets.find((s) => s.name === "requirements")!.rows;
    rows[5]![0] = rows[3]![0]!; // row 6 repeats the id of row 4
    rows[7]![1] = "XX.YY"; // row 8: a parent that does not exist
    rows[9]![7] = "essenziali"; // row 10: CSF declares no levels
    const issues = issuesOf(await importTemplateXlsx(await writeWorkbook(sheets)));
    expect(issues).toEqual([
      expect.objectContaining({ field: "requirements!A6 (id)", row: 6, column: "id", reason: "duplicate_id", params: { id: rows[3]![0], firstRow: 4 } }),
      expect.objectContaining({ field: "requirements!B8 (parent_id)", row: 8, column: "parent_id", reason: "parent_unknown" }),
      expect.objectContaining({ field: "requirements!H10 (levels)", row: 10, column: "levels", reason: "level_unknown" }),
    ]);
  });

  it("our CSV template with a duplicate id and a bad mapping", () => {
    const csv = "id,parent_id,kind,title_it,mappings\nA,,area,Area,\nA,,area,Ancora,\nB,,area,Bi,nist-csf-2.0\n";
    const issues = issuesOf(importTemplateCsv(text(csv), csf));
    expect(issues.map((i) => i.field)).toEqual(["csv!A3 (id)", "csv!E4 (mappings)"]);
    expect(issues.map((i) => i.reason)).toEqual(["duplicate_id", "mapping_invalid"]);
  });

  it("an ACN annex with a wrong column or a bad cell", async () => {
    const renamed = await edited("acn-nis-misure-base-importanti.xlsx", (rows) => (rows[1]![4] = "Numero punto"));
    expect(issuesOf(await importAcnMeasures([{ bytes: renamed }]))).toEqual([
      expect.objectContaining({ field: "Misure di sicurezza!2", row: 2, column: "Punto", reason: "column_missing" }),
    ]);
    const badCells = await edited("acn-nis-misure-base-essenziali.xlsx", (rows) => {
      rows[4]![4] = "due"; // row 5, Punto
      rows[6]![2] = "GV-RR.02"; // row 7, Codice
    });
    expect(issuesOf(await importAcnMeasures([{ bytes: badCells }]))).toEqual([
      expect.objectContaining({ field: "Misure di sicurezza!E5 (Punto)", reason: "number_expected", params: { value: "due" } }),
      expect.objectContaining({ field: "Misure di sicurezza!C7 (Codice)", reason: "invalid_id" }),
    ]);
  });

  it("an ACN annex whose level cannot be told", async () => {
    const untitled = await edited("acn-nis-misure-base-importanti.xlsx", (rows) => (rows[0] = []));
    const issues = issuesOf(await importAcnMeasures([{ bytes: untitled }]));
    expect(issues[0]).toMatchObject({ field: "Misure di sicurezza!A3", reason: "level_undetermined" });
    const given = await importAcnMeasures([{ bytes: untitled, level: "importanti" }]);
    expect(given.ok).toBe(true);
  });

  it("an AgID/CISO Assistant workbook with a duplicate ref_id or an unknown group", async () => {
    const damaged = await edited("agid-misure-minime.xlsx", (rows) => {
      rows[3]![3] = "ABSC 1.1.1"; // row 4 repeats row 3
      rows[4]![2] = "M,X"; // row 5: no group X
    });
    expect(issuesOf(await importLibraryFramework(damaged))).toEqual([
      expect.objectContaining({ field: "req_content!D4 (ref_id)", reason: "duplicate_id", params: { id: "ABSC 1.1.1", firstRow: 3 } }),
      expect.objectContaining({ field: "req_content!C5 (implementation_groups)", reason: "level_unknown" }),
    ]);
  });

  it("OSCAL with a control that has no id", () => {
    const broken = { catalog: { metadata: { title: "x" }, groups: [{ id: "GV", class: "function", title: "G", controls: [{ class: "category", title: "no id" }] }] } };
    expect(issuesOf(importOscalCatalog(text(JSON.stringify(broken))))[0]?.field).toBe("catalog.groups[0].controls[0].id");
  });

  it("the loader names the file and the JSON path of a broken catalog, and unresolved mappings", async () => {
    const dir = await mkdtemp(join(tmpdir(), "catalogs-"));
    const broken = { ...csf, requirements: [{ ...csf.requirements[0], id: "" }] };
    await writeFile(join(dir, "broken.json"), JSON.stringify(broken));
    const error = await loadCatalogs(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).source).toBe("broken.json");
    expect((error as CatalogError).issues[0]?.field).toBe("requirements[0].id");

    const dangling = await mkdtemp(join(tmpdir(), "catalogs-"));
    await writeFile(join(dangling, "acn.json"), JSON.stringify(registry.get("acn-nis2-misure-base")));
    const unresolved = (await loadCatalogs(dangling).catch((e: unknown) => e)) as CatalogError;
    expect(unresolved.issues[0]).toMatchObject({ reason: "mapping_target_unknown", params: { framework: "nist-csf-2.0", id: "GV.OC-04" } });
  });
});

describe("requirement importance", () => {
  it("the loader refuses an importance outside 1-3, naming the file and the JSON path", async () => {
    const dir = await mkdtemp(join(tmpdir(), "catalogs-"));
    const [fn] = csf.requirements;
    const category = { ...fn!.children![0]!, importance: 4 };
    await writeFile(join(dir, "csf.json"), JSON.stringify({ ...csf, requirements: [{ ...fn, children: [category, ...fn!.children!.slice(1)] }, ...csf.requirements.slice(1)] }));
    const error = (await loadCatalogs(dir).catch((e: unknown) => e)) as CatalogError;
    expect(error).toBeInstanceOf(CatalogError);
    expect(error.source).toBe("csf.json");
    expect(error.issues).toEqual([
      { field: "requirements[0].children[0].importance", reason: "schema", params: { detail: "importance must be 1 (normal), 2 (high) or 3 (critical)" } },
    ]);
    await writeFile(join(dir, "csf.json"), JSON.stringify({ ...csf, requirements: [{ ...fn, importance: 1.5 }, ...csf.requirements.slice(1)] }));
    const fraction = (await loadCatalogs(dir).catch((e: unknown) => e)) as CatalogError;
    expect(fraction.issues.map((i) => i.field)).toEqual(["requirements[0].importance"]);
  });

  it("travels through the template: a bad cell is named by row and column", async () => {
    const sheets = templateSheets(registry.get("acn-nis2-misure-base")!);
    const rows = sheets.find((s) => s.name === "requirements")!.rows;
    const column = rows[0]!.indexOf("importance");
    const backup = rows.findIndex((r) => r[0] === "PR.DS-11");
    expect(rows[backup]![column]).toBe("3");
    rows[backup]![column] = "alta";
    const point = rows.findIndex((r) => r[0] === "PR.DS-11.1");
    expect(rows[point]![column]).toBe("");
    rows[point]![column] = "5";
    const issues = issuesOf(await importTemplateXlsx(await writeWorkbook(sheets)));
    expect(issues.map((i) => [i.field, i.reason])).toEqual([[`requirements!${String.fromCharCode(65 + column)}${backup + 1} (importance)`, "number_expected"]]);
    rows[backup]![column] = "3";
    const range = issuesOf(await importTemplateXlsx(await writeWorkbook(sheets)));
    expect(range.map((i) => [i.field, i.reason])).toEqual([[`requirements!${point + 1} (importance)`, "schema"]]);
  });
});

describe("ACN consolidated layout", () => {
  it("reads one sheet with merged measure cells and per-level columns", async () => {
    const rows = [
      ["Misure di sicurezza di base (testo consolidato)"],
      ["Funzione", "Categoria", "Codice", "Descrizione", "Punto", "Requisito", "Importanti", "Essenziali"],
      ["GV", "GV.OC", "GV.OC-04", "Servizi critici", "1", "Elenco dei sistemi", "X", "X"],
      ["", "", "", "", "2", "Elenco dei flussi", "", "X"],
      ["ID", "ID.AM", "ID.AM-03", "Flussi", "1", "Inventario flussi", "", "X"],
    ];
    const result = await importAcnMeasures([{ bytes: await writeWorkbook([{ name: "Misure", rows }]) }]);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const measure = result.value.requirements[0]!.children![0]!.children![0]!;
    expect(measure.children!.map((r) => [r.id, r.levels ?? "all"])).toEqual([
      ["GV.OC-04.1", "all"],
      ["GV.OC-04.2", ["essenziali"]],
    ]);
    expect(result.value.requirements[1]?.levels).toEqual(["essenziali"]);
  });
});

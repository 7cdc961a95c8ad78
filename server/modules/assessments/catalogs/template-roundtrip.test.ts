import { describe, expect, it } from "vitest";
import { loadCatalogs } from "./catalog-loader.ts";
import { exportTemplateCsv, exportTemplateXlsx } from "./export-template.ts";
import { importTemplateCsv, importTemplateXlsx } from "./import-template.ts";

const registry = await loadCatalogs();

describe("framework template round trip", () => {
  for (const catalog of registry.catalogs) {
    it(`${catalog.id}: XLSX export then import gives the same catalog`, async () => {
      const result = await importTemplateXlsx(await exportTemplateXlsx(catalog));
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(result.value).toEqual(catalog);
    });

    it(`${catalog.id}: CSV export then import gives the same catalog`, () => {
      const { requirements, ...meta } = catalog;
      const result = importTemplateCsv(new TextEncoder().encode(exportTemplateCsv(catalog)), meta);
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(result.value.requirements).toEqual(requirements);
    });
  }

  it("reads a CSV saved by Italian Excel (semicolons, BOM, CRLF)", () => {
    const csv = "\uFEFFid;parent_id;kind;title_it;title_en\r\nA;;area;Area;Area\r\nA.1;A;control;\"Voce; con punto e virgola\";Item\r\n";
    const result = importTemplateCsv(new TextEncoder().encode(csv), {
      formatVersion: 1,
      id: "custom",
      version: "1",
      title: { it: "Personalizzato" },
      publisher: "Comune",
      maturityScale: [
        { value: 0, title: { it: "No" } },
        { value: 1, title: { it: "Sì" } },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.requirements[0]?.children?.[0]?.title).toEqual({ it: "Voce; con punto e virgola", en: "Item" });
  });
});

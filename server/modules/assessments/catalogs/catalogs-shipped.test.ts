import { describe, expect, it } from "vitest";
import type { Catalog } from "./catalog-format.ts";
import { loadCatalogs } from "./catalog-loader.ts";
import { countByKind, flattenRequirements } from "./catalog-tree.ts";
import { importAcnMeasures } from "./import-acn.ts";
import { importLibraryFramework } from "./import-ciso-assistant.ts";
import { importOscalCatalog } from "./import-oscal.ts";
import { referenceFile } from "./official-files.test-helper.ts";

function unwrap<T>(result: { ok: true; value: T } | { ok: false; issues: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.issues).slice(0, 2000));
  return result.value;
}

/** What must match the official files exactly: ids, tree, kinds, levels in force, mappings. */
const skeleton = (catalog: Catalog) =>
  flattenRequirements(catalog).map(({ node, parentId, effectiveLevels }) => ({
    id: node.id,
    parentId,
    kind: node.kind,
    levels: effectiveLevels.join(","),
    mappings: (node.mappings ?? []).map((m) => `${m.framework}:${m.requirementId}`).join(","),
  }));

const registry = await loadCatalogs();
const shipped = (id: string) => registry.get(id)!;

describe("shipped catalogs", () => {
  it("load, validate and resolve every mapping", () => {
    expect(registry.catalogs.map((c) => c.id).sort()).toEqual(["acn-nis2-misure-base", "agid-misure-minime", "nist-csf-2.0"]);
  });

  it("NIST CSF 2.0 matches the OSCAL catalog: 6 functions, 22 categories, 106 subcategories, tiers 1-4", () => {
    const official = unwrap(importOscalCatalog(referenceFile("nist-csf-2.0-oscal.json")));
    const ours = shipped("nist-csf-2.0");
    expect(skeleton(ours)).toEqual(skeleton(official));
    expect(countByKind(ours)).toEqual({ function: 6, category: 22, subcategory: 106 });
    expect(ours.maturityScale.map((s) => s.value)).toEqual([1, 2, 3, 4]);
    const ids = flattenRequirements(ours).map((f) => f.node.id);
    expect(ids).not.toContain("ID.AM-06"); // withdrawn CSF 1.1 subcategory
    expect(ids).not.toContain("PR.AC"); // withdrawn CSF 1.1 category
  });

  it("ACN measures match both annexes: levels, counts and the CSF mapping of each measure", async () => {
    const official = unwrap(
      await importAcnMeasures([
        { bytes: referenceFile("acn-nis-misure-base-importanti.xlsx") },
        { bytes: referenceFile("acn-nis-misure-base-essenziali.xlsx") },
      ]),
    );
    const ours = shipped("acn-nis2-misure-base");
    expect(skeleton(ours)).toEqual(skeleton(official));
    expect(ours.levels?.map((l) => l.id)).toEqual(["importanti", "essenziali"]);
    expect(countByKind(ours, "importanti")).toMatchObject({ measure: 37, requirement: 87 });
    expect(countByKind(ours, "essenziali")).toMatchObject({ measure: 43, requirement: 116 });
    for (const { node } of flattenRequirements(ours).filter((f) => f.node.kind === "measure")) {
      expect(node.mappings).toEqual([{ framework: "nist-csf-2.0", requirementId: node.id }]);
      expect(registry.requirement("nist-csf-2.0", node.id)?.kind).toBe("subcategory");
    }
  });

  it("each annex on its own gives the same requirements as its level in the shipped catalog", async () => {
    const ours = shipped("acn-nis2-misure-base");
    for (const level of ["importanti", "essenziali"] as const) {
      const annex = unwrap(await importAcnMeasures([{ bytes: referenceFile(`acn-nis-misure-base-${level}.xlsx`) }]));
      const inAnnex = flattenRequirements(annex).filter((f) => f.node.kind === "requirement").map((f) => f.node.id);
      const inLevel = flattenRequirements(ours)
        .filter((f) => f.node.kind === "requirement" && f.effectiveLevels.includes(level))
        .map((f) => f.node.id);
      expect(inLevel).toEqual(inAnnex);
    }
  });

  it("AgID Misure minime match the transcription: 8 families, 121 controls, levels minimo/standard/alto", async () => {
    const official = unwrap(await importLibraryFramework(referenceFile("agid-misure-minime.xlsx")));
    const ours = shipped("agid-misure-minime");
    expect(skeleton(ours)).toEqual(skeleton(official));
    expect(countByKind(ours)).toEqual({ family: 8, control: 121 });
    expect(ours.levels?.map((l) => l.id)).toEqual(["minimo", "standard", "alto"]);
    expect(flattenRequirements(ours).filter((f) => f.node.kind === "family").map((f) => f.node.id)).toEqual(
      [1, 2, 3, 4, 5, 8, 10, 13].map((n) => `ABSC ${n} (CSC ${n})`),
    );
    expect(countByKind(ours, "minimo").control).toBeLessThan(countByKind(ours, "standard").control!);
  });

  it("are in our words: Italian and English title and guidance everywhere, never the official text", async () => {
    const officials = [
      unwrap(importOscalCatalog(referenceFile("nist-csf-2.0-oscal.json"))),
      unwrap(await importAcnMeasures([{ bytes: referenceFile("acn-nis-misure-base-essenziali.xlsx") }])),
      unwrap(await importLibraryFramework(referenceFile("agid-misure-minime.xlsx"))),
    ];
    const officialText = new Set(
      officials.flatMap((c) => flattenRequirements(c).flatMap(({ node }) => [node.title.it, node.title.en, node.guidance?.it, node.guidance?.en])),
    );
    for (const catalog of registry.catalogs)
      for (const { node } of flattenRequirements(catalog)) {
        expect([node.id, node.title.it, node.title.en, node.guidance?.it, node.guidance?.en].every(Boolean)).toBe(true);
        for (const text of [node.title.it, node.title.en, node.guidance?.it, node.guidance?.en])
          if (text && text.length > 12) expect(officialText.has(text), `${catalog.id} ${node.id}: "${text}"`).toBe(false);
      }
  });
});

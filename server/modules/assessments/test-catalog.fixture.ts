import { validateCatalog, type Catalog } from "./catalogs/catalog-format.ts";

// A small framework shaped like CSF 2.0, so tests can check numbers by hand and do not depend on
// the shipped catalogs. GV.RM-01 applies only at the "alto" level.
const leaf = (id: string, levels?: string[]) => ({ id, kind: "subcategory", title: { it: `Requisito ${id}`, en: `Requirement ${id}` }, ...(levels ? { levels } : {}) });

const result = validateCatalog({
  formatVersion: 1,
  id: "prova-csf",
  version: "1.0",
  title: { it: "Framework di prova", en: "Test framework" },
  publisher: "Cittadella",
  levels: [
    { id: "base", title: { it: "Base" } },
    { id: "alto", title: { it: "Alto" } },
  ],
  maturityScale: [1, 2, 3, 4].map((value) => ({ value, title: { it: `Livello ${value}` } })),
  requirements: [
    {
      id: "GV",
      kind: "function",
      title: { it: "Governare", en: "Govern" },
      children: [
        { id: "GV.OC", kind: "category", title: { it: "Contesto" }, children: [leaf("GV.OC-01"), leaf("GV.OC-02")] },
        { id: "GV.RM", kind: "category", title: { it: "Rischio" }, children: [leaf("GV.RM-01", ["alto"])] },
      ],
    },
    {
      id: "PR",
      kind: "function",
      title: { it: "Proteggere", en: "Protect" },
      children: [{ id: "PR.AA", kind: "category", title: { it: "Accessi" }, children: [leaf("PR.AA-01"), leaf("PR.AA-02")] }],
    },
  ],
});
if (!result.ok) throw new Error(`test catalog invalid: ${JSON.stringify(result.issues)}`);
export const testCatalog: Catalog = result.value;

// A small measures framework mapped onto prova-csf, as the ACN measures map onto CSF 2.0: two
// measures map to GV.OC-01 (the weaker answer wins), one maps to nothing in force at "base".
const measure = (id: string, targets: string[]) => ({
  id,
  kind: "measure",
  title: { it: `Misura ${id}` },
  mappings: targets.map((requirementId) => ({ framework: "prova-csf", requirementId })),
});
const mapped = validateCatalog({
  formatVersion: 1,
  id: "prova-misure",
  version: "1.0",
  title: { it: "Misure di prova" },
  publisher: "Cittadella",
  maturityScale: [1, 2, 3, 4].map((value) => ({ value, title: { it: `Livello ${value}` } })),
  requirements: [
    {
      id: "M",
      kind: "function",
      title: { it: "Misure" },
      children: [
        {
          id: "M.1",
          kind: "category",
          title: { it: "Gruppo" },
          children: [measure("M-01", ["GV.OC-01"]), measure("M-02", ["GV.OC-01", "PR.AA-01"]), measure("M-03", ["GV.RM-01"]), measure("M-04", ["PR.AA-02"])],
        },
      ],
    },
  ],
});
if (!mapped.ok) throw new Error(`mapped test catalog invalid: ${JSON.stringify(mapped.issues)}`);
export const mappedTestCatalog: Catalog = mapped.value;

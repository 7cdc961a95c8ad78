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

import type { Catalog } from "./catalog-format.ts";

// Our wording of the scales; the importers use the same ones so an imported official catalog and the
// shipped one can be assessed on the same scale.

/** The four CSF 2.0 tiers, used as the maturity of each subcategory. */
export const CSF_TIERS: Catalog["maturityScale"] = [
  {
    value: 1,
    title: { it: "Parziale", en: "Partial" },
    description: { it: "Pratiche occasionali, decise caso per caso.", en: "Ad hoc practices, decided case by case." },
  },
  {
    value: 2,
    title: { it: "Informato dal rischio", en: "Risk informed" },
    description: {
      it: "Pratiche approvate dalla direzione ma non ancora politica dell'ente.",
      en: "Practices approved by management but not yet organisation-wide policy.",
    },
  },
  {
    value: 3,
    title: { it: "Ripetibile", en: "Repeatable" },
    description: {
      it: "Pratiche formalizzate come politica e aggiornate con regolarità.",
      en: "Practices set as policy and updated regularly.",
    },
  },
  {
    value: 4,
    title: { it: "Adattivo", en: "Adaptive" },
    description: {
      it: "Pratiche migliorate di continuo in base a esperienza e indicatori.",
      en: "Practices improved continuously from lessons learned and indicators.",
    },
  },
];

/** A five-step capability scale (the one of the AgID transcription and of common maturity models). */
export const CAPABILITY_SCALE: Catalog["maturityScale"] = [
  { value: 1, title: { it: "Iniziale", en: "Initial" }, description: { it: "Nessun processo formale.", en: "No formal process." } },
  { value: 2, title: { it: "Ripetibile", en: "Repeatable" }, description: { it: "Processo informale, svolto con regolarità.", en: "Informal process, carried out regularly." } },
  { value: 3, title: { it: "Definito", en: "Defined" }, description: { it: "Processo documentato e approvato, con poche eccezioni.", en: "Documented, approved process with few exceptions." } },
  { value: 4, title: { it: "Gestito", en: "Managed" }, description: { it: "Processo misurato con indicatori e obiettivi.", en: "Process measured against indicators and targets." } },
  { value: 5, title: { it: "Ottimizzato", en: "Optimised" }, description: { it: "Processo migliorato di continuo.", en: "Process continuously improved." } },
];

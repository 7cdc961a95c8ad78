import type { Locale } from "../../../platform/i18n/locale.ts";
import { fillTemplate } from "../../../platform/i18n/template.ts";
import type { LocalizedText } from "../catalogs/catalog-format.ts";

// Every word the PDF report prints, Italian first. Kept beside the report rather than in the API
// error messages: these are document wording, not replies.
const text = {
  reportTitle: { it: "Rapporto di valutazione della sicurezza", en: "Security assessment report" },
  organisation: { it: "Organizzazione", en: "Organisation" },
  assessment: { it: "Valutazione", en: "Assessment" },
  framework: { it: "Framework", en: "Framework" },
  level: { it: "Livello", en: "Level" },
  scope: { it: "Perimetro", en: "Scope" },
  wholeEntity: { it: "Intero ente", en: "Whole entity" },
  status: { it: "Stato", en: "Status" },
  draft: { it: "Bozza", en: "Draft" },
  in_review: { it: "In revisione", en: "In review" },
  approved: { it: "Approvata", en: "Approved" },
  startedOn: { it: "Avviata il", en: "Started on" },
  targetDate: { it: "Data obiettivo", en: "Target date" },
  approvedOn: { it: "Approvata il", en: "Approved on" },
  generatedOn: { it: "Generato il", en: "Generated on" },
  summaryTitle: { it: "Sintesi", en: "Executive summary" },
  compliance: { it: "Conformità complessiva", en: "Overall compliance" },
  maturity: { it: "Maturità media (attuale / obiettivo)", en: "Average maturity (current / target)" },
  answered: { it: "Requisiti con risposta", en: "Requirements answered" },
  notApplicable: { it: "Non applicabili", en: "Not applicable" },
  gapCount: { it: "Scostamenti dall'obiettivo", en: "Gaps to target" },
  formula: {
    it: "Come si calcola: conformità % = 100 × (attuati + 0,5 × parzialmente attuati) / (requisiti - non applicabili); un requisito senza risposta conta come non attuato. La maturità media è la media dei livelli indicati, esclusi i non applicabili. Uno scostamento è (maturità obiettivo - attuale) × importanza del requisito.",
    en: "How it is computed: compliance % = 100 × (implemented + 0.5 × partially implemented) / (requirements - not applicable); a requirement not answered yet counts as not implemented. Average maturity is the mean of the levels given, not applicable excluded. A gap is (target maturity - current) × the requirement's importance.",
  },
  functionsTitle: { it: "Risultati per funzione", en: "Findings by function" },
  chartCaption: {
    it: "Maturità media per funzione: attuale (barra piena) e obiettivo (barra chiara). I valori sono nella tabella.",
    en: "Average maturity by function: current (solid bar) and target (light bar). The figures are in the table.",
  },
  current: { it: "Attuale", en: "Current" },
  target: { it: "Obiettivo", en: "Target" },
  functionCol: { it: "Funzione", en: "Function" },
  requirementsCol: { it: "Requisiti", en: "Requirements" },
  complianceCol: { it: "Conformità", en: "Compliance" },
  currentCol: { it: "Maturità attuale", en: "Current maturity" },
  targetCol: { it: "Maturità obiettivo", en: "Target maturity" },
  gapsTitle: { it: "Scostamenti principali", en: "Main gaps" },
  gapsIntro: {
    it: "In ordine di distanza dall'obiettivo pesata per l'importanza del requisito.",
    en: "Ordered by distance to target weighted by the requirement's importance.",
  },
  gapsMore: { it: "Altri {count} scostamenti non sono elencati.", en: "{count} more gaps are not listed." },
  noGaps: { it: "Nessuno scostamento dall'obiettivo.", en: "No gap to target." },
  requirementCol: { it: "Requisito", en: "Requirement" },
  titleCol: { it: "Titolo", en: "Title" },
  distanceCol: { it: "Scostamento", en: "Gap" },
  importanceCol: { it: "Importanza", en: "Importance" },
  importance1: { it: "normale", en: "normal" },
  importance2: { it: "alta", en: "high" },
  importance3: { it: "critica", en: "critical" },
  evidenceTitle: { it: "Evidenze", en: "Evidence" },
  noEvidence: { it: "Nessuna evidenza registrata.", en: "No evidence recorded." },
  evidenceCol: { it: "Evidenza", en: "Evidence" },
  expiresCol: { it: "Scadenza", en: "Expires" },
  expired: { it: "SCADUTA", en: "EXPIRED" },
  signOffTitle: { it: "Approvazione", en: "Sign-off" },
  signedBy: { it: "Approvata da {name} il {date}.", en: "Approved by {name} on {date}." },
  notSigned: {
    it: "Questa valutazione non è ancora approvata: il documento è una bozza.",
    en: "This assessment is not approved yet: this document is a draft.",
  },
  watermark: { it: "BOZZA", en: "DRAFT" },
  page: { it: "Pagina {n} di {total}", en: "Page {n} of {total}" },
} satisfies Record<string, Record<Locale, string>>;

export type ReportTextKey = keyof typeof text;

export function say(locale: Locale, key: ReportTextKey, params: Record<string, string | number> = {}): string {
  return fillTemplate(text[key][locale], params);
}

/** A catalog's text in the report's language, falling back to the other one. */
export const pick = (value: LocalizedText | null | undefined, locale: Locale): string =>
  value ? (value[locale] ?? value.it ?? value.en ?? "") : "";

export function formatDate(value: Date | string | null, locale: Locale): string {
  if (!value) return "-";
  const date = typeof value === "string" ? new Date(`${value}T00:00:00Z`) : value;
  return new Intl.DateTimeFormat(locale === "it" ? "it-IT" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Rome" }).format(date);
}

export function formatNumber(value: number | null, locale: Locale, digits = 1): string {
  if (value === null) return "-";
  return new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

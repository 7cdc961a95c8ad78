import type { Locale } from "../../platform/i18n/locale.ts";
import { fillTemplate } from "../../platform/i18n/template.ts";

// Every word the register's XLSX and PDF print, Italian first: document wording, not API replies.
const text = {
  registerTitle: { it: "Registro dei rischi", en: "Risk register" },
  sheetRisks: { it: "Rischi", en: "Risks" },
  sheetMatrix: { it: "Matrice", en: "Matrix" },
  ref: { it: "Rif.", en: "Ref." },
  title: { it: "Titolo", en: "Title" },
  description: { it: "Descrizione", en: "Description" },
  threat: { it: "Minaccia", en: "Threat" },
  affectedServices: { it: "Servizi coinvolti", en: "Affected services" },
  owner: { it: "Responsabile", en: "Owner" },
  status: { it: "Stato", en: "Status" },
  open: { it: "Aperto", en: "Open" },
  closed: { it: "Chiuso", en: "Closed" },
  inherent: { it: "Inerente", en: "Inherent" },
  current: { it: "Attuale", en: "Current" },
  residual: { it: "Residuo", en: "Residual" },
  likelihood: { it: "probabilità", en: "likelihood" },
  impact: { it: "impatto", en: "impact" },
  level: { it: "livello", en: "level" },
  treatment: { it: "Trattamento", en: "Treatment" },
  treatmentNotes: { it: "Note sul trattamento", en: "Treatment notes" },
  mitigate: { it: "Mitigare", en: "Mitigate" },
  accept: { it: "Accettare", en: "Accept" },
  transfer: { it: "Trasferire", en: "Transfer" },
  avoid: { it: "Evitare", en: "Avoid" },
  undecided: { it: "Da decidere", en: "Undecided" },
  acceptedBy: { it: "Accettato da", en: "Accepted by" },
  acceptanceReason: { it: "Motivo dell'accettazione", en: "Reason for acceptance" },
  acceptanceExpiresOn: { it: "Accettazione valida fino al", en: "Acceptance valid until" },
  nextReviewOn: { it: "Prossimo riesame", en: "Next review" },
  lastReviewedAt: { it: "Ultimo riesame", en: "Last reviewed" },
  gaps: { it: "Scostamenti collegati", en: "Linked gaps" },
  low: { it: "Basso", en: "Low" },
  medium: { it: "Medio", en: "Medium" },
  high: { it: "Alto", en: "High" },
  critical: { it: "Critico", en: "Critical" },
  generatedOn: { it: "Generato il {date}", en: "Generated on {date}" },
  summary: { it: "{count} rischi, {open} aperti", en: "{count} risks, {open} open" },
  byLevel: { it: "Rischi aperti per livello attuale", en: "Open risks by current level" },
  scoringNote: {
    it: "Il livello viene dalla matrice dei rischi dell'ente: probabilità per impatto, dove l'impatto è il peggiore tra servizio ai cittadini, dati personali, aspetti legali, economici e reputazionali. Il livello attuale è quello inerente finché non è stimato.",
    en: "The level comes from the entity's risk matrix: likelihood by impact, where the impact is the worst of service to citizens, personal data, legal, financial and reputation. The current level is the inherent one until it is estimated.",
  },
  page: { it: "Pagina {n} di {total}", en: "Page {n} of {total}" },
  none: { it: "Nessun rischio nel registro.", en: "No risks in the register." },
} as const;

export type ExportWord = keyof typeof text;

export const say = (locale: Locale, key: ExportWord, params: Record<string, string | number> = {}) => fillTemplate(text[key][locale], params, "");

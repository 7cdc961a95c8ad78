import type { Locale } from "../../platform/i18n/locale.ts";

// Words of the roadmap as people read them in exports, the calendar feed and mail, Italian first.

const words = {
  it: {
    status: { planned: "Pianificata", in_progress: "In corso", blocked: "Bloccata", done: "Completata", cancelled: "Annullata" },
    csfFunction: { govern: "Governare", identify: "Identificare", protect: "Proteggere", detect: "Rilevare", respond: "Rispondere", recover: "Ripristinare" },
    priority: { low: "Bassa", medium: "Media", high: "Alta", critical: "Critica" },
    effort: { small: "Piccolo", medium: "Medio", large: "Grande" },
    columns: {
      ref: "Rif.",
      title: "Azione",
      csfFunction: "Funzione",
      ownerOrg: "Chi la realizza",
      ownerUser: "Referente",
      priority: "Priorità",
      priorityReason: "Motivo della priorità",
      effort: "Impegno",
      cost: "Costo stimato (€)",
      startOn: "Inizio",
      dueOn: "Scadenza",
      status: "Stato",
      progress: "Avanzamento %",
      late: "In ritardo",
      risks: "Rischi",
      gaps: "Lacune",
      dependsOn: "Dipende da",
    },
    yes: "Sì",
    no: "No",
    sheet: "Roadmap",
    reportTitle: "Roadmap di miglioramento",
    generated: "Generato il {date}",
    summary: "{total} azioni, {late} in ritardo, costo stimato {cost} €",
    page: "Pagina {n} di {total}",
    calendarName: "Roadmap di sicurezza - {org}",
    due: "Scadenza",
  },
  en: {
    status: { planned: "Planned", in_progress: "In progress", blocked: "Blocked", done: "Done", cancelled: "Cancelled" },
    csfFunction: { govern: "Govern", identify: "Identify", protect: "Protect", detect: "Detect", respond: "Respond", recover: "Recover" },
    priority: { low: "Low", medium: "Medium", high: "High", critical: "Critical" },
    effort: { small: "Small", medium: "Medium", large: "Large" },
    columns: {
      ref: "Ref.",
      title: "Action",
      csfFunction: "Function",
      ownerOrg: "Carried out by",
      ownerUser: "Contact",
      priority: "Priority",
      priorityReason: "Why this priority",
      effort: "Effort",
      cost: "Estimated cost (€)",
      startOn: "Start",
      dueOn: "Due",
      status: "Status",
      progress: "Progress %",
      late: "Late",
      risks: "Risks",
      gaps: "Gaps",
      dependsOn: "Depends on",
    },
    yes: "Yes",
    no: "No",
    sheet: "Roadmap",
    reportTitle: "Improvement roadmap",
    generated: "Generated on {date}",
    summary: "{total} actions, {late} late, estimated cost € {cost}",
    page: "Page {n} of {total}",
    calendarName: "Security roadmap - {org}",
    due: "Due",
  },
} as const;

export type RoadmapWords = (typeof words)[Locale];
export const roadmapWords = (locale: Locale): RoadmapWords => words[locale];

/** Euro cents as "1.234,56" (it) or "1,234.56" (en). */
export const euros = (cents: number | null, locale: Locale) =>
  cents === null ? "" : new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: "always" }).format(cents / 100);

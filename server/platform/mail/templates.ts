import type { Locale } from "../i18n/locale.ts";

// Mail a person reads, Italian and English. Params are plain strings; links are absolute URLs.
type Template = (p: Record<string, string>) => { subject: string; text: string };

const templates = {
  password_reset: {
    it: (p) => ({
      subject: "Cittadella: reimposta la password",
      text: `Ciao ${p.name},\n\nabbiamo ricevuto una richiesta di reimpostare la tua password. Apri questo link entro 60 minuti:\n\n${p.link}\n\nSe non sei stato tu, ignora questo messaggio: la password resta invariata.\n\nCittadella`,
    }),
    en: (p) => ({
      subject: "Cittadella: reset your password",
      text: `Hello ${p.name},\n\nwe received a request to reset your password. Open this link within 60 minutes:\n\n${p.link}\n\nIf it was not you, ignore this message: your password stays as it is.\n\nCittadella`,
    }),
  },
  invitation: {
    it: (p) => ({
      subject: `Cittadella: invito a ${p.orgName}`,
      text: `Ciao,\n\n${p.inviter} ti invita a unirti a ${p.orgName} su Cittadella con il ruolo "${p.role}".\nAccetta entro 7 giorni:\n\n${p.link}\n\nCittadella`,
    }),
    en: (p) => ({
      subject: `Cittadella: invitation to ${p.orgName}`,
      text: `Hello,\n\n${p.inviter} invites you to join ${p.orgName} on Cittadella as "${p.role}".\nAccept within 7 days:\n\n${p.link}\n\nCittadella`,
    }),
  },
  new_sign_in_blocked: {
    it: (p) => ({
      subject: "Cittadella: tentativi di accesso bloccati",
      text: `Ciao ${p.name},\n\nabbiamo bloccato temporaneamente troppi tentativi di accesso al tuo account. Se non eri tu, non devi fare nulla; se hai dimenticato la password, reimpostala da ${p.link}\n\nCittadella`,
    }),
    en: (p) => ({
      subject: "Cittadella: sign-in attempts blocked",
      text: `Hello ${p.name},\n\nwe temporarily blocked too many sign-in attempts on your account. If it was not you, there is nothing to do; if you forgot your password, reset it at ${p.link}\n\nCittadella`,
    }),
  },
  risk_review_due: {
    it: (p) => ({
      subject: `Cittadella: ${p.count === "1" ? "un rischio da riesaminare" : `${p.count} rischi da riesaminare`} (${p.orgName})`,
      text: `Ciao ${p.name},\n\nè arrivata la data di riesame di questi rischi del registro di ${p.orgName}:\n\n${p.list}\n\nVerifica punteggi, trattamento ed eventuale accettazione, poi registra il riesame:\n\n${p.link}\n\nCittadella`,
    }),
    en: (p) => ({
      subject: `Cittadella: ${p.count === "1" ? "one risk to review" : `${p.count} risks to review`} (${p.orgName})`,
      text: `Hello ${p.name},\n\nthese risks of ${p.orgName}'s register are due for review:\n\n${p.list}\n\nCheck their scores, treatment and any acceptance, then record the review:\n\n${p.link}\n\nCittadella`,
    }),
  },
  roadmap_action_late: {
    it: (p) => ({
      subject: `Cittadella: azione ${p.ref} in ritardo (${p.orgName})`,
      text: `Ciao ${p.name},\n\nl'azione ${p.ref} "${p.title}" della roadmap di ${p.orgName} doveva concludersi il ${p.dueOn} ed è ancora "${p.status}" (${p.progress}%).\nLa realizza: ${p.ownerOrgName}.\n\nAggiorna lo stato o la scadenza: ${p.link}\n\nRiceverai questo avviso una sola volta per questa scadenza.\n\nCittadella`,
    }),
    en: (p) => ({
      subject: `Cittadella: action ${p.ref} is late (${p.orgName})`,
      text: `Hello ${p.name},\n\naction ${p.ref} "${p.title}" of ${p.orgName}'s roadmap was due on ${p.dueOn} and is still "${p.status}" (${p.progress}%).\nCarried out by: ${p.ownerOrgName}.\n\nUpdate its status or due date: ${p.link}\n\nYou get this notice once for this due date.\n\nCittadella`,
    }),
  },
  academy_assignment_new: {
    it: (p) => ({
      subject: `Cittadella: nuovo percorso di formazione "${p.pathTitle}"`,
      text: `Ciao ${p.name},\n\n${p.orgName} ti ha assegnato il percorso di formazione "${p.pathTitle}", da completare entro il ${p.dueOn}.\n\nInizia da qui: ${p.link}\n\nCittadella`,
    }),
    en: (p) => ({
      subject: `Cittadella: new training path "${p.pathTitle}"`,
      text: `Hello ${p.name},\n\n${p.orgName} has assigned you the training path "${p.pathTitle}", to complete by ${p.dueOn}.\n\nStart here: ${p.link}\n\nCittadella`,
    }),
  },
  academy_assignment_due_soon: {
    it: (p) => ({
      subject: `Cittadella: il percorso "${p.pathTitle}" scade il ${p.dueOn}`,
      text: `Ciao ${p.name},\n\nti ricordiamo che il percorso di formazione "${p.pathTitle}", assegnato da ${p.orgName}, va completato entro il ${p.dueOn}.\n\nRiprendi da qui: ${p.link}\n\nCittadella`,
    }),
    en: (p) => ({
      subject: `Cittadella: the path "${p.pathTitle}" is due on ${p.dueOn}`,
      text: `Hello ${p.name},\n\na reminder that the training path "${p.pathTitle}", assigned by ${p.orgName}, is due by ${p.dueOn}.\n\nPick it up here: ${p.link}\n\nCittadella`,
    }),
  },
  academy_assignment_overdue: {
    it: (p) => ({
      subject: `Cittadella: percorso "${p.pathTitle}" scaduto`,
      text: `Ciao ${p.name},\n\nil percorso di formazione "${p.pathTitle}", assegnato da ${p.orgName}, doveva essere completato entro il ${p.dueOn} e risulta ancora da finire.\n\nCompletalo appena puoi: ${p.link}\n\nRiceverai questo avviso una sola volta.\n\nCittadella`,
    }),
    en: (p) => ({
      subject: `Cittadella: training path "${p.pathTitle}" is overdue`,
      text: `Hello ${p.name},\n\nthe training path "${p.pathTitle}", assigned by ${p.orgName}, was due by ${p.dueOn} and is not complete yet.\n\nPlease complete it as soon as you can: ${p.link}\n\nYou get this notice once.\n\nCittadella`,
    }),
  },
  intel_alert_digest: {
    it: (p) => ({
      subject: `Cittadella: ${p.count} bollettini riguardano i prodotti di ${p.orgName}`,
      text: `Ciao ${p.name},\n\ndall'ultimo riepilogo sono stati pubblicati bollettini che riguardano prodotti in uso presso ${p.orgName}:\n\n${p.list}\n\nI bollettini TLP:AMBER e più riservati si leggono solo su Cittadella, dopo l'accesso.\nTutti gli avvisi: ${p.link}\n\nCittadella`,
    }),
    en: (p) => ({
      subject: `Cittadella: ${p.count} advisories affect the products of ${p.orgName}`,
      text: `Hello ${p.name},\n\nsince the last digest, advisories were published that affect products ${p.orgName} runs:\n\n${p.list}\n\nTLP:AMBER and stricter advisories can only be read in Cittadella, after signing in.\nAll alerts: ${p.link}\n\nCittadella`,
    }),
  },
} satisfies Record<string, Record<Locale, Template>>;

export type TemplateName = keyof typeof templates;

export function renderMail(name: TemplateName, locale: Locale, params: Record<string, string>) {
  return templates[name][locale](params);
}

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
} satisfies Record<string, Record<Locale, Template>>;

export type TemplateName = keyof typeof templates;

export function renderMail(name: TemplateName, locale: Locale, params: Record<string, string>) {
  return templates[name][locale](params);
}

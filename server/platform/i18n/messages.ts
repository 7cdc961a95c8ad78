import type { Locale } from "./locale.ts";
import { fillTemplate } from "./template.ts";

// Messages a person reads in API errors. Italian first.
const messages = {
  validation_failed: { it: "Alcuni dati non sono validi.", en: "Some fields are not valid." },
  malformed_json: { it: "Il corpo della richiesta non è JSON valido.", en: "The request body is not valid JSON." },
  body_too_large: { it: "Il corpo della richiesta è troppo grande.", en: "The request body is too large." },
  unsupported_media_type: { it: "Tipo di contenuto non supportato.", en: "Unsupported content type." },
  not_found: { it: "Risorsa non trovata.", en: "Not found." },
  forbidden: { it: "Non hai i permessi per questa operazione.", en: "You are not allowed to do this." },
  unauthenticated: { it: "Accesso richiesto.", en: "Sign-in required." },
  csrf_failed: { it: "Token CSRF mancante o non valido.", en: "Missing or invalid CSRF token." },
  mfa_required: { it: "Verifica in due passaggi richiesta.", en: "Two-step verification required." },
  mfa_enrolment_required: {
    it: "La tua organizzazione richiede la verifica in due passaggi per gli amministratori: attivala nel profilo.",
    en: "Your organisation requires two-step verification for admins: enable it in your profile.",
  },
  invalid_credentials: { it: "Email o password non corretti.", en: "Wrong email or password." },
  too_many_attempts: {
    it: "Troppi tentativi. Riprova tra qualche minuto.",
    en: "Too many attempts. Try again in a few minutes.",
  },
  invalid_code: { it: "Codice non valido.", en: "Invalid code." },
  token_invalid: { it: "Link o token non valido, scaduto o già usato.", en: "Link or token is invalid, expired or already used." },
  weak_password: { it: "Password troppo debole.", en: "Password too weak." },
  conflict: { it: "Esiste già.", en: "Already exists." },
  rate_limited: { it: "Troppe richieste.", en: "Too many requests." },
  internal: { it: "Errore interno. È stato registrato.", en: "Internal error. It has been logged." },
  // field reasons
  required: { it: "obbligatorio", en: "required" },
  invalid_type: { it: "tipo non valido: atteso {expected}", en: "wrong type: expected {expected}" },
  too_small_string: { it: "almeno {minimum} caratteri", en: "at least {minimum} characters" },
  too_big_string: { it: "al massimo {maximum} caratteri", en: "at most {maximum} characters" },
  too_small_number: { it: "deve essere almeno {minimum}", en: "must be at least {minimum}" },
  too_big_number: { it: "deve essere al massimo {maximum}", en: "must be at most {maximum}" },
  too_small_array: { it: "almeno {minimum} elementi", en: "at least {minimum} items" },
  too_big_array: { it: "al massimo {maximum} elementi", en: "at most {maximum} items" },
  invalid_format: { it: "formato non valido ({format})", en: "invalid format ({format})" },
  invalid_value: { it: "valore non ammesso; ammessi: {values}", en: "value not allowed; allowed: {values}" },
  unrecognized_key: { it: "campo non previsto", en: "unknown field" },
  invalid_ipa_code: { it: "codice IPA non valido", en: "invalid IPA code" },
  invalid_fiscal_code: { it: "codice fiscale o partita IVA non valido", en: "invalid fiscal code or VAT number" },
  already_member: { it: "è già membro dell'organizzazione", en: "is already a member of the organisation" },
  email_taken: { it: "email già registrata", en: "email already registered" },
  last_admin: {
    it: "l'organizzazione deve avere almeno un amministratore",
    en: "the organisation must keep at least one admin",
  },
  not_member: { it: "non sei membro di questa organizzazione", en: "you are not a member of this organisation" },
  invalid_value_generic: { it: "valore non valido", en: "invalid value" },
  body_too_big: { it: "al massimo {maximum} byte", en: "at most {maximum} bytes" },
  not_json: { it: "JSON non valido", en: "not valid JSON" },
  media_type_not_accepted: { it: "tipo di contenuto non accettato", en: "content type not accepted" },
  // administration and files
  must_be_after_from: { it: "deve essere successiva a \"from\"", en: "must be later than \"from\"" },
  file_required: { it: "allega un file", en: "attach a file" },
  file_empty: { it: "il file è vuoto", en: "the file is empty" },
  file_type_not_allowed: {
    it: "tipo di file non ammesso (il contenuto è stato controllato, non il nome)",
    en: "file type not allowed (the content was checked, not the name)",
  },
  file_type_mismatch: {
    it: "l'estensione del nome non corrisponde al contenuto del file",
    en: "the name's extension does not match the file's content",
  },
  file_too_large: { it: "file troppo grande: al massimo {maximum} byte", en: "file too large: at most {maximum} bytes" },
  // identity flows: MFA, passwords, reset links, invitations, API tokens
  wrong_code: { it: "codice errato o scaduto", en: "wrong or expired code" },
  wrong_password: { it: "password errata", en: "wrong password" },
  password_too_weak: {
    it: "password troppo debole: almeno 10 caratteri, difficile da indovinare",
    en: "password too weak: at least 10 characters, hard to guess",
  },
  mfa_already_enabled: { it: "la verifica in due passaggi è già attiva", en: "two-step verification is already enabled" },
  mfa_not_enabled: { it: "la verifica in due passaggi non è attiva", en: "two-step verification is not enabled" },
  mfa_setup_missing: { it: "avvia prima la configurazione", en: "start the setup first" },
  token_unknown: { it: "link non valido", en: "invalid link" },
  token_expired: { it: "link scaduto: chiedine uno nuovo", en: "link expired: ask for a new one" },
  token_used: { it: "link già usato", en: "link already used" },
  token_revoked: { it: "invito revocato", en: "invitation revoked" },
  signed_in_as_other: {
    it: "l'invito è per un altro indirizzo email: esci e riapri il link",
    en: "the invitation is for another email address: sign out and open the link again",
  },
  session_only: {
    it: "disponibile solo da una sessione del browser, non con un token",
    en: "only available from a browser session, not with a token",
  },
  no_current_org: { it: "scegli prima un'organizzazione", en: "choose an organisation first" },
  // single sign-on (OpenID Connect)
  sso_login_invalid: {
    it: "Accesso unico non valido, scaduto o già usato: ricomincia dalla pagina di accesso.",
    en: "Single sign-on is invalid, expired or already used: start again from the sign-in page.",
  },
  sso_failed: { it: "Il fornitore di identità non ha confermato l'accesso.", en: "The identity provider did not confirm the sign-in." },
  sso_unavailable: { it: "Il fornitore di identità non risponde. Riprova più tardi.", en: "The identity provider is not answering. Try again later." },
  sso_provider_disabled: { it: "Questo accesso unico è disattivato.", en: "This single sign-on is disabled." },
  sso_email_unverified: {
    it: "Il fornitore di identità non ha confermato il tuo indirizzo email.",
    en: "The identity provider did not confirm your email address.",
  },
  sso_domain_not_served: {
    it: "Questo accesso unico non serve il dominio del tuo indirizzo email.",
    en: "This single sign-on does not serve your email address's domain.",
  },
  sso_not_member: {
    it: "Il tuo account non è membro dell'organizzazione di questo accesso unico: chiedi un invito.",
    en: "Your account is not a member of this single sign-on's organisation: ask for an invitation.",
  },
  account_disabled: { it: "Account disattivato.", en: "Account disabled." },
  invalid_issuer: {
    it: "indirizzo dell'emittente non valido: serve https (http solo per localhost fuori produzione)",
    en: "invalid issuer address: https required (http only for localhost outside production)",
  },
  invalid_email_domain: { it: "dominio email non valido", en: "invalid email domain" },
  domain_taken: { it: "dominio già servito da un'altra organizzazione", en: "domain already served by another organisation" },
  invalid_return_to: { it: "deve essere un percorso di questo sito", en: "must be a path on this site" },
  // assessments
  assessment_locked: {
    it: "La valutazione è approvata e bloccata: per modificarla avvia un nuovo ciclo.",
    en: "The assessment is approved and locked: start a new cycle to change it.",
  },
  assessment_wrong_status: {
    it: "Operazione non possibile nello stato attuale della valutazione.",
    en: "Not possible in the assessment's current state.",
  },
  framework_unknown: { it: "framework sconosciuto: {framework}", en: "unknown framework: {framework}" },
  framework_level_unknown: { it: "livello non previsto dal framework; ammessi: {values}", en: "level not defined by the framework; allowed: {values}" },
  requirement_unknown: { it: "requisito sconosciuto per questa valutazione: {id}", en: "requirement not part of this assessment: {id}" },
  requirement_repeated: { it: "requisito ripetuto nella richiesta: {id}", en: "requirement repeated in the request: {id}" },
  requirement_not_assigned: { it: "requisito non assegnato a te: {id}", en: "requirement not assigned to you: {id}" },
  not_applicable_reason_required: {
    it: "indica perché il requisito non è applicabile",
    en: "say why the requirement does not apply",
  },
  maturity_off_scale: { it: "fuori dalla scala di maturità; ammessi: {values}", en: "off the maturity scale; allowed: {values}" },
  assessment_source_unknown: { it: "valutazione non trovata in questa organizzazione", en: "no such assessment in this organisation" },
  assessment_source_same: { it: "deve essere un'altra valutazione", en: "must be another assessment" },
  evidence_link_or_file: { it: "indica un collegamento oppure un file, non entrambi", en: "give a link or a file, not both" },
  evidence_file_unknown: { it: "file non trovato tra quelli dell'organizzazione", en: "no such file among the organisation's files" },
  answers_file_not_spreadsheet: { it: "il file non è un foglio di calcolo XLSX né un CSV", en: "the file is neither an XLSX spreadsheet nor a CSV" },
  answers_column_missing: { it: "manca la colonna \"{column}\"", en: "column \"{column}\" is missing" },
  answers_column_unknown: { it: "colonna \"{column}\" non prevista; ammesse: {allowed}", en: "unexpected column \"{column}\"; allowed: {allowed}" },
  answers_status_unknown: { it: "stato \"{value}\" non previsto; ammessi: {allowed}", en: "unknown status \"{value}\"; allowed: {allowed}" },
  answers_value_required: { it: "valore obbligatorio", en: "value required" },
  answers_number_expected: { it: "atteso un numero intero, trovato \"{value}\"", en: "whole number expected, found \"{value}\"" },
  assignee_not_allowed: {
    it: "non è membro dell'organizzazione né del suo fornitore IT",
    en: "is not a member of the organisation or of its IT provider",
  },
  provider_assignee_requirements_required: {
    it: "per un utente del fornitore IT elenca i requisiti assegnati",
    en: "list the requirements assigned to an IT provider's user",
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return fillTemplate(messages[key][locale], params, "");
}

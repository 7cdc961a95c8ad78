import type { Locale } from "./locale.ts";

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
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = messages[key][locale];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}

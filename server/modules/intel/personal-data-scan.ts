import { isIPv4 } from "node:net";

// Before an anonymous publication the text is scanned for what would identify a person or the
// author: names of people (a heuristic), email addresses, Italian phone numbers, codici fiscali,
// IBANs, and the author organisation's own domains, host names and addresses. The web app
// highlights the spans and offers one-click redaction; nothing here is stored.

export const findingKinds = ["person_name", "email", "phone", "codice_fiscale", "iban", "own_host", "own_address", "internal_address"] as const;
export type FindingKind = (typeof findingKinds)[number];

export interface Finding {
  kind: FindingKind;
  /** offsets in UTF-16 code units, as JavaScript's String.slice takes them */
  start: number;
  end: number;
  text: string;
}

export interface ScanContext {
  /** the author organisation's domain names, e.g. comune.example.it */
  ownDomains?: string[];
  /** its public addresses */
  ownAddresses?: string[];
}

// Common first names (Italian and a few English): a capitalised word after one of them is taken
// as a surname. A short list keeps false alarms rare; titles catch the rest.
const firstNames = new Set(
  (
    "mario luigi giuseppe giovanni antonio francesco alessandro andrea marco luca paolo roberto stefano davide matteo " +
    "simone federico riccardo lorenzo giorgio fabio massimo claudio maurizio sergio enrico salvatore vincenzo pietro " +
    "carlo alberto daniele emanuele filippo gabriele michele nicola raffaele tommaso valerio vittorio angelo bruno " +
    "maria anna giulia francesca chiara sara laura valentina alessandra elena silvia martina paola federica giovanna " +
    "roberta cristina barbara monica simona elisa serena claudia daniela stefania alice beatrice ilaria lucia rosa " +
    "teresa giorgia sofia aurora emma greta marta camilla irene veronica patrizia antonella rita carla " +
    "john james michael david robert william mary jennifer linda susan sarah emily peter thomas"
  ).split(" "),
);
const titles = /\b(?:dott\.ssa|dott\.|dr\.|sig\.ra|sig\.|ing\.|avv\.|arch\.|geom\.|rag\.|prof\.ssa|prof\.|mr\.?|mrs\.?|ms\.?)\s+/gi;

export function scanPersonalData(text: string, context: ScanContext = {}): Finding[] {
  const found: Finding[] = [];
  const push = (kind: FindingKind, start: number, value: string) => found.push({ kind, start, end: start + value.length, text: value });

  for (const m of text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g)) push("email", m.index, m[0]);
  for (const m of text.matchAll(/\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b/gi)) {
    if (codiceFiscaleValid(m[0])) push("codice_fiscale", m.index, m[0]);
  }
  for (const m of text.matchAll(/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/g)) {
    const iban = m[0].replace(/\s+$/, "");
    if (ibanValid(iban)) push("iban", m.index, iban);
  }
  for (const m of text.matchAll(/(?<![\w.+])(?:(?:\+|00)39[ .-]?)?(?:3\d{2}|0\d{1,3})(?:[ .-]?\d{2,4}){2,3}(?!\w|\.\d)/g)) {
    const digits = m[0].replace(/^(?:\+|00)39/, "").replace(/\D/g, "");
    if (digits.length >= 6 && digits.length <= 11 && !isIPv4(m[0])) push("phone", m.index, m[0]);
  }
  scanAddresses(text, context, push);
  scanOwnHosts(text, context, push);
  scanNames(text, push);
  return withoutOverlaps(found);
}

function scanAddresses(text: string, context: ScanContext, push: (kind: FindingKind, start: number, value: string) => void) {
  const own = new Set(context.ownAddresses ?? []);
  for (const m of text.matchAll(/(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/g)) {
    if (!isIPv4(m[0])) continue;
    if (own.has(m[0])) push("own_address", m.index, m[0]);
    else if (isPrivate(m[0])) push("internal_address", m.index, m[0]);
  }
}

function isPrivate(ip: string): boolean {
  const [a, b] = ip.split(".").map(Number) as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

function scanOwnHosts(text: string, context: ScanContext, push: (kind: FindingKind, start: number, value: string) => void) {
  for (const domain of context.ownDomains ?? []) {
    const escaped = domain.toLowerCase().replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
    for (const m of text.matchAll(new RegExp(`(?<![\\w@.-])(?:[a-z0-9-]+\\.)*${escaped}(?![\\w-])`, "gi"))) push("own_host", m.index, m[0]);
  }
}

function scanNames(text: string, push: (kind: FindingKind, start: number, value: string) => void) {
  // a title followed by one to three capitalised words
  for (const m of text.matchAll(titles)) {
    const after = text.slice(m.index + m[0].length);
    const words = /^((?:[A-ZÀ-Ý][a-zà-ÿ'’]+)(?:\s+[A-ZÀ-Ý][a-zà-ÿ'’]+){0,2})/.exec(after);
    if (words) push("person_name", m.index, m[0] + words[1]);
  }
  // a known first name, maybe a second one, then a capitalised surname
  for (const m of text.matchAll(/\b([A-ZÀ-Ý][a-zà-ÿ]+)((?:\s+[A-ZÀ-Ý][a-zà-ÿ'’]+){1,2})/g)) {
    if (!firstNames.has(m[1]!.toLowerCase())) continue;
    const rest = m[2]!.trim().split(/\s+/);
    const words = rest.length > 1 && firstNames.has(rest[0]!.toLowerCase()) ? 2 : 1;
    const name = new RegExp(`^\\S+(?:\\s+\\S+){${words}}`).exec(m[0])![0];
    push("person_name", m.index, name);
  }
}

/** Keeps the earliest, then longest, of overlapping findings. */
function withoutOverlaps(found: Finding[]): Finding[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  for (const f of sorted) {
    const last = kept.at(-1);
    if (last && f.start < last.end) continue;
    kept.push(f);
  }
  return kept;
}

const oddValues: Record<string, number> = {
  "0": 1, "1": 0, "2": 5, "3": 7, "4": 9, "5": 13, "6": 15, "7": 17, "8": 19, "9": 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18, N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

/** The control character of a codice fiscale (DM 23/12/1976), so random words are not flagged. */
export function codiceFiscaleValid(raw: string): boolean {
  const cf = raw.toUpperCase();
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = cf[i]!;
    if ((i + 1) % 2 === 1) sum += oddValues[ch]!;
    else sum += /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26)) === cf[15];
}

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function ibanValid(raw: string): boolean {
  const iban = raw.replace(/\s/g, "").toUpperCase();
  if (iban.length < 15 || iban.length > 34 || (iban.startsWith("IT") && iban.length !== 27)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  return remainder === 1;
}

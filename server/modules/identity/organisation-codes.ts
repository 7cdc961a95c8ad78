// Codes that identify Italian public bodies and companies.

export const organisationTypes = [
  "comune",
  "unione_comuni",
  "citta_metropolitana",
  "provincia",
  "regione",
  "azienda_sanitaria",
  "it_provider",
  "company",
  "school",
  "cert_police",
  "other",
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

/** Types listed in IPA (Indice dei domicili digitali della PA), so an IPA code applies. */
export const ipaTypes: readonly OrganisationType[] = [
  "comune",
  "unione_comuni",
  "citta_metropolitana",
  "provincia",
  "regione",
  "azienda_sanitaria",
  "school",
  "cert_police",
];

/** IPA codes: lowercase letters, digits and underscores, e.g. "c_h501" (Roma Capitale), "r_lazio". */
export const ipaCodePattern = /^[a-z0-9_]{2,20}$/;

export function normaliseIpaCode(code: string): string {
  return code.trim().toLowerCase();
}

/**
 * Codice fiscale of a body or company: 11 digits whose last is a check digit (the same
 * algorithm as the partita IVA). Personal 16-character codes do not identify organisations.
 */
export function isValidOrganisationFiscalCode(code: string): boolean {
  if (!/^\d{11}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let digit = Number(code[i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10 === Number(code[10]);
}

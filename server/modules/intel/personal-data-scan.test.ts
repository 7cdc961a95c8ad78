import { describe, expect, it } from "vitest";
import { codiceFiscaleValid, ibanValid, scanPersonalData, type FindingKind } from "./personal-data-scan.ts";

const kinds = (text: string, context = {}) => scanPersonalData(text, context).map((f) => [f.kind, f.text] as [FindingKind, string]);

describe("personal-data scan before anonymous publication", () => {
  it("finds names of people after a title or a known first name", () => {
    expect(kinds("Ha chiamato il dott. Bianchi e poi Mario Rossi del CED.")).toEqual([
      ["person_name", "dott. Bianchi"],
      ["person_name", "Mario Rossi"],
    ]);
    expect(kinds("Scritto da Anna Maria Verdi")).toEqual([["person_name", "Anna Maria Verdi"]]);
    expect(kinds("Il Comune di Milano ha aggiornato il Server Exchange.")).toEqual([]);
  });

  it("finds email addresses, Italian phone numbers, codici fiscali and IBANs", () => {
    const text = "Scrivere a cert@comune.example.it o chiamare +39 333 1234567 oppure 02 1234 5678; CF RSSMRA85T10A562S, IBAN IT60X0542811101000000123456.";
    expect(kinds(text)).toEqual([
      ["email", "cert@comune.example.it"],
      ["phone", "+39 333 1234567"],
      ["phone", "02 1234 5678"],
      ["codice_fiscale", "RSSMRA85T10A562S"],
      ["iban", "IT60X0542811101000000123456"],
    ]);
  });

  it("ignores look-alikes that fail their check digits, and versions or dates that are not phone numbers", () => {
    expect(kinds("CF RSSMRA85T10A562X e IBAN IT60X0542811101000000123457")).toEqual([]);
    expect(kinds("versione 2.4.1 del 12/03/2024, CVE-2024-3400")).toEqual([]);
  });

  it("finds the author's own host names and addresses, and internal addresses", () => {
    const text = "Il server mail.comune-alfa.it (203.0.113.7) e il NAS 192.168.10.5 erano esposti; anche 198.51.100.1.";
    expect(kinds(text, { ownDomains: ["comune-alfa.it"], ownAddresses: ["203.0.113.7"] })).toEqual([
      ["own_host", "mail.comune-alfa.it"],
      ["own_address", "203.0.113.7"],
      ["internal_address", "192.168.10.5"],
    ]);
  });

  it("gives offsets that cut exactly the text found", () => {
    const text = "Contatto: Giulia Neri, giulia.neri@example.org";
    for (const f of scanPersonalData(text)) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it("checks codice fiscale and IBAN control characters", () => {
    expect(codiceFiscaleValid("RSSMRA85T10A562S")).toBe(true);
    expect(codiceFiscaleValid("RSSMRA85T10A562T")).toBe(false);
    expect(ibanValid("IT60 X054 2811 1010 0000 0123 456")).toBe(true);
    expect(ibanValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanValid("IT60X054281110100000012345")).toBe(false);
  });
});

import type { AuthorOrganisation, SharedAdvisory, SharedExperienceReport, SharedIndicator } from "./source-types.ts";

// Shared items as the product would hand them to the export, with every optional field filled.

export const comune: AuthorOrganisation = {
  identityId: "identity--3c5e2a0e-6a0b-4f43-9d1e-1f7f1b5c2a10",
  name: "Comune di Esempio",
  created: new Date("2025-01-10T08:00:00.000Z"),
  modified: new Date("2025-03-01T08:00:00.000Z"),
};

export const asl: AuthorOrganisation = {
  identityId: "identity--8d0e4b1c-2f7a-4e55-8a43-6b2c9e0d7f31",
  name: "ASL Esempio",
  created: new Date("2025-01-11T08:00:00.000Z"),
  modified: new Date("2025-01-11T08:00:00.000Z"),
};

const when = { created: new Date("2026-11-02T09:30:00.000Z"), modified: new Date("2026-11-03T10:00:00.000Z") };

export function indicator(overrides: Partial<SharedIndicator> = {}): SharedIndicator {
  return {
    kind: "indicator",
    stixId: "indicator--0f3f9a56-4b0e-4c8e-9d7e-2f6a1b3c4d5e",
    ...when,
    title: "C2 del ransomware",
    tlp: "amber",
    status: "published",
    validUntil: new Date("2027-01-01T00:00:00.000Z"),
    anonymous: false,
    author: comune,
    sightingCount: 3,
    comments: [{ stixId: "note--5b7c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4", body: "Visto anche da noi", created: new Date("2026-11-04T07:00:00.000Z"), anonymous: false, author: asl }],
    observables: [{ type: "ipv4", value: "198.51.100.7" }],
    verbatimPattern: null,
    description: "Server di comando e controllo",
    firstSeen: new Date("2026-10-30T00:00:00.000Z"),
    lastSeen: new Date("2026-11-01T00:00:00.000Z"),
    confidence: 80,
    ...overrides,
  };
}

export function advisory(overrides: Partial<SharedAdvisory> = {}): SharedAdvisory {
  return {
    kind: "advisory",
    stixId: "report--6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
    ...when,
    title: "Vulnerabilità critica nel server web",
    tlp: "green",
    status: "published",
    validUntil: new Date("2027-06-30T00:00:00.000Z"),
    anonymous: false,
    author: comune,
    sightingCount: 0,
    comments: [],
    summary: "Esecuzione di codice da remoto senza autenticazione.",
    severity: "critical",
    affectedProducts: [
      { vendor: "apache", product: "http_server", versionStartIncluding: "2.4.0", versionStartExcluding: null, versionEndIncluding: null, versionEndExcluding: "2.4.62", cpe: "cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*" },
      { vendor: "acme", product: "portale", versionStartIncluding: null, versionStartExcluding: null, versionEndIncluding: "3.1", versionEndExcluding: null, cpe: null },
    ],
    cveIds: ["CVE-2024-38476", "CVE-2024-38477"],
    patches: [{ title: "Aggiornare a 2.4.62", url: "https://httpd.apache.org/security/vulnerabilities_24.html", steps: "Installare il pacchetto aggiornato e riavviare." }],
    mitigations: [{ title: "Disattivare mod_proxy", url: null, steps: "Commentare LoadModule proxy_module." }],
    references: [{ title: "Bollettino del fornitore", url: "https://httpd.apache.org/security/" }, { title: null, url: "https://www.csirt.gov.it/" }],
    indicators: [indicator({ stixId: "indicator--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", tlp: "green", comments: [], sightingCount: 0, observables: [{ type: "url", value: "http://evil.example/it's/x" }] })],
    ...overrides,
  };
}

export function experienceReport(overrides: Partial<SharedExperienceReport> = {}): SharedExperienceReport {
  return {
    kind: "experience_report",
    stixId: "incident--7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e",
    ...when,
    title: "Ransomware sui file server",
    tlp: "amber+strict",
    status: "published",
    validUntil: null,
    anonymous: true,
    author: null,
    sightingCount: 2,
    comments: [{ stixId: "note--9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f", body: "Grazie per la condivisione", created: new Date("2026-11-05T07:00:00.000Z"), anonymous: true, author: null }],
    attackType: "Unauthorized-Access",
    entryVector: "VPN senza MFA",
    impact: "Servizi anagrafe fermi per due giorni",
    timeToRecoverHours: 48,
    detection: "Segnalazione degli utenti",
    whatWorked: "Backup offline",
    lessons: "MFA ovunque",
    narrative: "Un venerdì sera ...",
    ...overrides,
  };
}

import { describe, expect, it } from "vitest";
import { INDICATOR_TYPES, TLP_LEVELS, type IndicatorObservable, type SharedItem } from "../source-types.ts";
import { TLP2_MARKING_IDS, TLP2_EXTENSION_ID } from "../tlp.ts";
import { advisory, asl, comune, experienceReport, indicator } from "../intel-items.test-helper.ts";
import { referenceBundleErrors, referenceSchemaErrors } from "../reference-schemas.test-helper.ts";
import { exportBundle, exportObjects } from "./bundle.ts";
import type { StixObject } from "./common.ts";
import { INCIDENT_CORE_EXTENSION_ID } from "./experience.ts";

function expectValid(objects: readonly StixObject[]) {
  for (const object of objects) expect({ id: object.id, errors: referenceSchemaErrors(object) }).toEqual({ id: object.id, errors: [] });
}

const byType = (objects: readonly StixObject[], type: string) => objects.filter((o) => o.type === type);
const one = (objects: readonly StixObject[], type: string) => {
  const found = byType(objects, type);
  expect(found).toHaveLength(1);
  return found[0]!;
};

const everyType: Record<(typeof INDICATOR_TYPES)[number], [IndicatorObservable, string]> = {
  ipv4: [{ type: "ipv4", value: "198.51.100.7" }, "[ipv4-addr:value = '198.51.100.7']"],
  ipv6: [{ type: "ipv6", value: "2001:db8::1" }, "[ipv6-addr:value = '2001:db8::1']"],
  cidr: [{ type: "cidr", value: "203.0.113.0/24" }, "[ipv4-addr:value = '203.0.113.0/24']"],
  domain: [{ type: "domain", value: "evil.example" }, "[domain-name:value = 'evil.example']"],
  url: [{ type: "url", value: "https://evil.example/it's" }, "[url:value = 'https://evil.example/it\\'s']"],
  email: [{ type: "email", value: "phish@evil.example" }, "[email-addr:value = 'phish@evil.example']"],
  md5: [{ type: "md5", value: "0".repeat(32) }, `[file:hashes.MD5 = '${"0".repeat(32)}']`],
  sha1: [{ type: "sha1", value: "1".repeat(40) }, `[file:hashes.'SHA-1' = '${"1".repeat(40)}']`],
  sha256: [{ type: "sha256", value: "2".repeat(64) }, `[file:hashes.'SHA-256' = '${"2".repeat(64)}']`],
};

describe("STIX export", () => {
  it.each(Object.entries(everyType))("writes the %s pattern and a schema-valid indicator", (_type, [observable, pattern]) => {
    const objects = exportObjects([indicator({ observables: [observable] })]);
    expectValid(objects);
    expect(one(objects, "indicator")).toMatchObject({ pattern, pattern_type: "stix", pattern_version: "2.1" });
  });

  it("maps an indicator's fields, its author, sighting count and comments", () => {
    const objects = exportObjects([indicator({ observables: [{ type: "cidr", value: "2001:db8::/32" }, { type: "domain", value: "evil.example" }] })]);
    expectValid(objects);
    expect(one(objects, "indicator")).toEqual({
      type: "indicator",
      spec_version: "2.1",
      id: "indicator--0f3f9a56-4b0e-4c8e-9d7e-2f6a1b3c4d5e",
      created: "2026-11-02T09:30:00.000Z",
      modified: "2026-11-03T10:00:00.000Z",
      created_by_ref: comune.identityId,
      object_marking_refs: [TLP2_MARKING_IDS.amber],
      name: "C2 del ransomware",
      description: "Server di comando e controllo",
      indicator_types: ["malicious-activity"],
      pattern: "[ipv6-addr:value = '2001:db8::/32' OR domain-name:value = 'evil.example']",
      pattern_type: "stix",
      pattern_version: "2.1",
      valid_from: "2026-10-30T00:00:00.000Z",
      valid_until: "2027-01-01T00:00:00.000Z",
      confidence: 80,
      x_cittadella_first_seen: "2026-10-30T00:00:00.000Z",
      x_cittadella_last_seen: "2026-11-01T00:00:00.000Z",
    });
    expect(byType(objects, "identity").map((i) => [i.id, i.name, i.identity_class])).toEqual([
      [comune.identityId, "Comune di Esempio", "organization"],
      [asl.identityId, "ASL Esempio", "organization"],
    ]);
    const sighting = one(objects, "sighting");
    expect(sighting).toMatchObject({ sighting_of_ref: "indicator--0f3f9a56-4b0e-4c8e-9d7e-2f6a1b3c4d5e", count: 3 });
    expect(sighting).not.toHaveProperty("created_by_ref");
    expect(sighting).not.toHaveProperty("where_sighted_refs");
    expect(one(objects, "note")).toMatchObject({ content: "Visto anche da noi", object_refs: ["indicator--0f3f9a56-4b0e-4c8e-9d7e-2f6a1b3c4d5e"], created_by_ref: asl.identityId });
  });

  it("keeps an imported pattern verbatim and never lets valid_until precede valid_from", () => {
    const verbatimPattern = { pattern: "[x509-certificate:issuer = 'CN=WEBMAIL']", patternType: "stix", patternVersion: "2.1" };
    const expired = indicator({ verbatimPattern, observables: [], firstSeen: new Date("2026-12-01T00:00:00.000Z"), validUntil: new Date("2026-11-30T00:00:00.000Z") });
    const objects = exportObjects([expired]);
    expectValid(objects);
    expect(one(objects, "indicator")).toMatchObject({ pattern: verbatimPattern.pattern, valid_from: "2026-11-29T23:59:59.999Z", valid_until: "2026-11-30T00:00:00.000Z" });
  });

  it("maps an advisory to a report grouping vulnerabilities, courses of action, software and indicators", () => {
    const item = advisory();
    const objects = exportObjects([item]);
    expectValid(objects);
    const report = one(objects, "report");
    const vulnerabilities = byType(objects, "vulnerability");
    const courses = byType(objects, "course-of-action");
    const relationships = byType(objects, "relationship");
    expect(vulnerabilities.map((v) => [v.name, v.external_references])).toEqual([
      ["CVE-2024-38476", [{ source_name: "cve", external_id: "CVE-2024-38476", url: "https://nvd.nist.gov/vuln/detail/CVE-2024-38476" }]],
      ["CVE-2024-38477", [{ source_name: "cve", external_id: "CVE-2024-38477", url: "https://nvd.nist.gov/vuln/detail/CVE-2024-38477" }]],
    ]);
    expect(courses.map((c) => [c.name, c.description, c.x_cittadella_remediation])).toEqual([
      ["Aggiornare a 2.4.62", "Installare il pacchetto aggiornato e riavviare.", "patch"],
      ["Disattivare mod_proxy", "Commentare LoadModule proxy_module.", "mitigation"],
    ]);
    const rel = (type: string, source: string, target: string) => relationships.some((r) => r.relationship_type === type && r.source_ref === source && r.target_ref === target);
    for (const v of vulnerabilities) {
      for (const c of courses) expect(rel("mitigates", c.id, v.id)).toBe(true);
      expect(rel("indicates", item.indicators[0]!.stixId, v.id)).toBe(true);
    }
    expect(relationships).toHaveLength(6);
    expect(byType(objects, "software").map((s) => [s.vendor, s.name, s.cpe])).toEqual([
      ["apache", "http_server", "cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*"],
      ["acme", "portale", undefined],
    ]);
    expect(new Set(report.object_refs as string[])).toEqual(new Set([...vulnerabilities, ...courses, ...relationships, ...byType(objects, "software"), ...byType(objects, "indicator")].map((o) => o.id)));
    expect(report).toMatchObject({
      name: item.title,
      description: item.summary,
      report_types: ["vulnerability"],
      published: "2026-11-02T09:30:00.000Z",
      x_cittadella_severity: "critical",
      x_cittadella_valid_until: "2027-06-30T00:00:00.000Z",
      external_references: [{ source_name: "reference", description: "Bollettino del fornitore", url: "https://httpd.apache.org/security/" }, { source_name: "reference", url: "https://www.csirt.gov.it/" }],
      x_cittadella_affected_products: [
        { vendor: "apache", product: "http_server", version_start_including: "2.4.0", version_end_excluding: "2.4.62", cpe: "cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*" },
        { vendor: "acme", product: "portale", version_end_including: "3.1" },
      ],
    });
    expect(one(objects, "indicator").pattern).toBe("[url:value = 'http://evil.example/it\\'s/x']");
  });

  it("gives an advisory with nothing attached a report that still refers to something", () => {
    const objects = exportObjects([advisory({ cveIds: [], patches: [], mitigations: [], affectedProducts: [], indicators: [], references: [] })]);
    expectValid(objects);
    expect(one(objects, "report").object_refs).toEqual([TLP2_MARKING_IDS.green]);
  });

  it("maps an experience report to an incident with the OASIS Incident Core Extension", () => {
    const objects = exportObjects([experienceReport()]);
    expectValid(objects);
    const incident = one(objects, "incident");
    expect(incident.extensions).toEqual({
      [INCIDENT_CORE_EXTENSION_ID]: { extension_type: "property-extension", determination: "successful-attempt", investigation_status: "closed", incident_types: ["unauthorized-access"] },
    });
    expect(incident).toMatchObject({
      name: "Ransomware sui file server",
      description: "Un venerdì sera ...",
      x_cittadella_entry_vector: "VPN senza MFA",
      x_cittadella_time_to_recover_hours: 48,
      x_cittadella_what_worked: "Backup offline",
      x_cittadella_lessons: "MFA ovunque",
    });
    expect(one(objects, "extension-definition")).toMatchObject({ id: INCIDENT_CORE_EXTENSION_ID, name: "Incident Core Extension", extension_types: ["property-extension"] });
  });

  it("names no author of an anonymous item or reply, even when the caller passes one", () => {
    const anonymous = experienceReport({ author: comune, comments: [{ stixId: "note--9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f", body: "ok", created: new Date(), anonymous: true, author: asl }] });
    const objects = exportObjects([anonymous, advisory({ anonymous: true, author: comune })]);
    expectValid(objects);
    expect(byType(objects, "identity")).toEqual([]);
    // the extension-definition is OASIS's own object, created by OASIS's identity
    expect(objects.filter((o) => "created_by_ref" in o && o.type !== "extension-definition")).toEqual([]);
    expect(JSON.stringify(objects)).not.toContain("Comune di Esempio");
  });

  it.each(TLP_LEVELS)("marks every object %s with the OASIS TLP 2.0 marking definition", (tlp) => {
    const items: SharedItem[] = [indicator({ tlp }), advisory({ tlp, indicators: [] }), experienceReport({ tlp })];
    const objects = exportObjects(items);
    expectValid(objects);
    const marking = one(objects, "marking-definition");
    expect(marking).toEqual({
      type: "marking-definition",
      spec_version: "2.1",
      id: TLP2_MARKING_IDS[tlp],
      created: "2022-10-01T00:00:00.000Z",
      name: `TLP:${tlp.toUpperCase()}`,
      extensions: { [TLP2_EXTENSION_ID]: { extension_type: "property-extension", tlp_2_0: tlp } },
    });
    const unmarked = objects.filter((o) => !["identity", "marking-definition", "extension-definition"].includes(o.type));
    for (const object of unmarked) expect(object.object_marking_refs).toEqual([TLP2_MARKING_IDS[tlp]]);
  });

  it("assembles a schema-valid bundle, each object once, with ids stable across exports", () => {
    const items: SharedItem[] = [advisory(), indicator(), experienceReport()];
    const bundle = exportBundle(items);
    expect(referenceBundleErrors(bundle)).toEqual([]);
    expect(bundle.objects.filter((o) => ["report", "indicator", "vulnerability", "course-of-action", "relationship", "sighting"].includes(o.type)).length).toBeGreaterThan(10);
    expectValid(bundle.objects);
    const ids = bundle.objects.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(bundle.id).toMatch(/^bundle--[0-9a-f-]{36}$/);
    const again = exportBundle(items);
    expect(again.objects).toEqual(bundle.objects);
    expect(again.id).not.toBe(bundle.id);
    expect(exportBundle(items, "bundle--00000000-0000-4000-8000-000000000000").id).toBe("bundle--00000000-0000-4000-8000-000000000000");
  });
});

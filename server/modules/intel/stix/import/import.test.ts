import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportBundle } from "../export/bundle.ts";
import { advisory, experienceReport, indicator } from "../intel-items.test-helper.ts";
import { exampleFiles, readExample } from "../reference-schemas.test-helper.ts";
import type { SharedAdvisory, SharedIndicator, SharedItem } from "../source-types.ts";
import { TLP1_MARKING_IDS, TLP2_MARKING_IDS } from "../tlp.ts";
import { importStixBundle, MAX_PROBLEMS, type ImportResult } from "./import.ts";
import { isMessageKey } from "../../../../platform/i18n/messages.ts";

const options = { defaultTlp: "green" as const };

function accepted(result: ImportResult) {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems, null, 2)}`);
  return result;
}

function refused(result: ImportResult) {
  if (result.ok) throw new Error("accepted");
  return result.problems;
}

const bundle = (...objects: unknown[]) => ({ type: "bundle", id: "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", objects });
const base = { spec_version: "2.1", created: "2026-01-01T00:00:00.000Z", modified: "2026-01-02T00:00:00.000Z" };
const ipIndicator = (id: string, extra: Record<string, unknown> = {}) => ({
  type: "indicator",
  id,
  ...base,
  pattern: "[ipv4-addr:value = '192.0.2.1']",
  pattern_type: "stix",
  valid_from: "2026-01-01T00:00:00Z",
  ...extra,
});

describe("STIX import", () => {
  it.each(exampleFiles())("accepts the OASIS example %s", (file) => {
    const result = accepted(importStixBundle(readExample(file), options));
    expect(result.items.length + result.otherObjects.length).toBeGreaterThan(0);
  });

  it("maps the examples' indicators, reports and vulnerabilities to the product's items", () => {
    const c2 = accepted(importStixBundle(readExample("indicator-for-c2-ip-address.json"), options));
    expect(c2.items).toMatchObject([{ kind: "indicator", stixId: "indicator--33fe3b22-0201-47cf-85d0-97c02164528d", title: "IP Address for known C2 channel", observables: [{ type: "ipv4", value: "10.0.0.0" }], tlp: "green", anonymous: true, author: null }]);

    const poisonIvy = accepted(importStixBundle(readExample("threat-reports/poisonivy.json"), options));
    const report = poisonIvy.items.find((i): i is SharedAdvisory => i.kind === "advisory" && i.stixId.startsWith("report--"))!;
    expect(report.indicators).toHaveLength(25);
    expect(report.author?.name).toBe("FireEye, Inc.");
    expect(poisonIvy.notSearchable.map((n) => n.reason)).toEqual(expect.arrayContaining(["file:name is not a supported observable", "\"domain autuo.xicp.net\" is not a valid domain"]));
    expect(poisonIvy.otherObjects.some((o) => o.type === "malware")).toBe(true);

    const apt1 = accepted(importStixBundle(readExample("threat-reports/apt1.json"), options));
    const observables = apt1.items.flatMap((i) => (i.kind === "advisory" ? i.indicators : i.kind === "indicator" ? [i] : [])).flatMap((i) => i.observables);
    expect(observables).toEqual(expect.arrayContaining([{ type: "cidr", value: "223.166.0.0/15" }, { type: "domain", value: "hugesoft.org" }, { type: "md5", value: "001dd76872d80801692ff942308c64e6" }]));

    const marked = accepted(importStixBundle(readExample("interop-objectmarking-test.json"), options));
    expect(marked.otherObjects.map((o) => o.type)).toEqual(["campaign"]);
  });

  it("gives back exactly the items it exported", () => {
    const items: SharedItem[] = [advisory(), indicator(), experienceReport()];
    const result = accepted(importStixBundle(JSON.stringify(exportBundle(items)), options));
    expect(result.items).toEqual(items);
    expect(result.otherObjects).toEqual([]);
    expect(result.notSearchable).toEqual([]);
  });

  it("keeps a pattern it cannot search verbatim, and exports it unchanged", () => {
    const pattern = "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b']";
    const result = accepted(importStixBundle(bundle(ipIndicator("indicator--d81f86b9-975b-4c0b-875e-810c5ad45a4f", { pattern, pattern_version: "2.1" })), options));
    const imported = result.items[0] as SharedIndicator;
    expect(imported).toMatchObject({ observables: [], verbatimPattern: { pattern, patternType: "stix", patternVersion: "2.1" } });
    expect(result.notSearchable).toEqual([{ stixId: imported.stixId, reason: "comparisons joined by AND need all of them, not any" }]);
    expect(exportBundle([imported]).objects.find((o) => o.type === "indicator")?.pattern).toBe(pattern);
    const sigma = accepted(importStixBundle(bundle(ipIndicator("indicator--1f8a7a3c-1b2d-4e5f-8a9b-0c1d2e3f4a5b", { pattern: "title: x", pattern_type: "sigma" })), options));
    expect(sigma.notSearchable[0]?.reason).toBe("sigma patterns are not searchable");
  });

  it.each([
    ["TLP 2.0", [TLP2_MARKING_IDS["amber+strict"]], [], "amber+strict"],
    ["TLP 1.0 white", [TLP1_MARKING_IDS.white], [], "clear"],
    ["TLP 1.0 amber", [TLP1_MARKING_IDS.amber], [], "amber"],
    ["the most restrictive of several", [TLP2_MARKING_IDS.green, TLP1_MARKING_IDS.red], [], "red"],
    ["no marking: the caller's default", [], [], "green"],
    [
      "OpenCTI statement form",
      ["marking-definition--826578e1-40ad-459f-bc73-ede076f81f37"],
      [{ type: "marking-definition", spec_version: "2.1", id: "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37", created: "2022-01-01T00:00:00.000Z", definition_type: "statement", definition: { statement: "custom" }, x_opencti_definition_type: "TLP", x_opencti_definition: "TLP:AMBER+STRICT" }],
      "amber+strict",
    ],
    [
      "OpenCTI TLP form",
      ["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8400"],
      [{ type: "marking-definition", spec_version: "2.1", id: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8400", created: "2022-01-01T00:00:00.000Z", definition_type: "TLP", definition: { TLP: "TLP:RED" }, name: "TLP:RED" }],
      "red",
    ],
  ])("recognises %s", (_name, refs, markings, level) => {
    const marking = refs.length > 0 ? { object_marking_refs: refs } : {};
    const result = accepted(importStixBundle(bundle(...markings, ipIndicator("indicator--0b4f5a2c-7d1e-4f3a-9b8c-6d5e4f3a2b1c", marking)), options));
    expect(result.items[0]?.tlp).toBe(level);
    expect(result.otherObjects).toEqual([]);
  });

  it("reports every invalid object by index, id, type, field and reason, and maps nothing", () => {
    const problems = refused(
      importStixBundle(
        bundle(
          ipIndicator("indicator--6a3b2c1d-0e9f-4a8b-9c7d-5e4f3a2b1c0d"),
          { type: "indicator", id: "indicator--7b4c3d2e-1f0a-4b9c-8d7e-6f5a4b3c2d1e", ...base, pattern_type: "stix", valid_from: "2026-01-01T00:00:00Z" },
          ipIndicator("indicator--8c5d4e3f-2a1b-4c0d-9e8f-7a6b5c4d3e2f", { pattern: "[ipv4-addr:value = '1.2.3.4'" }),
          { type: "malware", id: "tool--9d6e5f4a-3b2c-4d1e-8f9a-8b7c6d5e4f3a", ...base, is_family: false },
          { type: "weather-report", id: "weather-report--ae7f6a5b-4c3d-4e2f-9a0b-9c8d7e6f5a4b", ...base },
          { type: "identity", id: "identity--bf8a7b6c-5d4e-4f3a-8b1c-ad9e8f7a6b5c", ...base, name: "x", created: "yesterday" },
          { type: "marking-definition", spec_version: "2.1", id: TLP2_MARKING_IDS.red, created: "2022-10-01T00:00:00.000Z", name: "TLP:CLEAR", extensions: { "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": { extension_type: "property-extension", tlp_2_0: "clear" } } },
          "not an object",
          ipIndicator("indicator--c09b8c7d-6e5f-4a4b-9c2d-be0f9a8b7c6d", { spec_version: "2.0", confidence: 101 }),
          {
            type: "incident",
            id: "incident--d1a0b9c8-7f6e-4d5c-8b3a-cf1e0a9b8c70",
            ...base,
            name: "x",
            extensions: { "extension-definition--ef765651-680c-498d-9894-99799f2fa126": { extension_type: "property-extension", determination: "maybe", investigation_status: "new" } },
          },
        ),
        options,
      ),
    );
    expect(problems.map((p) => [p.index, p.id, p.type, p.field, p.reason])).toEqual([
      [1, "indicator--7b4c3d2e-1f0a-4b9c-8d7e-6f5a4b3c2d1e", "indicator", "pattern", "required"],
      [2, "indicator--8c5d4e3f-2a1b-4c0d-9e8f-7a6b5c4d3e2f", "indicator", "pattern", "stix_pattern_invalid"],
      [3, "tool--9d6e5f4a-3b2c-4d1e-8f9a-8b7c6d5e4f3a", "malware", "id", "stix_id_type_mismatch"],
      [4, "weather-report--ae7f6a5b-4c3d-4e2f-9a0b-9c8d7e6f5a4b", "weather-report", "type", "stix_unknown_type"],
      [5, "identity--bf8a7b6c-5d4e-4f3a-8b1c-ad9e8f7a6b5c", "identity", "created", "invalid_format"],
      [6, TLP2_MARKING_IDS.red, "marking-definition", "id", "stix_tlp_forged"],
      [7, null, null, "", "stix_not_object"],
      [8, "indicator--c09b8c7d-6e5f-4a4b-9c2d-be0f9a8b7c6d", "indicator", "spec_version", "stix_spec_version"],
      [8, "indicator--c09b8c7d-6e5f-4a4b-9c2d-be0f9a8b7c6d", "indicator", "confidence", "too_big_number"],
      [9, "incident--d1a0b9c8-7f6e-4d5c-8b3a-cf1e0a9b8c70", "incident", "extensions.extension-definition--ef765651-680c-498d-9894-99799f2fa126.determination", "invalid_value"],
    ]);
    expect(problems[4]?.message).toBe("created is not a valid YYYY-MM-DDThh:mm:ss[.sss]Z");
    // every reason of our own has its Italian and English text
    for (const p of problems.filter((p) => p.reason.startsWith("stix_"))) expect(isMessageKey(p.reason), p.reason).toBe(true);
    expect(problems[1]).toMatchObject({ params: { position: 28 }, message: "invalid STIX pattern: expected ']', found end of pattern (position 28)" });
    expect(problems[5]?.message).toBe("this id is reserved for TLP:RED but the marking says clear");
  });

  it.each([
    ["malformed JSON", '{"type": "bundle", "objects": [', "", "stix_malformed_json"],
    ["a list", "[]", "", "stix_not_bundle"],
    ["a bundle with a bad id", JSON.stringify({ type: "bundle", id: "bundle--1", objects: [] }), "id", "invalid_format"],
    ["objects that are not a list", JSON.stringify({ ...bundle(), objects: {} }), "objects", "invalid_type"],
    ["absurd nesting", `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[${"[".repeat(200_000)}${"]".repeat(200_000)}]}`, null, null],
  ])("refuses %s with a clear problem", (_name, text, field, reason) => {
    const problems = refused(importStixBundle(text, options));
    expect(problems.length).toBeGreaterThan(0);
    if (field !== null) expect(problems[0]).toMatchObject({ field, reason });
    else expect(["stix_malformed_json", "stix_not_object"]).toContain(problems[0]?.reason);
  });

  it("bounds nesting, string length and the length of the problem list", () => {
    const deep = ipIndicator("indicator--d1a0b9c8-7f6e-4d5c-8b3a-cf1e0a9b8c7d", { x_deep: JSON.parse(`${"[".repeat(40)}1${"]".repeat(40)}`) });
    expect(refused(importStixBundle(bundle(deep), options))[0]).toMatchObject({ reason: "stix_too_deep" });
    const huge = ipIndicator("indicator--e2b1c0d9-8a7f-4e6d-9c4b-d02f1b0a9c8d", { description: "x".repeat(1_000_001) });
    expect(refused(importStixBundle(bundle(huge), options))[0]).toMatchObject({ field: "description", reason: "too_big_string" });
    const many = refused(importStixBundle(bundle(...Array.from({ length: 1500 }, () => "junk")), options));
    expect(many).toHaveLength(MAX_PROBLEMS + 1);
    expect(many.at(-1)).toMatchObject({ reason: "stix_too_many_problems" });
  });

  it("imports a replayed or versioned object once, latest version first", () => {
    const id = "indicator--f3c2d1e0-9b8a-4f7e-8d5c-e13a2c1b0d9e";
    const older = ipIndicator(id, { name: "old", modified: "2026-01-02T00:00:00.000Z" });
    const newer = ipIndicator(id, { name: "new", modified: "2026-01-03T00:00:00.000Z" });
    const result = accepted(importStixBundle(bundle(newer, older, newer), options));
    expect(result.items.map((i) => [i.stixId, i.title])).toEqual([[id, "new"]]);
  });

  it("keeps valid custom objects, the x- kind and extension-defined kind, as other objects", () => {
    const result = accepted(
      importStixBundle(
        bundle(
          { type: "x-acme-alert", id: "x-acme-alert--a4d3e2f1-0c9b-4a8f-9e7d-f24b3d2c1e0f", ...base, severity: "high" },
          { type: "event", id: "event--b5e4f3a2-1d0c-4b9a-8f8e-035c4e3d2f1a", ...base, extensions: { "extension-definition--4ca6de00-5b0d-45ef-a1dc-ea7279ea910e": { extension_type: "new-sdo" } } },
        ),
        options,
      ),
    );
    expect(result.items).toEqual([]);
    expect(result.otherObjects.map((o) => o.type)).toEqual(["x-acme-alert", "event"]);
  });

  it("has Italian and English text for every reason of its own", () => {
    const dir = new URL("./", import.meta.url);
    const sources = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    const reasons = new Set(sources.flatMap((f) => [...readFileSync(new URL(f, dir), "utf8").matchAll(/"(stix_[a-z_]+)"/g)].map((m) => m[1]!)));
    reasons.delete("stix_identifier");
    expect(reasons.size).toBeGreaterThan(10);
    for (const reason of reasons) expect(isMessageKey(reason), reason).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { derivedStixId, isStixId, observableStixId, organisationIdentityId, uuidV5 } from "./ids.ts";
import { mostRestrictiveTlp, parseTlpName, TLP1_MARKING_IDS, TLP2_MARKING_IDS, tlpFromMarkingDefinition, tlpMarkingDefinition } from "./tlp.ts";

describe("TLP markings", () => {
  it("recognises every form a marking states its level in", () => {
    expect(tlpFromMarkingDefinition(tlpMarkingDefinition("amber+strict") as unknown as Record<string, unknown>)).toEqual({ kind: "tlp", level: "amber+strict" });
    expect(tlpFromMarkingDefinition({ id: TLP1_MARKING_IDS.white, definition_type: "tlp", definition: { tlp: "white" } })).toEqual({ kind: "tlp", level: "clear" });
    expect(tlpFromMarkingDefinition({ id: "marking-definition--1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a", definition_type: "statement", definition: { statement: "custom" }, x_opencti_definition_type: "TLP", x_opencti_definition: "TLP:AMBER+STRICT" })).toEqual({ kind: "tlp", level: "amber+strict" });
    expect(tlpFromMarkingDefinition({ id: "marking-definition--2d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a", definition_type: "TLP", definition: "TLP:GREEN" })).toEqual({ kind: "tlp", level: "green" });
    expect(tlpFromMarkingDefinition({ id: "marking-definition--3d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a", definition_type: "statement", definition: { statement: "Copyright" } })).toEqual({ kind: "not-tlp" });
  });

  it("refuses levels it does not know and reserved ids that say another level", () => {
    expect(tlpFromMarkingDefinition({ id: "marking-definition--4d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a", x_opencti_definition_type: "TLP", x_opencti_definition: "TLP:PURPLE" })).toEqual({ kind: "unknown-level", claimed: "TLP:PURPLE" });
    expect(tlpFromMarkingDefinition({ id: TLP1_MARKING_IDS.red, definition_type: "tlp", definition: { tlp: "white" } })).toEqual({ kind: "forged", reservedLevel: "red", claimed: "white" });
    expect(tlpFromMarkingDefinition({ id: TLP2_MARKING_IDS.amber, definition_type: "statement", definition: { statement: "x" } })).toEqual({ kind: "forged", reservedLevel: "amber", claimed: "(no TLP level)" });
  });

  it("names levels in any case and picks the most restrictive", () => {
    expect(["TLP:CLEAR", "tlp:white", "Amber+Strict", "RED", "purple"].map(parseTlpName)).toEqual(["clear", "clear", "amber+strict", "red", null]);
    expect(mostRestrictiveTlp(["green", "amber+strict", "amber"])).toBe("amber+strict");
    expect(mostRestrictiveTlp([])).toBeNull();
  });
});

describe("STIX ids", () => {
  it("computes RFC 4122 version 5 UUIDs", () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
    expect(uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org")).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
  });

  it("derives stable, distinct, valid ids", () => {
    const report = "report--6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    const a = derivedStixId("vulnerability", report, "CVE-2024-1");
    expect(a).toBe(derivedStixId("vulnerability", report, "CVE-2024-1"));
    expect(a).not.toBe(derivedStixId("vulnerability", report, "CVE-2024-2"));
    expect(isStixId(a, "vulnerability")).toBe(true);
    expect(isStixId(organisationIdentityId("0b8f6c1e-1111-4a2b-9c3d-4e5f6a7b8c9d"), "identity")).toBe(true);
    expect(observableStixId("software", { vendor: "acme", name: "portale" })).toBe(observableStixId("software", { name: "portale", vendor: "acme" }));
  });
});

import { derivedStixId, observableStixId, stixTimestamp } from "../ids.ts";
import type { AffectedProduct, Remediation, SharedAdvisory } from "../source-types.ts";
import { TLP2_MARKING_IDS } from "../tlp.ts";
import { commonProperties, CUSTOM_PREFIX, identitiesOf, relationshipObject, sightingAndNotes, withoutEmpty, type StixObject } from "./common.ts";
import { exportIndicator } from "./indicator.ts";

// An advisory is a report grouping: one vulnerability per CVE (with its CVE external
// reference), one course of action per patch or mitigation (which mitigates each
// vulnerability), its indicators (which indicate each vulnerability, as OpenCTI draws it), and a
// software observable per affected product. Severity, version ranges and validity have no STIX
// property, so they travel as x_cittadella_ custom properties on the report.

export const REMEDIATION_KIND = `${CUSTOM_PREFIX}remediation`;

function vulnerabilityObject(advisory: SharedAdvisory, cve: string): StixObject {
  return {
    ...commonProperties(advisory, "vulnerability", derivedStixId("vulnerability", advisory.stixId, cve)),
    name: cve,
    external_references: [{ source_name: "cve", external_id: cve, url: `https://nvd.nist.gov/vuln/detail/${cve}` }],
  };
}

/** Ids derive from the position, so editing a patch's title makes a new version, not a new object. */
function courseOfActionObject(advisory: SharedAdvisory, kind: "patch" | "mitigation", remediation: Remediation, index: number): StixObject {
  return withoutEmpty({
    ...commonProperties(advisory, "course-of-action", derivedStixId("course-of-action", advisory.stixId, `${kind}|${index}`)),
    name: remediation.title,
    description: remediation.steps,
    external_references: remediation.url ? [{ source_name: kind, url: remediation.url }] : undefined,
    [REMEDIATION_KIND]: kind,
  });
}

/** A software observable: its id is the STIX deterministic one, so equal products merge. */
function softwareObject(advisory: SharedAdvisory, product: AffectedProduct): StixObject {
  const contributing: Record<string, string> = { name: product.product, vendor: product.vendor };
  if (product.cpe) contributing.cpe = product.cpe;
  return {
    type: "software",
    spec_version: "2.1",
    id: observableStixId("software", contributing),
    ...contributing,
    object_marking_refs: [TLP2_MARKING_IDS[advisory.tlp]],
  };
}

function affectedProductProperty(product: AffectedProduct): Record<string, string> {
  return withoutEmpty({
    vendor: product.vendor,
    product: product.product,
    version_start_including: product.versionStartIncluding,
    version_start_excluding: product.versionStartExcluding,
    version_end_including: product.versionEndIncluding,
    version_end_excluding: product.versionEndExcluding,
    cpe: product.cpe,
  }) as unknown as Record<string, string>;
}

/** Every object of an advisory, its report first after the identities. */
export function exportAdvisory(input: SharedAdvisory): StixObject[] {
  // an anonymous advisory's indicators must not name the author the advisory hides
  const advisory = input.anonymous ? { ...input, indicators: input.indicators.map((i) => ({ ...i, anonymous: true, author: null })) } : input;
  const vulnerabilities = advisory.cveIds.map((cve) => vulnerabilityObject(advisory, cve));
  const coursesOfAction = [
    ...advisory.patches.map((p, i) => courseOfActionObject(advisory, "patch", p, i)),
    ...advisory.mitigations.map((m, i) => courseOfActionObject(advisory, "mitigation", m, i)),
  ];
  const software = [...new Map(advisory.affectedProducts.map((p) => softwareObject(advisory, p)).map((s) => [s.id, s])).values()];
  const relationships = vulnerabilities.flatMap((v) => [
    ...coursesOfAction.map((c) => relationshipObject(advisory, "mitigates", c.id, v.id)),
    ...advisory.indicators.map((i) => relationshipObject(advisory, "indicates", i.stixId, v.id)),
  ]);
  const indicatorObjects = advisory.indicators.flatMap(exportIndicator);
  const extras = sightingAndNotes(advisory, advisory.stixId);
  const grouped = [...vulnerabilities, ...coursesOfAction, ...software, ...relationships].map((o) => o.id);
  const objectRefs = [...grouped, ...advisory.indicators.map((i) => i.stixId)];
  const report = withoutEmpty({
    ...commonProperties(advisory, "report", advisory.stixId),
    name: advisory.title,
    description: advisory.summary,
    report_types: ["vulnerability"],
    published: stixTimestamp(advisory.created),
    // a report must refer to something: an advisory with nothing attached refers to its marking
    object_refs: objectRefs.length > 0 ? objectRefs : [TLP2_MARKING_IDS[advisory.tlp]],
    external_references: advisory.references.map((r) => withoutEmpty({ source_name: "reference", description: r.title, url: r.url })),
    [`${CUSTOM_PREFIX}severity`]: advisory.severity,
    [`${CUSTOM_PREFIX}valid_until`]: advisory.validUntil ? stixTimestamp(advisory.validUntil) : undefined,
    [`${CUSTOM_PREFIX}affected_products`]: advisory.affectedProducts.map(affectedProductProperty),
  });
  return [...identitiesOf(advisory), report, ...vulnerabilities, ...coursesOfAction, ...software, ...relationships, ...indicatorObjects, ...extras];
}

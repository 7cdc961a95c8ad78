import { CUSTOM_PREFIX, type StixObject } from "../export/common.ts";
import { INCIDENT_CORE_EXTENSION_ID } from "../export/experience.ts";
import { analyseStixPattern, indicatorPattern } from "../pattern/index.ts";
import {
  ADVISORY_SEVERITIES,
  type AdvisoryReference,
  type AdvisorySeverity,
  type AffectedProduct,
  type Remediation,
  type SharedAdvisory,
  type SharedExperienceReport,
  type SharedIndicator,
} from "../source-types.ts";
import { optionalDate, optionalString, type BundleContext } from "./context.ts";

// STIX objects back to the product's items. Our own exports come back field for field (the
// x_cittadella_ properties); foreign objects map to the nearest meaning, documented in
// docs/INTEL.md ("STIX mapping").

const CVE = /^CVE-\d{4}-\d{4,}$/;

export interface MappedIndicator {
  indicator: SharedIndicator;
  /** why the product cannot search it, when it cannot */
  notSearchable: string | null;
}

export function mapIndicator(context: BundleContext, object: StixObject): MappedIndicator {
  const pattern = String(object.pattern);
  const patternType = String(object.pattern_type);
  const analysis = patternType === "stix" ? analyseStixPattern(pattern) : null;
  const observables = analysis?.valid && analysis.searchable ? analysis.observables : [];
  const notSearchable = analysis === null ? `${patternType} patterns are not searchable` : analysis.valid && !analysis.searchable ? analysis.reason : null;
  // a pattern we would write the same way needs no verbatim copy; any other is kept as received
  const rewritten = observables.length > 0 ? indicatorPattern(observables) : null;
  const verbatimPattern = rewritten === pattern ? null : { pattern, patternType, ...(typeof object.pattern_version === "string" ? { patternVersion: object.pattern_version } : {}) };
  const title = optionalString(object.name) ?? observables[0]?.value ?? pattern;
  const indicator: SharedIndicator = {
    kind: "indicator",
    ...context.common(object, title, optionalDate(object.valid_until)),
    observables,
    verbatimPattern,
    description: optionalString(object.description),
    firstSeen: optionalDate(object[`${CUSTOM_PREFIX}first_seen`]) ?? optionalDate(object.valid_from),
    lastSeen: optionalDate(object[`${CUSTOM_PREFIX}last_seen`]),
    confidence: typeof object.confidence === "number" ? object.confidence : null,
  };
  return { indicator, notSearchable };
}

function cveIdsOf(vulnerability: StixObject): string[] {
  const references = (vulnerability.external_references as { source_name?: string; external_id?: string }[] | undefined) ?? [];
  const fromReferences = references.filter((r) => r.source_name === "cve" && r.external_id && CVE.test(r.external_id)).map((r) => r.external_id!);
  const name = String(vulnerability.name);
  return fromReferences.length > 0 ? fromReferences : CVE.test(name) ? [name] : [];
}

function remediationOf(courseOfAction: StixObject): Remediation {
  const references = (courseOfAction.external_references as { url?: string }[] | undefined) ?? [];
  return { title: String(courseOfAction.name), url: references.find((r) => r.url)?.url ?? null, steps: optionalString(courseOfAction.description) };
}

/** Our x_cittadella_affected_products when present, else the software observables referred to. */
function affectedProductsOf(report: StixObject, software: readonly StixObject[]): AffectedProduct[] {
  const own = report[`${CUSTOM_PREFIX}affected_products`];
  if (Array.isArray(own)) {
    return own
      .filter((p): p is Record<string, unknown> => typeof p === "object" && p !== null && typeof p.vendor === "string" && typeof p.product === "string")
      .map((p) => ({
        vendor: String(p.vendor),
        product: String(p.product),
        versionStartIncluding: optionalString(p.version_start_including),
        versionStartExcluding: optionalString(p.version_start_excluding),
        versionEndIncluding: optionalString(p.version_end_including),
        versionEndExcluding: optionalString(p.version_end_excluding),
        cpe: optionalString(p.cpe),
      }));
  }
  return software.map((s) => {
    const version = optionalString(s.version);
    return { vendor: optionalString(s.vendor) ?? "", product: String(s.name), versionStartIncluding: version, versionStartExcluding: null, versionEndIncluding: version, versionEndExcluding: null, cpe: optionalString(s.cpe) };
  });
}

/**
 * A report becomes an advisory grouping what it refers to: vulnerabilities (CVE ids), courses
 * of action (patches or mitigations), indicators and software. A foreign report has no
 * severity, so it is "medium" until someone in the product judges it.
 */
export function mapReport(context: BundleContext, report: StixObject, indicators: ReadonlyMap<string, MappedIndicator>): SharedAdvisory {
  const refs = (report.object_refs as string[]).map((id) => context.byId.get(id)).filter((o): o is StixObject => o !== undefined);
  const ofType = (type: string) => refs.filter((o) => o.type === type);
  const courses = ofType("course-of-action");
  const severity = report[`${CUSTOM_PREFIX}severity`];
  const references = ((report.external_references as { source_name?: string; description?: string; url?: string }[] | undefined) ?? [])
    .filter((r) => r.url && r.source_name !== "cve")
    .map((r): AdvisoryReference => ({ title: r.description ?? (r.source_name === "reference" ? null : (r.source_name ?? null)), url: r.url! }));
  for (const o of [...ofType("vulnerability"), ...courses, ...ofType("software"), ...ofType("relationship")]) context.consumed.add(o.id);
  return {
    kind: "advisory",
    ...context.common(report, String(report.name), optionalDate(report[`${CUSTOM_PREFIX}valid_until`])),
    summary: optionalString(report.description) ?? "",
    severity: ADVISORY_SEVERITIES.includes(severity as AdvisorySeverity) ? (severity as AdvisorySeverity) : "medium",
    affectedProducts: affectedProductsOf(report, ofType("software")),
    cveIds: [...new Set(ofType("vulnerability").flatMap(cveIdsOf))],
    patches: courses.filter((c) => c[`${CUSTOM_PREFIX}remediation`] === "patch").map(remediationOf),
    mitigations: courses.filter((c) => c[`${CUSTOM_PREFIX}remediation`] !== "patch").map(remediationOf),
    references,
    indicators: ofType("indicator").flatMap((o) => {
      const mapped = indicators.get(o.id);
      return mapped ? [mapped.indicator] : [];
    }),
  };
}

/** A vulnerability no report groups is an advisory of its own, with what mitigates it. */
export function mapVulnerability(context: BundleContext, vulnerability: StixObject, relationships: readonly StixObject[]): SharedAdvisory {
  const mitigations = relationships.filter((r) => r.relationship_type === "mitigates" && r.target_ref === vulnerability.id);
  const courses = mitigations.map((r) => context.byId.get(String(r.source_ref))).filter((o): o is StixObject => o?.type === "course-of-action");
  for (const o of [...mitigations, ...courses]) context.consumed.add(o.id);
  return {
    kind: "advisory",
    ...context.common(vulnerability, String(vulnerability.name), null),
    summary: optionalString(vulnerability.description) ?? "",
    severity: "medium",
    affectedProducts: [],
    cveIds: cveIdsOf(vulnerability),
    patches: courses.filter((c) => c[`${CUSTOM_PREFIX}remediation`] === "patch").map(remediationOf),
    mitigations: courses.filter((c) => c[`${CUSTOM_PREFIX}remediation`] !== "patch").map(remediationOf),
    references: [],
    indicators: [],
  };
}

/** An incident becomes an experience report; the Incident Core Extension fills the gaps. */
export function mapIncident(context: BundleContext, incident: StixObject): SharedExperienceReport {
  const extension = ((incident.extensions as Record<string, Record<string, unknown>> | undefined) ?? {})[INCIDENT_CORE_EXTENSION_ID] ?? {};
  const incidentTypes = Array.isArray(extension.incident_types) ? extension.incident_types.map(String) : [];
  const detectionMethods = Array.isArray(extension.detection_methods) ? extension.detection_methods.map(String) : [];
  const custom = (name: string) => optionalString(incident[`${CUSTOM_PREFIX}${name}`]);
  const hours = incident[`${CUSTOM_PREFIX}time_to_recover_hours`];
  return {
    kind: "experience_report",
    ...context.common(incident, String(incident.name), optionalDate(incident[`${CUSTOM_PREFIX}valid_until`])),
    attackType: custom("attack_type") ?? incidentTypes[0] ?? "unknown",
    entryVector: custom("entry_vector"),
    impact: custom("impact"),
    timeToRecoverHours: typeof hours === "number" && Number.isInteger(hours) && hours >= 0 ? hours : null,
    detection: custom("detection") ?? (detectionMethods.length > 0 ? detectionMethods.join(", ") : null),
    whatWorked: custom("what_worked"),
    lessons: custom("lessons"),
    narrative: optionalString(incident.description) ?? "",
  };
}

import { stixTimestamp } from "../ids.ts";
import type { SharedExperienceReport } from "../source-types.ts";
import { commonProperties, CUSTOM_PREFIX, identitiesOf, sightingAndNotes, withoutEmpty, type StixObject } from "./common.ts";

// An experience report is an incident carrying the OASIS Incident Core Extension
// (oasis-open/cti-stix-common-objects, extension-definition-specifications/incident-core): the
// core incident is a stub, the extension is what TIPs read. Our free-text fields (entry vector,
// impact, what worked, lessons) have no home there, so they are x_cittadella_ properties.

export const INCIDENT_CORE_EXTENSION_ID = "extension-definition--ef765651-680c-498d-9894-99799f2fa126";

/** The extension-definition object as OASIS publishes it (objects/extension-definition/). */
export const INCIDENT_CORE_EXTENSION_DEFINITION: Readonly<Record<string, unknown>> = Object.freeze({
  id: INCIDENT_CORE_EXTENSION_ID,
  type: "extension-definition",
  spec_version: "2.1",
  name: "Incident Core Extension",
  description:
    "A core extension of the Incident object to allow core details of the Incident to be shared while tracking major details tied to the incident's timeline.  Multiple Incidents can be tied together via relationships if a higher degree of fidelity is needed across phases.",
  created: "2020-10-19T20:51:00.000Z",
  modified: "2022-10-27T15:09:00.000Z",
  created_by_ref: "identity--8ce3f695-d5a4-4dc8-9e93-a65af453a31a",
  schema: "https://github.com/oasis-open/cti-stix-common-objects/tree/main/extension-definition-specifications/incident-core",
  version: "1.1.0",
  extension_types: ["property-extension"],
});

/** incident-type-ov values of the extension, for attack types that are one of them. */
const INCIDENT_TYPES = new Set([
  "compromised-system", "denial-of-service", "destruction", "equipment-loss", "equipment-theft", "major",
  "supply-chain-customer", "supply-chain-vendor", "unauthorized-access", "unauthorized-equipment",
  "unauthorized-release", "unauthorized-use",
]);

export interface IncidentCoreExtension {
  extension_type: "property-extension";
  /** incident-determination-enum: an experience shared after the fact is a successful attempt */
  determination: "blocked" | "failed-attempt" | "false-positive" | "low-value" | "successful-attempt" | "suspected";
  /** incident-investigation-ov: what is shared as experience is concluded */
  investigation_status: string;
  incident_types?: string[];
}

export function incidentObject(report: SharedExperienceReport): StixObject {
  const attackType = report.attackType.trim().toLowerCase();
  const extension: IncidentCoreExtension = {
    extension_type: "property-extension",
    determination: "successful-attempt",
    investigation_status: "closed",
    // the open vocabulary allows other values, but only the listed ones mean the same to everyone
    ...(INCIDENT_TYPES.has(attackType) ? { incident_types: [attackType] } : {}),
  };
  return withoutEmpty({
    ...commonProperties(report, "incident", report.stixId),
    name: report.title,
    description: report.narrative,
    extensions: { [INCIDENT_CORE_EXTENSION_ID]: extension },
    [`${CUSTOM_PREFIX}attack_type`]: report.attackType,
    [`${CUSTOM_PREFIX}entry_vector`]: report.entryVector,
    [`${CUSTOM_PREFIX}impact`]: report.impact,
    [`${CUSTOM_PREFIX}time_to_recover_hours`]: report.timeToRecoverHours ?? undefined,
    [`${CUSTOM_PREFIX}detection`]: report.detection,
    [`${CUSTOM_PREFIX}what_worked`]: report.whatWorked,
    [`${CUSTOM_PREFIX}lessons`]: report.lessons,
    [`${CUSTOM_PREFIX}valid_until`]: report.validUntil ? stixTimestamp(report.validUntil) : undefined,
  });
}

/** An experience report with its author (unless anonymous), sighting count and comments. */
export function exportExperienceReport(report: SharedExperienceReport): StixObject[] {
  return [...identitiesOf(report), incidentObject(report), ...sightingAndNotes(report, report.stixId)];
}

import { randomUUID } from "node:crypto";
import type { SharedItem } from "../source-types.ts";
import { TLP2_MARKING_IDS, tlpFromMarkingId, tlpMarkingDefinition } from "../tlp.ts";
import { exportAdvisory } from "./advisory.ts";
import type { StixObject } from "./common.ts";
import { exportExperienceReport, INCIDENT_CORE_EXTENSION_DEFINITION, INCIDENT_CORE_EXTENSION_ID } from "./experience.ts";
import { exportIndicator } from "./indicator.ts";

export interface StixBundle {
  type: "bundle";
  id: string;
  objects: StixObject[];
}

/** The objects of one item, without the marking and extension definitions they refer to. */
export function exportItemObjects(item: SharedItem): StixObject[] {
  switch (item.kind) {
    case "advisory":
      return exportAdvisory(item);
    case "indicator":
      return exportIndicator(item);
    case "experience_report":
      return exportExperienceReport(item);
  }
}

/**
 * The definitions objects refer to: the OASIS TLP 2.0 markings in use, most open first, and
 * the Incident Core extension-definition when an incident uses it. Consumers need them to read
 * the markings, and a TAXII collection serves them like any other object.
 */
export function definitionsFor(objects: readonly StixObject[]): StixObject[] {
  const markingIds = new Set(objects.flatMap((o) => (Array.isArray(o.object_marking_refs) ? (o.object_marking_refs as string[]) : [])));
  const markings = Object.entries(TLP2_MARKING_IDS)
    .filter(([, id]) => markingIds.has(id))
    .map(([, id]) => tlpMarkingDefinition(tlpFromMarkingId(id)!) as unknown as StixObject);
  const usesIncidentCore = objects.some((o) => typeof o.extensions === "object" && o.extensions !== null && INCIDENT_CORE_EXTENSION_ID in o.extensions);
  return [...markings, ...(usesIncidentCore ? [{ ...INCIDENT_CORE_EXTENSION_DEFINITION } as StixObject] : [])];
}

/** Every object of the items plus their definitions, each id once (shared identities repeat). */
export function exportObjects(items: readonly SharedItem[]): StixObject[] {
  const objects = items.flatMap(exportItemObjects);
  const unique = new Map<string, StixObject>();
  for (const object of [...definitionsFor(objects), ...objects]) if (!unique.has(object.id)) unique.set(object.id, object);
  return [...unique.values()];
}

/** A STIX 2.1 bundle of the items; the id is random unless given (bundles are transport, not stored). */
export function exportBundle(items: readonly SharedItem[], bundleId = `bundle--${randomUUID()}`): StixBundle {
  return { type: "bundle", id: bundleId, objects: exportObjects(items) };
}

import { stixTimestamp } from "../ids.ts";
import { indicatorPattern } from "../pattern/observables.ts";
import type { SharedIndicator } from "../source-types.ts";
import { commonProperties, CUSTOM_PREFIX, identitiesOf, sightingAndNotes, withoutEmpty, type StixObject } from "./common.ts";

/** The indicator object: our observables as one STIX pattern, or the pattern it was imported with. */
export function indicatorObject(indicator: SharedIndicator): StixObject {
  const pattern = indicator.verbatimPattern ?? { pattern: indicatorPattern(indicator.observables), patternType: "stix", patternVersion: "2.1" };
  // valid_from is when the indicator became worth acting on: first seen, else when shared.
  // STIX requires valid_until to be later, so an already expired indicator starts just before it.
  let validFrom = indicator.firstSeen ?? indicator.created;
  if (indicator.validUntil && indicator.validUntil.getTime() <= validFrom.getTime()) validFrom = new Date(indicator.validUntil.getTime() - 1);
  return withoutEmpty({
    ...commonProperties(indicator, "indicator", indicator.stixId),
    name: indicator.title,
    description: indicator.description,
    indicator_types: ["malicious-activity"],
    pattern: pattern.pattern,
    pattern_type: pattern.patternType,
    pattern_version: pattern.patternVersion,
    valid_from: stixTimestamp(validFrom),
    valid_until: indicator.validUntil ? stixTimestamp(indicator.validUntil) : undefined,
    confidence: indicator.confidence ?? undefined,
    [`${CUSTOM_PREFIX}first_seen`]: indicator.firstSeen ? stixTimestamp(indicator.firstSeen) : undefined,
    [`${CUSTOM_PREFIX}last_seen`]: indicator.lastSeen ? stixTimestamp(indicator.lastSeen) : undefined,
  });
}

/** A shared indicator with its author, sighting count and comments. */
export function exportIndicator(indicator: SharedIndicator): StixObject[] {
  return [...identitiesOf(indicator), indicatorObject(indicator), ...sightingAndNotes(indicator, indicator.stixId)];
}

// The STIX 2.1 library of the intel module: pure functions, no database, no routes.
// Export: shared items -> STIX objects and bundles. Import: bundle -> validated objects -> items.
// Patterns: parser and the mapping between patterns and indicator observables. See docs/INTEL.md.

export * from "./source-types.ts";
export { derivedStixId, isStixId, observableStixId, organisationIdentityId, stixIdType, stixTimestamp, uuidV5 } from "./ids.ts";
export {
  mostRestrictiveTlp,
  parseTlpName,
  TLP1_MARKING_IDS,
  TLP2_EXTENSION_ID,
  TLP2_MARKING_IDS,
  tlpFromMarkingDefinition,
  tlpFromMarkingId,
  tlpMarkingDefinition,
  type MarkingTlp,
  type TlpMarkingDefinition,
} from "./tlp.ts";
export type { StixObject } from "./export/common.ts";
export { definitionsFor, exportBundle, exportItemObjects, exportObjects, type StixBundle } from "./export/bundle.ts";
export { INCIDENT_CORE_EXTENSION_DEFINITION, INCIDENT_CORE_EXTENSION_ID } from "./export/experience.ts";
export { importStixBundle, latestVersions, mapStixObjects, MAX_PROBLEMS, type ImportedBundle, type ImportOptions, type ImportResult } from "./import/import.ts";
export { parseStixJson, type ParsedBundle } from "./import/parse.ts";
export { validateStixObject, type ValidatedObject } from "./import/validate.ts";
export type { ImportProblem } from "./import/problems.ts";
export * from "./pattern/index.ts";

import { z } from "zod";

// Our own zod schemas of the STIX 2.1 objects (shipped code must not depend on the OASIS
// reference files). Objects are loose: custom properties pass through untouched. Required
// properties follow the specification; timestamps may omit the milliseconds that STIX asks for
// on created/modified, since many producers write whole seconds.

const MAX_TEXT = 1_000_000;

const TIMESTAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
export const stixTimestamp = z.string().refine((v) => TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)), { error: "timestamp" });

export const stixIdentifier = z
  .string()
  .regex(/^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/, { error: "stix_identifier" });

const refTo = (...types: string[]) => stixIdentifier.refine((id) => types.some((t) => id.startsWith(`${t}--`)), { error: `stix_identifier_of:${types.join("|")}` });

const text = z.string().max(MAX_TEXT);
const nonEmptyList = <T extends z.ZodType>(item: T) => z.array(item).min(1);

const externalReference = z.looseObject({
  source_name: text,
  description: text.optional(),
  url: text.optional(),
  external_id: text.optional(),
  hashes: z.record(z.string(), z.string()).optional(),
});

const granularMarking = z.looseObject({ selectors: nonEmptyList(z.string()), marking_ref: refTo("marking-definition").optional(), lang: z.string().optional() });

/** Extensions: predefined "-ext" ones or extension-definition ones with their extension_type. */
const extensions = z.record(z.string(), z.record(z.string(), z.unknown()));

/** Common properties of SDOs and SROs (spec 3.2). */
export const domainObjectCore = z.looseObject({
  type: z.string(),
  spec_version: z.literal("2.1", { error: "stix_spec_version" }),
  id: stixIdentifier,
  created: stixTimestamp,
  modified: stixTimestamp,
  created_by_ref: refTo("identity").optional(),
  revoked: z.boolean().optional(),
  labels: nonEmptyList(text).optional(),
  confidence: z.int().min(0).max(100).optional(),
  lang: z.string().optional(),
  external_references: nonEmptyList(externalReference).optional(),
  object_marking_refs: nonEmptyList(refTo("marking-definition")).optional(),
  granular_markings: nonEmptyList(granularMarking).optional(),
  extensions: extensions.optional(),
});

/** Common properties of cyber observables (spec 6.1): no created/modified, spec_version optional. */
export const observableCore = z.looseObject({
  type: z.string(),
  spec_version: z.literal("2.1", { error: "stix_spec_version" }).optional(),
  id: stixIdentifier,
  object_marking_refs: nonEmptyList(refTo("marking-definition")).optional(),
  granular_markings: nonEmptyList(granularMarking).optional(),
  defanged: z.boolean().optional(),
  extensions: extensions.optional(),
});

const named = domainObjectCore.extend({ name: text, description: text.optional() });

export const indicatorSchema = domainObjectCore.extend({
  name: text.optional(),
  description: text.optional(),
  indicator_types: nonEmptyList(z.string()).optional(),
  pattern: text,
  pattern_type: z.string(),
  pattern_version: z.string().optional(),
  valid_from: stixTimestamp,
  valid_until: stixTimestamp.optional(),
});

export const reportSchema = named.extend({ report_types: nonEmptyList(z.string()).optional(), published: stixTimestamp, object_refs: nonEmptyList(stixIdentifier) });
export const noteSchema = domainObjectCore.extend({ abstract: text.optional(), content: text, authors: nonEmptyList(z.string()).optional(), object_refs: nonEmptyList(stixIdentifier) });
export const identitySchema = named.extend({ identity_class: z.string().optional(), sectors: nonEmptyList(z.string()).optional(), contact_information: text.optional() });
export const sightingSchema = domainObjectCore.extend({
  sighting_of_ref: stixIdentifier,
  count: z.int().min(0).max(999_999_999).optional(),
  first_seen: stixTimestamp.optional(),
  last_seen: stixTimestamp.optional(),
  observed_data_refs: nonEmptyList(refTo("observed-data")).optional(),
  where_sighted_refs: nonEmptyList(refTo("identity", "location")).optional(),
  summary: z.boolean().optional(),
});
export const relationshipSchema = domainObjectCore.extend({
  relationship_type: z.string().regex(/^[a-z0-9-]+$/, { error: "relationship_type" }),
  description: text.optional(),
  source_ref: stixIdentifier,
  target_ref: stixIdentifier,
  start_time: stixTimestamp.optional(),
  stop_time: stixTimestamp.optional(),
});

export const markingDefinitionSchema = z.looseObject({
  type: z.literal("marking-definition"),
  spec_version: z.literal("2.1", { error: "stix_spec_version" }).optional(),
  id: refTo("marking-definition"),
  created: stixTimestamp,
  name: text.optional(),
  created_by_ref: refTo("identity").optional(),
  definition_type: z.string().optional(),
  definition: z.unknown().optional(),
  extensions: extensions.optional(),
});

export const extensionDefinitionSchema = domainObjectCore.extend({
  name: text,
  schema: text,
  version: z.string(),
  extension_types: nonEmptyList(z.enum(["new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension"])),
  created_by_ref: refTo("identity"),
});

/** The OASIS Incident Core Extension's required properties and closed vocabularies. */
export const incidentCoreExtensionSchema = z.looseObject({
  extension_type: z.literal("property-extension"),
  determination: z.enum(["blocked", "failed-attempt", "false-positive", "low-value", "successful-attempt", "suspected"]),
  investigation_status: z.string(),
  criticality: z.int().min(0).max(100).optional(),
  incident_types: nonEmptyList(z.string()).optional(),
  detection_methods: nonEmptyList(z.string()).optional(),
  recoverability: z.enum(["extended", "not-applicable", "not-recoverable", "regular", "supplemented"]).optional(),
});

/** Every type STIX 2.1 defines, with its schema; types not listed use the bare core. */
export const schemasByType: Readonly<Record<string, z.ZodType>> = {
  indicator: indicatorSchema,
  report: reportSchema,
  note: noteSchema,
  identity: identitySchema,
  sighting: sightingSchema,
  relationship: relationshipSchema,
  vulnerability: named,
  "course-of-action": named,
  incident: named,
  "attack-pattern": named,
  campaign: named,
  infrastructure: named,
  "intrusion-set": named,
  "threat-actor": named,
  tool: named,
  malware: domainObjectCore.extend({ is_family: z.boolean(), name: text.optional() }),
  "malware-analysis": domainObjectCore.extend({ product: z.string() }),
  grouping: domainObjectCore.extend({ context: z.string(), object_refs: nonEmptyList(stixIdentifier) }),
  location: domainObjectCore,
  "observed-data": domainObjectCore.extend({ first_observed: stixTimestamp, last_observed: stixTimestamp, number_observed: z.int().min(1).max(999_999_999) }),
  opinion: domainObjectCore.extend({ opinion: z.string(), object_refs: nonEmptyList(stixIdentifier) }),
  "language-content": domainObjectCore.extend({ object_ref: stixIdentifier, contents: z.record(z.string(), z.unknown()) }),
  "marking-definition": markingDefinitionSchema,
  "extension-definition": extensionDefinitionSchema,
};

const withValue = observableCore.extend({ value: text });
export const observableSchemasByType: Readonly<Record<string, z.ZodType>> = {
  artifact: observableCore,
  "autonomous-system": observableCore.extend({ number: z.int() }),
  directory: observableCore.extend({ path: text }),
  "domain-name": withValue,
  "email-addr": withValue,
  "email-message": observableCore.extend({ is_multipart: z.boolean() }),
  file: observableCore,
  "ipv4-addr": withValue,
  "ipv6-addr": withValue,
  "mac-addr": withValue,
  mutex: observableCore.extend({ name: text }),
  "network-traffic": observableCore.extend({ protocols: nonEmptyList(z.string()) }),
  process: observableCore,
  software: observableCore.extend({ name: text }),
  url: withValue,
  "user-account": observableCore,
  "windows-registry-key": observableCore,
  "x509-certificate": observableCore,
};

import type { StixObject } from "../export/common.ts";
import { analyseStixPattern } from "../pattern/index.ts";
import { tlpFromMarkingDefinition } from "../tlp.ts";
import { INCIDENT_CORE_EXTENSION_ID } from "../export/experience.ts";
import { domainObjectCore, incidentCoreExtensionSchema, observableCore, observableSchemasByType, schemasByType } from "./object-schemas.ts";
import { problem, problemsFromZod, type ImportProblem, type ObjectIdentity } from "./problems.ts";

// One object at a time, so a streaming importer can validate as it reads. Before zod sees an
// object its shape is bounded (nesting depth, string length, property count): a hostile bundle
// must fail fast with a clear problem, not exhaust the stack or the heap.

export const MAX_DEPTH = 32;
export const MAX_STRING_LENGTH = 1_000_000;
const MAX_PROPERTIES = 10_000;

const TYPE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const NEW_OBJECT_EXTENSIONS = new Set(["new-sdo", "new-sco", "new-sro"]);

export type ValidatedObject = { ok: true; object: StixObject } | { ok: false; problems: ImportProblem[] };

export function validateStixObject(raw: unknown, index: number | null): ValidatedObject {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [problem({ index, id: null, type: null }, "", "stix_not_object", "a STIX object must be a JSON object")] };
  }
  const record = raw as Record<string, unknown>;
  const at: ObjectIdentity = {
    index,
    id: typeof record.id === "string" ? record.id.slice(0, 200) : null,
    type: typeof record.type === "string" ? record.type.slice(0, 100) : null,
  };
  const shape = shapeProblem(record);
  if (shape) return { ok: false, problems: [problem(at, shape.field, shape.reason, shape.message, shape.params)] };
  if (at.type === null || !TYPE_NAME.test(at.type)) return { ok: false, problems: [problem(at, "type", "stix_type_invalid", "type must be a STIX type name such as indicator")] };
  if (at.id !== null && !at.id.startsWith(`${at.type}--`)) {
    return { ok: false, problems: [problem(at, "id", "stix_id_type_mismatch", `id must start with "${at.type}--"`, { type: at.type })] };
  }
  const schema = schemasByType[at.type] ?? observableSchemasByType[at.type] ?? customSchema(record);
  if (!schema) {
    return { ok: false, problems: [problem(at, "type", "stix_unknown_type", `${at.type} is not a STIX 2.1 type, nor a custom one (x- prefix or a new-sdo/new-sco/new-sro extension)`, { type: at.type })] };
  }
  const parsed = schema.safeParse(record);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(at, parsed.error.issues, record) };
  const problems = semanticProblems(at, record);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, object: record as StixObject };
}

/** Custom objects: the old x- prefix, or a type defined by an extension-definition. */
function customSchema(record: Record<string, unknown>) {
  const extensions = record.extensions;
  const definesType =
    typeof extensions === "object" &&
    extensions !== null &&
    Object.values(extensions).some((e) => typeof e === "object" && e !== null && NEW_OBJECT_EXTENSIONS.has(String((e as Record<string, unknown>).extension_type)));
  if (!String(record.type).startsWith("x-") && !definesType) return null;
  return "created" in record ? domainObjectCore : observableCore;
}

/** Rules zod cannot state alone: time order, pattern syntax, TLP forgery. */
function semanticProblems(at: ObjectIdentity, record: Record<string, unknown>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  if (typeof record.created === "string" && typeof record.modified === "string" && Date.parse(record.modified) < Date.parse(record.created)) {
    problems.push(problem(at, "modified", "stix_modified_before_created", "modified must not be earlier than created"));
  }
  if (at.type === "indicator") {
    if (typeof record.valid_until === "string" && Date.parse(record.valid_until) <= Date.parse(String(record.valid_from))) {
      problems.push(problem(at, "valid_until", "stix_valid_until_not_after_valid_from", "valid_until must be later than valid_from"));
    }
    if (record.pattern_type === "stix") {
      const analysis = analyseStixPattern(String(record.pattern));
      if (!analysis.valid) problems.push(problem(at, "pattern", "stix_pattern_invalid", `invalid STIX pattern: ${analysis.message}`, { position: analysis.position, detail: analysis.message }));
    }
  }
  const incidentCore = (record.extensions as Record<string, unknown> | undefined)?.[INCIDENT_CORE_EXTENSION_ID];
  if (incidentCore !== undefined) {
    const parsed = incidentCoreExtensionSchema.safeParse(incidentCore);
    if (!parsed.success) {
      const prefixed = parsed.error.issues.map((issue) => ({ ...issue, path: ["extensions", INCIDENT_CORE_EXTENSION_ID, ...issue.path] }));
      problems.push(...problemsFromZod(at, prefixed, record));
    }
  }
  if (at.type === "marking-definition") {
    const tlp = tlpFromMarkingDefinition(record);
    if (tlp.kind === "forged") {
      problems.push(problem(at, "id", "stix_tlp_forged", `this id is reserved for TLP:${tlp.reservedLevel.toUpperCase()} but the marking says ${tlp.claimed}`, { level: tlp.reservedLevel, claimed: tlp.claimed }));
    }
    if (tlp.kind === "unknown-level") problems.push(problem(at, "definition", "stix_tlp_unknown", `${tlp.claimed} is not a TLP level`, { claimed: tlp.claimed }));
  }
  return problems;
}

/** Depth, string length and size limits, checked without recursion. */
function shapeProblem(root: Record<string, unknown>): { field: string; reason: string; message: string; params: Record<string, number> } | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: root, depth: 0, path: "" }];
  let properties = 0;
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value === "string") {
      if (value.length > MAX_STRING_LENGTH) return { field: path, reason: "too_big_string", message: `${path} is longer than ${MAX_STRING_LENGTH} characters`, params: { maximum: MAX_STRING_LENGTH } };
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_DEPTH) return { field: path, reason: "stix_too_deep", message: `nested deeper than ${MAX_DEPTH} levels`, params: { maximum: MAX_DEPTH } };
    const entries = Object.entries(value);
    properties += entries.length;
    if (properties > MAX_PROPERTIES) return { field: path, reason: "stix_too_large", message: `more than ${MAX_PROPERTIES} properties and list items`, params: { maximum: MAX_PROPERTIES } };
    for (const [key, child] of entries) stack.push({ value: child, depth: depth + 1, path: path ? `${path}.${key}` : key });
  }
  return null;
}

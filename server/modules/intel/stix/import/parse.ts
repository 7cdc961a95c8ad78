import { problem, type ImportProblem } from "./problems.ts";

// A STIX 2.1 bundle, or a single STIX object (as some examples and tools exchange them), from
// JSON text or an already parsed value. Bundles carry no spec_version in 2.1; a "2.0" bundle's
// objects would lack it and are refused object by object.

const BUNDLE_ID = /^bundle--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

export type ParsedBundle = { ok: true; bundleId: string | null; objects: unknown[] } | { ok: false; problems: ImportProblem[] };

const atBundle = { index: null, id: null, type: "bundle" };

export function parseStixJson(input: string | unknown): ParsedBundle {
  let value: unknown = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      // V8 names the position of the fault; a stack overflow on absurd nesting lands here too
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, problems: [problem(atBundle, "", "stix_malformed_json", `not valid JSON: ${detail}`, { detail })] };
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, problems: [problem(atBundle, "", "stix_not_bundle", "expected a STIX bundle or a STIX object")] };
  }
  const record = value as Record<string, unknown>;
  if (record.type !== "bundle") return { ok: true, bundleId: null, objects: [record] };
  if (typeof record.id !== "string" || !BUNDLE_ID.test(record.id)) {
    return { ok: false, problems: [problem({ ...atBundle, id: typeof record.id === "string" ? record.id.slice(0, 200) : null }, "id", "invalid_format", "the bundle id must be bundle--<uuid>", { format: "bundle--<uuid>" })] };
  }
  if (record.objects === undefined) return { ok: true, bundleId: record.id, objects: [] };
  if (!Array.isArray(record.objects)) {
    return { ok: false, problems: [problem({ ...atBundle, id: record.id }, "objects", "invalid_type", "objects must be a list", { expected: "array" })] };
  }
  return { ok: true, bundleId: record.id, objects: record.objects };
}

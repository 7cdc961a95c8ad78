import type { z } from "zod";

/**
 * One problem of one object of an import. `reason` is a message key (the platform's field
 * reasons such as `required`, or a `stix_*` key of our own) with `params`; `message` is the
 * same in English for logs and API clients that do not translate.
 */
export interface ImportProblem {
  /** position in the bundle's objects; null for the bundle itself */
  index: number | null;
  id: string | null;
  type: string | null;
  /** dotted path inside the object, e.g. external_references.0.url; "" for the whole object */
  field: string;
  reason: string;
  params: Record<string, string | number>;
  message: string;
}

export interface ObjectIdentity {
  index: number | null;
  id: string | null;
  type: string | null;
}

export function problem(at: ObjectIdentity, field: string, reason: string, message: string, params: Record<string, string | number> = {}): ImportProblem {
  return { ...at, field, reason, params, message };
}

/** zod issues in the same reasons the platform's error handler uses for request bodies. */
export function problemsFromZod(at: ObjectIdentity, issues: readonly z.core.$ZodIssue[], input: unknown): ImportProblem[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    const label = field || "object";
    if (issue.message === "stix_spec_version") return problem(at, field, "stix_spec_version", `${label} must be "2.1": only STIX 2.1 is supported`);
    switch (issue.code) {
      case "invalid_type":
        return valueAt(input, issue.path) === undefined
          ? problem(at, field, "required", `${label} is required`)
          : problem(at, field, "invalid_type", `${label} must be ${issue.expected}`, { expected: issue.expected });
      case "too_small":
      case "too_big": {
        const kind = issue.origin === "string" ? "string" : issue.origin === "array" ? "array" : "number";
        const limit = String(issue.code === "too_small" ? issue.minimum : issue.maximum);
        const params: Record<string, string> = issue.code === "too_small" ? { minimum: limit } : { maximum: limit };
        return problem(at, field, `${issue.code}_${kind}`, `${label} is ${issue.code === "too_small" ? "below" : "above"} the limit of ${limit}`, params);
      }
      case "invalid_value":
        return problem(at, field, "invalid_value", `${label} must be one of ${issue.values.join(", ")}`, { values: issue.values.join(", ") });
      default: {
        // our refinements and regexes name what was expected in their message
        const expected = issue.message.startsWith("stix_identifier_of:") ? `${issue.message.slice(19).replaceAll("|", " or ")}--<uuid>` : (FORMATS[issue.message] ?? issue.message);
        return problem(at, field, "invalid_format", `${label} is not a valid ${expected}`, { format: expected });
      }
    }
  });
}

const FORMATS: Readonly<Record<string, string>> = {
  stix_identifier: "type--<uuid>",
  timestamp: "YYYY-MM-DDThh:mm:ss[.sss]Z",
  relationship_type: "relationship type (a-z, 0-9, -)",
};

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

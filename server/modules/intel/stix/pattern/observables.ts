import { normaliseIndicator } from "../../normalise.ts";
import type { IndicatorObservable, IndicatorType } from "../source-types.ts";
import type { ComparisonExpression, Literal, ObjectPath, ObservationExpression } from "./ast.ts";

// Between our indicators and STIX patterns. Export writes one observation that ORs the
// item's observables; import extracts observables only from patterns that mean "any of these
// values" (ORs of equality or IN tests, or ANDed hashes of one file), since that is what the
// product can search and match. Anything else is kept verbatim and flagged not searchable.

const HASH_PATHS: Readonly<Record<"md5" | "sha1" | "sha256", string>> = {
  md5: "file:hashes.MD5",
  sha1: "file:hashes.'SHA-1'",
  sha256: "file:hashes.'SHA-256'",
};

/** STIX string literal: single quotes, with backslash and quote escaped (the only escapes). */
export function quoteStixString(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

function objectPathOf(observable: IndicatorObservable): string {
  switch (observable.type) {
    case "ipv4":
      return "ipv4-addr:value";
    case "ipv6":
      return "ipv6-addr:value";
    case "cidr":
      // STIX puts CIDR blocks in the address objects' value
      return observable.value.includes(":") ? "ipv6-addr:value" : "ipv4-addr:value";
    case "domain":
      return "domain-name:value";
    case "url":
      return "url:value";
    case "email":
      return "email-addr:value";
    case "md5":
    case "sha1":
    case "sha256":
      return HASH_PATHS[observable.type];
  }
}

/** The comparison expression for one observable, e.g. `ipv4-addr:value = '198.51.100.7'`. */
export function comparisonFor(observable: IndicatorObservable): string {
  return `${objectPathOf(observable)} = ${quoteStixString(observable.value)}`;
}

/** One observation matching any of the observables: `[a = 'x' OR b = 'y']`. */
export function indicatorPattern(observables: readonly IndicatorObservable[]): string {
  if (observables.length === 0) throw new Error("an indicator needs at least one observable to build a pattern");
  return `[${observables.map(comparisonFor).join(" OR ")}]`;
}

export type PatternObservables = { searchable: true; observables: IndicatorObservable[] } | { searchable: false; reason: string };

/** What the product can search in a parsed pattern, or why it cannot. */
export function observablesFromPattern(expression: ObservationExpression): PatternObservables {
  const found: IndicatorObservable[] = [];
  const reason = collectObservations(expression, found);
  if (reason !== null) return { searchable: false, reason };
  const unique = new Map(found.map((o) => [`${o.type}|${o.value}`, o]));
  return { searchable: true, observables: [...unique.values()] };
}

/** Returns null when every observation was mapped, otherwise the reason it could not be. */
function collectObservations(expression: ObservationExpression, into: IndicatorObservable[]): string | null {
  switch (expression.kind) {
    case "observation":
      // qualifiers (WITHIN, REPEATS, START/STOP) narrow when a match counts, not what matches
      return collectComparisons(expression.comparison, into);
    case "group":
      return collectObservations(expression.expression, into);
    case "or":
      return collectObservations(expression.left, into) ?? collectObservations(expression.right, into);
    case "and":
    case "followedby":
      return `observations joined by ${expression.kind.toUpperCase()} need all of them, not any`;
  }
}

function collectComparisons(expression: ComparisonExpression, into: IndicatorObservable[]): string | null {
  switch (expression.kind) {
    case "or":
      return collectComparisons(expression.left, into) ?? collectComparisons(expression.right, into);
    case "and": {
      // hashes of one file all identify it, so any of them is a match
      const leaves = flattenAnd(expression);
      if (!leaves.every((leaf) => leaf.kind === "test" && hashTypeOf(leaf.path) !== null)) return "comparisons joined by AND need all of them, not any";
      for (const leaf of leaves) {
        const reason = collectComparisons(leaf, into);
        if (reason !== null) return reason;
      }
      return null;
    }
    case "exists":
      return "EXISTS tests are not searchable";
    case "test": {
      if (expression.negated) return "negated comparisons are not searchable";
      const values = literalStrings(expression.operator, expression.value);
      if (values === null) return `the ${expression.operator} comparison is not searchable`;
      for (const value of values) {
        const type = indicatorTypeOf(expression.path, value);
        if (type === null) return `${formatPath(expression.path)} is not a supported observable`;
        const normalised = normaliseIndicator(type, value);
        if (!normalised.ok) return `${JSON.stringify(value)} is not a valid ${type}`;
        into.push({ type, value: normalised.value });
      }
      return null;
    }
  }
}

function flattenAnd(expression: ComparisonExpression): ComparisonExpression[] {
  return expression.kind === "and" ? [...flattenAnd(expression.left), ...flattenAnd(expression.right)] : [expression];
}

function literalStrings(operator: string, literal: Literal): string[] | null {
  if (operator === "=" && literal.kind === "string") return [literal.value];
  if (operator === "IN" && literal.kind === "set" && literal.values.every((v) => v.kind === "string")) {
    return literal.values.map((v) => (v as { value: string }).value);
  }
  return null;
}

function indicatorTypeOf(path: ObjectPath, value: string): IndicatorType | null {
  const [first, ...rest] = path.steps;
  if (first?.kind !== "key") return null;
  if (path.objectType === "file") return hashTypeOf(path);
  if (first.name !== "value" || rest.length > 0) return null;
  switch (path.objectType) {
    case "ipv4-addr":
      return value.includes("/") ? "cidr" : "ipv4";
    case "ipv6-addr":
      return value.includes("/") ? "cidr" : "ipv6";
    case "domain-name":
      return "domain";
    case "url":
      return "url";
    case "email-addr":
      return "email";
    default:
      return null;
  }
}

/** file:hashes.<algorithm> for MD5, SHA-1, SHA-256, in the spellings feeds use. */
function hashTypeOf(path: ObjectPath): "md5" | "sha1" | "sha256" | null {
  const [first, second, ...rest] = path.steps;
  if (path.objectType !== "file" || first?.kind !== "key" || first.name !== "hashes" || second?.kind !== "key" || rest.length > 0) return null;
  switch (second.name.toUpperCase().replaceAll("-", "")) {
    case "MD5":
      return "md5";
    case "SHA1":
      return "sha1";
    case "SHA256":
      return "sha256";
    default:
      return null;
  }
}

function formatPath(path: ObjectPath): string {
  const steps = path.steps.map((step, i) =>
    step.kind === "index" ? `[${step.index}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(step.name) ? `${i === 0 ? "" : "."}${step.name}` : `${i === 0 ? "" : "."}${quoteStixString(step.name)}`,
  );
  return `${path.objectType}:${steps.join("")}`;
}

import { isIPv4, isIPv6 } from "node:net";
import { normaliseIndicator, type IndicatorType, type Normalised } from "./normalise.ts";

// What a SIEM or firewall sends to the lookup: values it saw, often without saying what they are.
// The type is inferred from the shape when absent, then the value is normalised exactly as stored
// indicators are (normalise.ts), so "EVIL.example." finds the indicator "evil.example".

const hashTypes: Record<number, IndicatorType> = { 32: "md5", 40: "sha1", 64: "sha256" };

/** The most specific type the value can be; null when it looks like none of them. */
export function inferObservableType(raw: string): IndicatorType | null {
  const value = raw.trim();
  if (!value) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return "url";
  if (isIPv4(value)) return "ipv4";
  if (isIPv6(value.replace(/^\[(.*)\]$/, "$1"))) return "ipv6";
  if (value.includes("/")) return "cidr";
  if (value.includes("@")) return "email";
  if (/^[0-9a-f]+$/i.test(value) && hashTypes[value.length]) return hashTypes[value.length]!;
  return "domain";
}

export type NormalisedObservable = { ok: true; type: IndicatorType; value: string } | { ok: false; reason: "observable_unrecognised" } | (Normalised & { ok: false });

export function normaliseObservable(input: { type?: IndicatorType | undefined; value: string }): NormalisedObservable {
  const type = input.type ?? inferObservableType(input.value);
  if (!type) return { ok: false, reason: "observable_unrecognised" };
  const normalised = normaliseIndicator(type, input.value);
  if (!normalised.ok) return input.type ? normalised : { ok: false, reason: "observable_unrecognised" };
  return { ok: true, type, value: normalised.value };
}

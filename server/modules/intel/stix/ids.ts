import { createHash } from "node:crypto";

// Objects derived from an item (its vulnerabilities, courses of action, relationships, sighting)
// get UUIDv5 ids computed from the item's id, so every export of the same item version yields
// the same ids and a TAXII client sees versions of one object, never duplicates.

/** Our own namespace for derived ids (a fixed random UUID; never change it). */
const CITTADELLA_NAMESPACE = "eb12869b-f962-44b1-bea8-318be1241b18";
/** The STIX 2.1 namespace for deterministic cyber-observable ids (spec section 2.9). */
const STIX_SCO_NAMESPACE = "00abedb4-aa42-466c-9c01-fed23315a9b7";

const STIX_ID = /^([a-z][a-z0-9-]+[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash("sha1")
    .update(Buffer.from(namespace.replaceAll("-", ""), "hex"))
    .update(name, "utf8")
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An id for an object derived from `parentId`, unique per `key` (e.g. the CVE id). */
export function derivedStixId(type: string, parentId: string, key: string): string {
  return `${type}--${uuidV5(CITTADELLA_NAMESPACE, `${type}|${parentId}|${key}`)}`;
}

/** The STIX identity of one of our organisations, stable for as long as the organisation exists. */
export function organisationIdentityId(organisationId: string): string {
  return `identity--${uuidV5(CITTADELLA_NAMESPACE, `organisation|${organisationId}`)}`;
}

/** A cyber-observable id as STIX 2.1 computes it: UUIDv5 over its id-contributing properties. */
export function observableStixId(type: string, contributing: Record<string, string>): string {
  const keys = Object.keys(contributing).sort();
  // RFC 8785 canonical JSON for flat string objects: sorted keys, JSON.stringify escaping
  const canonical = `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(contributing[k])}`).join(",")}}`;
  return `${type}--${uuidV5(STIX_SCO_NAMESPACE, canonical)}`;
}

export function isStixId(value: string, type?: string): boolean {
  const match = STIX_ID.exec(value);
  return match !== null && (type === undefined || match[1] === type);
}

export function stixIdType(value: string): string | null {
  return STIX_ID.exec(value)?.[1] ?? null;
}

/** STIX timestamps: UTC with millisecond precision, as the spec requires for created/modified. */
export function stixTimestamp(date: Date): string {
  return date.toISOString();
}

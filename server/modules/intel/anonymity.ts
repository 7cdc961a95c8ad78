import { createHash, createHmac, randomBytes } from "node:crypto";

// What an anonymous item keeps of its author: no id, only keyed hashes.
//
// - organisation key = HMAC(server secret, organisation id): computed per request for the caller,
//   never stored. Without the server secret, a copy of the database cannot tell whose it is.
// - author tag (stored) = SHA-256(organisation key + item id): per item, so two anonymous items of
//   the same author cannot be linked to each other either. The database can recompute it for the
//   caller's organisation key (tlp.ts), so the author still finds its own items in lists.
// - edit key: 256 random bits given once to the author; only its SHA-256 is stored. Whoever holds
//   it may edit or withdraw the item.

export function organisationKey(secretKey: string, orgId: string): string {
  return createHmac("sha256", secretKey).update(`intel-author:${orgId}`).digest("hex");
}

export function authorTag(orgKey: string, itemId: string): string {
  return createHash("sha256").update(orgKey + itemId, "utf8").digest("hex");
}

export function newEditKey(): string {
  return randomBytes(32).toString("base64url");
}

export function editKeyHash(editKey: string): string {
  return createHash("sha256").update(editKey, "utf8").digest("hex");
}

/**
 * Times an anonymous record shows are cut to the start of the day (UTC), so the moment of
 * publication cannot be lined up with anything else the author did. A new version still gets a
 * strictly later `modified` (STIX versions are told apart by it).
 */
export function coarseTime(now: Date, after?: Date | null): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return after && after.getTime() >= day.getTime() ? new Date(after.getTime() + 1) : day;
}

import { Secret, TOTP } from "otpauth";

const ISSUER = "Cittadella";

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string) {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

export const totpUri = (secret: string, label: string) => totp(secret, label).toString();

/**
 * Accepts the current code and one step either side, for clock drift. Returns the time step the
 * code belongs to (null when wrong), so callers can refuse a code already used (replay).
 */
export function verifyTotp(secret: string, code: string, now = Date.now()): number | null {
  const clean = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totp(secret, "x").validate({ token: clean, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 1000 / 30) + delta;
}

export const currentTotp = (secret: string) => totp(secret, "x").generate();

import { isIPv4, isIPv6 } from "node:net";
import { domainToASCII } from "node:url";

// Type-aware normalisation of indicator values, so the same observable written two ways
// (upper-case hash, IDN domain, long-form IPv6, host bits in a CIDR) is stored, deduplicated and
// matched as one. Pure functions: the routes and the later STIX import share them.

export const indicatorTypes = ["ipv4", "ipv6", "cidr", "domain", "url", "email", "md5", "sha1", "sha256"] as const;
export type IndicatorType = (typeof indicatorTypes)[number];

export type Normalised = { ok: true; value: string } | { ok: false; reason: "indicator_invalid" | "hash_wrong_length"; params: Record<string, string | number> };

const hashLengths = { md5: 32, sha1: 40, sha256: 64 } as const;
const invalid = (type: IndicatorType): Normalised => ({ ok: false, reason: "indicator_invalid", params: { type } });

export function normaliseIndicator(type: IndicatorType, raw: string): Normalised {
  const input = raw.trim();
  if (!input || input.length > 2048) return invalid(type);
  switch (type) {
    case "ipv4":
      return ipv4(input) ?? invalid(type);
    case "ipv6":
      return ipv6(input) ?? invalid(type);
    case "cidr":
      return cidr(input) ?? invalid(type);
    case "domain": {
      const value = domain(input);
      return value ? { ok: true, value } : invalid(type);
    }
    case "url":
      return url(input) ?? invalid(type);
    case "email":
      return email(input) ?? invalid(type);
    case "md5":
    case "sha1":
    case "sha256": {
      const value = input.toLowerCase();
      if (!/^[0-9a-f]+$/.test(value)) return invalid(type);
      if (value.length !== hashLengths[type]) return { ok: false, reason: "hash_wrong_length", params: { type, expected: hashLengths[type] } };
      return { ok: true, value };
    }
  }
}

// Leading zeros are refused: "010.1.1.1" means 8.1.1.1 to some parsers and 10.1.1.1 to others.
function ipv4(input: string): Normalised | null {
  if (!isIPv4(input) || input.split(".").some((part) => part.length > 1 && part.startsWith("0"))) return null;
  return { ok: true, value: input };
}

/** RFC 5952 form (lower case, longest zero run compressed) as the WHATWG URL parser writes it. */
function ipv6(input: string): Normalised | null {
  const bare = input.replace(/^\[(.*)\]$/, "$1");
  if (bare.includes("%") || !isIPv6(bare)) return null;
  return { ok: true, value: new URL(`http://[${bare}]/`).hostname.slice(1, -1) };
}

function cidr(input: string): Normalised | null {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(input);
  if (!match) return null;
  const prefix = Number(match[2]);
  const v4 = ipv4(match[1]!);
  if (v4?.ok) {
    if (prefix > 32) return null;
    const n = v4.value.split(".").reduce((acc, part) => (acc << 8n) | BigInt(part), 0n);
    const network = n & maskOf(prefix, 32);
    const parts = [24n, 16n, 8n, 0n].map((shift) => ((network >> shift) & 255n).toString());
    return { ok: true, value: `${parts.join(".")}/${prefix}` };
  }
  const v6 = ipv6(match[1]!);
  if (v6?.ok) {
    if (prefix > 128) return null;
    const network = ipv6ToBigInt(v6.value) & maskOf(prefix, 128);
    const groups = Array.from({ length: 8 }, (_, i) => ((network >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
    return { ok: true, value: `${(ipv6(groups.join(":")) as { value: string }).value}/${prefix}` };
  }
  return null;
}

const maskOf = (prefix: number, bits: number) => (prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix));

function ipv6ToBigInt(canonical: string): bigint {
  const [head = "", tail] = canonical.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Lower case, no trailing dot, IDN in punycode; null when it is not a host name. */
export function domain(input: string): string | null {
  const ascii = domainToASCII(input.replace(/\.$/, "").toLowerCase());
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split(".");
  if (labels.length < 2 || /^\d+$/.test(labels.at(-1)!)) return null;
  return labels.every((l) => /^(?!-)[a-z0-9-]{1,63}(?<!-)$/.test(l)) ? ascii : null;
}

// The WHATWG parser lower-cases scheme and host, writes IDN hosts in punycode, drops the default
// port and resolves dot segments; the fragment never reaches a server, so it is dropped.
function url(input: string): Normalised | null {
  let parsed: URL;
  try {
    parsed = new URL(input);
  } catch {
    return null;
  }
  if (!["http:", "https:", "ftp:"].includes(parsed.protocol) || !parsed.hostname) return null;
  parsed.hash = "";
  return { ok: true, value: parsed.href };
}

// Mailbox names are matched case-insensitively in practice, so the whole address is lower-cased.
function email(input: string): Normalised | null {
  const at = input.lastIndexOf("@");
  if (at < 1) return null;
  const local = input.slice(0, at).toLowerCase();
  const host = domain(input.slice(at + 1));
  if (!host || local.length > 64 || !/^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local) || local.startsWith(".") || local.endsWith(".") || local.includes("..")) return null;
  return { ok: true, value: `${local}@${host}` };
}

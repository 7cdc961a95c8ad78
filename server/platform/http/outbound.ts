import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

// Calls the server makes to addresses people typed (webhooks now, feed pulls later) must not
// become a way into the network the server sits in (SSRF): loopback, private, link-local and
// other non-public destinations are refused unless the operator lists the network in
// OUTBOUND_ALLOW_NETWORKS (an on-premises SIEM is a legitimate private destination).
// Checked when the address is saved and again before every call; the address is re-resolved by
// fetch afterwards, so a DNS answer that changes in between (rebinding) is a remaining, narrow gap.

const notPublic = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  notPublic.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  notPublic.addSubnet(net, bits, "ipv6");

/** OUTBOUND_ALLOW_NETWORKS ("10.1.2.0/24, fd00::/8") as a block list; throws on a malformed entry. */
export function allowedNetworks(spec: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (spec ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, bits] = entry.split("/");
    const family = isIP(address ?? "");
    if (!family || bits === undefined || !/^\d+$/.test(bits)) throw new Error(`"${entry}" is not a network in CIDR form`);
    list.addSubnet(address!, Number(bits), family === 4 ? "ipv4" : "ipv6");
  }
  return list;
}

const mappedIpv4 = (address: string) => /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];

/** True when the address may be called: public, or inside a network the operator allowed. */
export function isAllowedDestination(address: string, allowed: BlockList): boolean {
  const v4 = mappedIpv4(address);
  const [ip, type] = v4 ? [v4, "ipv4" as const] : [address, isIP(address) === 4 ? ("ipv4" as const) : ("ipv6" as const)];
  return allowed.check(ip, type) || !notPublic.check(ip, type);
}

/** The addresses the URL's host resolves to, or the reason it may not be called. */
export async function checkOutboundUrl(url: string, allowed: BlockList): Promise<{ ok: true } | { ok: false; reason: "unresolvable" | "not_public" }> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return { ok: false, reason: "unresolvable" };
  }
  if (!addresses.length) return { ok: false, reason: "unresolvable" };
  return addresses.every((a) => isAllowedDestination(a, allowed)) ? { ok: true } : { ok: false, reason: "not_public" };
}

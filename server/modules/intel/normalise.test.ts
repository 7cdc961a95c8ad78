import { describe, expect, it } from "vitest";
import { normaliseIndicator, type IndicatorType } from "./normalise.ts";

const ok = (type: IndicatorType, raw: string) => {
  const result = normaliseIndicator(type, raw);
  if (!result.ok) throw new Error(`${type} ${raw} refused: ${result.reason}`);
  return result.value;
};
const refused = (type: IndicatorType, raw: string) => normaliseIndicator(type, raw);

describe("indicator normalisation", () => {
  it("keeps IPv4 addresses and refuses malformed ones and leading zeros", () => {
    expect(ok("ipv4", " 192.0.2.10 ")).toBe("192.0.2.10");
    for (const bad of ["256.1.1.1", "1.2.3", "010.0.0.1", "1.2.3.4/24", "example.org"]) expect(refused("ipv4", bad).ok, bad).toBe(false);
  });

  it("writes IPv6 in the RFC 5952 form", () => {
    expect(ok("ipv6", "2001:0DB8:0000:0000:0000:0000:0000:0001")).toBe("2001:db8::1");
    expect(ok("ipv6", "[2001:db8:0:0:1:0:0:1]")).toBe("2001:db8::1:0:0:1");
    expect(ok("ipv6", "::FFFF:192.0.2.1")).toBe("::ffff:c000:201");
    for (const bad of ["2001:db8::1::2", "fe80::1%eth0", "12345::1", "192.0.2.1"]) expect(refused("ipv6", bad).ok, bad).toBe(false);
  });

  it("reduces a CIDR to its network address", () => {
    expect(ok("cidr", "192.0.2.77/24")).toBe("192.0.2.0/24");
    expect(ok("cidr", "10.1.2.3/0")).toBe("0.0.0.0/0");
    expect(ok("cidr", "10.1.2.3/32")).toBe("10.1.2.3/32");
    expect(ok("cidr", "2001:DB8:1234:5678::9/48")).toBe("2001:db8:1234::/48");
    for (const bad of ["192.0.2.0/33", "2001:db8::/129", "192.0.2.0", "host/24"]) expect(refused("cidr", bad).ok, bad).toBe(false);
  });

  it("lower-cases domains, drops the trailing dot and writes IDN in punycode", () => {
    expect(ok("domain", "WWW.Comune.Example.IT.")).toBe("www.comune.example.it");
    expect(ok("domain", "MÜNCHEN.example")).toBe("xn--mnchen-3ya.example");
    expect(ok("domain", "bücher.example")).toBe("xn--bcher-kva.example");
    for (const bad of ["localhost", "-bad.example", "a..example", "example.123", "under_score.example", "http://x.example"]) expect(refused("domain", bad).ok, bad).toBe(false);
  });

  it("normalises URLs: scheme and host case, IDN host, default port, dot segments, fragment", () => {
    expect(ok("url", "HTTP://Bücher.Example:80/a/./b/../c?x=1#frag")).toBe("http://xn--bcher-kva.example/a/c?x=1");
    expect(ok("url", "https://example.org")).toBe("https://example.org/");
    for (const bad of ["javascript:alert(1)", "not a url", "mailto:a@example.org", "file:///etc/passwd"]) expect(refused("url", bad).ok, bad).toBe(false);
  });

  it("lower-cases email addresses and punycodes their domain", () => {
    expect(ok("email", "Mario.Rossi@Comune.Example.IT")).toBe("mario.rossi@comune.example.it");
    expect(ok("email", "phish@bücher.example")).toBe("phish@xn--bcher-kva.example");
    for (const bad of ["no-at.example.org", "@example.org", "a..b@example.org", "a@localhost", "a b@example.org"]) expect(refused("email", bad).ok, bad).toBe(false);
  });

  it("lower-cases hashes and checks their length per algorithm", () => {
    expect(ok("md5", "D41D8CD98F00B204E9800998ECF8427E")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(ok("sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709")).toBe("da39a3ee5e6b4b0d3255bfef95601890afd80709");
    expect(ok("sha256", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(refused("sha256", "d41d8cd98f00b204e9800998ecf8427e")).toEqual({ ok: false, reason: "hash_wrong_length", params: { type: "sha256", expected: 64 } });
    expect(refused("md5", "zz1d8cd98f00b204e9800998ecf8427e")).toEqual({ ok: false, reason: "indicator_invalid", params: { type: "md5" } });
  });
});

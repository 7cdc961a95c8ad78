import { describe, expect, it } from "vitest";
import { allowedNetworks, checkOutboundUrl, isAllowedDestination } from "./outbound.ts";

describe("outbound destinations (SSRF guard)", () => {
  const none = allowedNetworks(undefined);

  it("refuses loopback, private, link-local and cloud metadata addresses, in both families and in mapped form", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.10", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd12::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"]) {
      expect(isAllowedDestination(address, none), address).toBe(false);
    }
    for (const address of ["203.0.113.7", "8.8.8.8", "2001:4860:4860::8888"]) expect(isAllowedDestination(address, none), address).toBe(true);
  });

  it("lets the operator allow a private network by name", () => {
    const allowed = allowedNetworks("10.1.2.0/24, fd00::/8");
    expect(isAllowedDestination("10.1.2.9", allowed)).toBe(true);
    expect(isAllowedDestination("10.1.3.9", allowed)).toBe(false);
    expect(isAllowedDestination("fd00::5", allowed)).toBe(true);
    expect(() => allowedNetworks("10.0.0.0")).toThrow(/CIDR/);
  });

  it("checks what a host name resolves to, not what it looks like", async () => {
    expect(await checkOutboundUrl("http://localhost:8080/hook", none)).toEqual({ ok: false, reason: "not_public" });
    expect(await checkOutboundUrl("http://[::1]/hook", none)).toEqual({ ok: false, reason: "not_public" });
    expect(await checkOutboundUrl("http://127.0.0.1:9/hook", allowedNetworks("127.0.0.0/8"))).toEqual({ ok: true });
    expect(await checkOutboundUrl("https://does-not-exist.invalid/hook", none)).toEqual({ ok: false, reason: "unresolvable" });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { makeUser, TEST_PASSWORD } from "../helpers/factories.ts";
import { eq } from "drizzle-orm";
import { sessions } from "../../server/platform/auth/auth.tables.ts";

// Security headers of issue 2: a CSP that allows no inline script and no framing, and HSTS only
// when the public address is https (HSTS over plain http would be ignored, or worse, stick).

let plain: TestApp;
let tls: TestApp;
beforeAll(async () => {
  plain = await createTestApp({ PUBLIC_URL: "http://localhost:3000" });
  tls = await createTestApp({ PUBLIC_URL: "https://cittadella.comune.example.it", TRUST_PROXY: "true" });
});
afterAll(async () => {
  await plain.close();
  await tls.close();
});

function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("security headers", () => {
  for (const url of ["/api/health", "/api/nowhere", "/api/docs/"]) {
    it(`${url}: CSP forbids inline scripts and framing`, async () => {
      const res = await plain.app.inject({ method: "GET", url });
      const csp = directives(String(res.headers["content-security-policy"]));
      const scripts = csp["script-src"] ?? csp["default-src"]!;
      expect(scripts).toContain("'self'");
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(csp["frame-ancestors"]).toEqual(["'none'"]);
      expect(csp["object-src"]).toEqual(["'none'"]);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    });
  }

  it("sends no HSTS when PUBLIC_URL is http", async () => {
    const res = await plain.app.inject({ method: "GET", url: "/api/health" });
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("sends HSTS, upgrades insecure requests and marks the session cookie Secure when PUBLIC_URL is https", async () => {
    const res = await tls.app.inject({ method: "GET", url: "/api/health" });
    expect(res.headers["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
    expect(String(res.headers["content-security-policy"])).toContain("upgrade-insecure-requests");
    const user = await makeUser(tls.ctx.db, null);
    const login = await tls.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: user.email, password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers["set-cookie"]);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
  });

  it("takes the client address from X-Forwarded-For only when TRUST_PROXY is set", async () => {
    for (const [app, expected] of [[tls, "203.0.113.9"], [plain, "127.0.0.1"]] as const) {
      const user = await makeUser(app.ctx.db, null);
      const login = await app.app.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: "127.0.0.1",
        headers: { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" },
        payload: { email: user.email, password: TEST_PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const [row] = await app.ctx.db.select().from(sessions).where(eq(sessions.userId, user.id));
      expect(row!.ip).toBe(expected);
    }
  });
});

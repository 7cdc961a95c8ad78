import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { makeApiToken, makeOrganisation, makeUser, TEST_PASSWORD } from "../helpers/factories.ts";

// Structured logs must never hold a secret: not the password given at sign-in, not the session
// token in the cookie, not the CSRF token, not an API token. Every log line is captured here.

let output = "";
const capture = new Writable({
  write(chunk, _encoding, done) {
    output += String(chunk);
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOG_LEVEL: "trace" }, { logStream: capture });
});
afterAll(() => t.close());

describe("logs", () => {
  it("record requests but none of the secrets that travel in them", async () => {
    const org = await makeOrganisation(t.ctx.db);
    const user = await makeUser(t.ctx.db, org.id, "admin");
    const wrong = "Sbagliata-Password-Segreta-77";
    await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: user.email, password: wrong } });
    const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: user.email, password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(200);
    const sessionToken = login.cookies.find((c) => c.name === "cittadella_session")!.value;
    const { csrfToken } = login.json() as { csrfToken: string };
    const headers = { cookie: `cittadella_session=${sessionToken}`, "x-csrf-token": csrfToken };
    expect((await t.app.inject({ method: "GET", url: "/api/auth/session", headers })).statusCode).toBe(200);
    // an unsafe request that fails, so error paths log too
    await t.app.inject({ method: "POST", url: "/api/auth/switch-organisation", headers, payload: { orgId: "not-a-uuid", password: TEST_PASSWORD } });
    const { token } = await makeApiToken(t.ctx.db, user.id, org.id);
    await t.app.inject({ method: "GET", url: "/api/orgs", headers: { authorization: `Bearer ${token}` } });
    await t.app.inject({ method: "POST", url: "/api/auth/logout", headers });

    // the capture is live: requests were logged
    expect(output).toContain("/api/auth/login");
    expect(output).toContain("/api/auth/session");
    for (const secret of [TEST_PASSWORD, wrong, sessionToken, csrfToken, token]) {
      expect(output.includes(secret), `a secret appears in the logs: ${secret.slice(0, 6)}...`).toBe(false);
    }
  });
});

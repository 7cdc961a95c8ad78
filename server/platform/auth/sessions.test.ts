import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeApiToken, makeUser, orgWithUser, signIn, TEST_PASSWORD } from "../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { organisations } from "../../modules/identity/identity.tables.ts";
import { auditLog } from "../audit/audit.tables.ts";
import { loginFailures, sessions } from "./auth.tables.ts";
import { sha256 } from "./tokens.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (app: TestApp["app"], email: string) =>
  app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: TEST_PASSWORD } });
const sessionOf = (cookie: string) => t.app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });
const tokenOf = (cookie: string) => cookie.split("=")[1]!;
const rowOf = async (cookie: string) => (await t.ctx.db.select().from(sessions).where(eq(sessions.tokenHash, sha256(tokenOf(cookie)))))[0];

describe("session cookie", () => {
  it("is httpOnly, SameSite=Lax and not Secure on plain http", async () => {
    const { user } = await orgWithUser(t.app, t.ctx.db);
    const res = await login(t.app, user.email);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "cittadella_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie.secure).toBeFalsy();
  });

  it("is Secure when the public URL is https", async () => {
    const tls = await createTestApp({ PUBLIC_URL: "https://cittadella.example.it" });
    try {
      const { user } = await orgWithUser(tls.app, tls.ctx.db);
      const res = await login(tls.app, user.email);
      const cookie = res.cookies.find((c) => c.name === "cittadella_session")!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true });
    } finally {
      await tls.close();
    }
  });

  it("is stored only as its SHA-256", async () => {
    const { user, session } = await orgWithUser(t.app, t.ctx.db);
    const token = tokenOf(session.cookie);
    const rows = await t.ctx.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(sha256(token));
    const dump = await t.ctx.db.execute(sql`select row_to_json(s)::text as j from sessions s`);
    const text = JSON.stringify(dump);
    expect(text).not.toContain(token);
  });
});

describe("session timeouts", () => {
  it("ends a session idle longer than the idle timeout", async () => {
    const { session } = await orgWithUser(t.app, t.ctx.db);
    const idle = t.ctx.sessionPolicy.idleMinutes;
    await t.ctx.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - (idle + 1) * 60_000) })
      .where(eq(sessions.tokenHash, sha256(tokenOf(session.cookie))));
    expect((await sessionOf(session.cookie)).statusCode).toBe(401);
    expect(await rowOf(session.cookie)).toBeUndefined();
  });

  it("keeps a session used within the idle timeout and records the use", async () => {
    const { session } = await orgWithUser(t.app, t.ctx.db);
    const idle = t.ctx.sessionPolicy.idleMinutes;
    const seen = new Date(Date.now() - (idle - 1) * 60_000);
    await t.ctx.db.update(sessions).set({ lastSeenAt: seen }).where(eq(sessions.tokenHash, sha256(tokenOf(session.cookie))));
    expect((await sessionOf(session.cookie)).statusCode).toBe(200);
    expect((await rowOf(session.cookie))!.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it("ends a session at the absolute timeout however active it is", async () => {
    const { session } = await orgWithUser(t.app, t.ctx.db);
    const before = (await rowOf(session.cookie))!;
    // expiresAt comes from the server's clock, createdAt from the database's
    const lifetime = before.expiresAt.getTime() - before.createdAt.getTime();
    expect(Math.abs(lifetime - t.ctx.sessionPolicy.absoluteHours * 3_600_000)).toBeLessThan(5_000);
    // use does not push the absolute limit forward
    await t.ctx.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 5 * 60_000) }).where(eq(sessions.tokenHash, before.tokenHash));
    expect((await sessionOf(session.cookie)).statusCode).toBe(200);
    expect((await rowOf(session.cookie))!.expiresAt).toEqual(before.expiresAt);

    const hours = t.ctx.sessionPolicy.absoluteHours;
    await t.ctx.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - (hours + 1) * 3_600_000), expiresAt: new Date(Date.now() - 3_600_000), lastSeenAt: new Date() })
      .where(eq(sessions.tokenHash, before.tokenHash));
    expect((await sessionOf(session.cookie)).statusCode).toBe(401);
    expect(await rowOf(session.cookie)).toBeUndefined();
  });
});

describe("housekeeping", () => {
  it("deletes ended sessions and expired sign-in failures on its schedule, and nothing live", async () => {
    const { session: live } = await orgWithUser(t.app, t.ctx.db);
    const { session: idle } = await orgWithUser(t.app, t.ctx.db);
    await t.ctx.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - (t.ctx.sessionPolicy.idleMinutes + 5) * 60_000) })
      .where(eq(sessions.tokenHash, sha256(tokenOf(idle.cookie))));
    await t.ctx.db.insert(loginFailures).values([
      { email: "vecchio@example.it", ip: "192.0.2.1", at: new Date(Date.now() - 20 * 60_000) },
      { email: "recente@example.it", ip: "192.0.2.1" },
    ]);
    await t.worker.ensureSchedules();
    await t.drainJobs();
    expect(await rowOf(idle.cookie)).toBeUndefined();
    expect(await rowOf(live.cookie)).toBeDefined();
    const failures = (await t.ctx.db.select().from(loginFailures)).map((f) => f.email);
    expect(failures).toContain("recente@example.it");
    expect(failures).not.toContain("vecchio@example.it");
  });
});

describe("revoke all sessions", () => {
  it("ends every session of the user and only theirs", async () => {
    const { user, session: first } = await orgWithUser(t.app, t.ctx.db);
    const second = await signIn(t.app, user.email);
    const { session: someoneElse } = await orgWithUser(t.app, t.ctx.db);

    const res = await t.app.inject({ method: "POST", url: "/api/auth/sessions/revoke-all", headers: second.headers });
    expect(res.statusCode).toBe(200);
    expect((await sessionOf(first.cookie)).statusCode).toBe(401);
    expect((await sessionOf(second.cookie)).statusCode).toBe(401);
    expect(await t.ctx.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await sessionOf(someoneElse.cookie)).statusCode).toBe(200);
    const audit = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.sessions_revoked"), eq(auditLog.entityId, user.id)));
    expect(audit).toHaveLength(1);
  });
});

describe("CSRF protection", () => {
  const rename = (orgId: string, headers: Record<string, string>, name: string) =>
    t.app.inject({ method: "PATCH", url: `/api/orgs/${orgId}`, headers, payload: { name } });
  const nameOf = async (orgId: string) => (await t.ctx.db.select().from(organisations).where(eq(organisations.id, orgId)))[0]!.name;

  it("refuses an unsafe request without the token, or with a wrong one, and changes nothing", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db);
    const { session: other } = await orgWithUser(t.app, t.ctx.db);
    const auditBefore = (await t.ctx.db.select().from(auditLog)).length;
    const attempts: Record<string, string>[] = [
      { cookie: session.cookie },
      { cookie: session.cookie, "x-csrf-token": "" },
      { cookie: session.cookie, "x-csrf-token": "forged-token" },
      { cookie: session.cookie, "x-csrf-token": session.csrfToken.slice(0, -1) },
      // a valid token of another session is still the wrong token
      { cookie: session.cookie, "x-csrf-token": other.csrfToken },
    ];
    for (const headers of attempts) {
      const res = await rename(org.id, { ...headers, "accept-language": "en" }, "Comune Dirottato");
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: "csrf_failed", message: "Missing or invalid CSRF token." });
    }
    expect(await nameOf(org.id)).toBe(org.name);
    expect((await t.ctx.db.select().from(auditLog)).length).toBe(auditBefore);

    // sign-out is an unsafe request too: without the token the session survives
    expect((await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: session.cookie } })).statusCode).toBe(403);
    expect((await sessionOf(session.cookie)).statusCode).toBe(200);

    const ok = await rename(org.id, session.headers, "Comune Rinominato");
    expect(ok.statusCode).toBe(200);
    expect(await nameOf(org.id)).toBe("Comune Rinominato");
  });

  it("does not ask API token requests for a CSRF token", async () => {
    const { org, user } = await orgWithUser(t.app, t.ctx.db);
    const { token } = await makeApiToken(t.ctx.db, user.id, org.id, ["identity:read", "identity:write"]);
    const res = await rename(org.id, { authorization: `Bearer ${token}` }, "Comune via API");
    expect(res.statusCode).toBe(200);
    expect(await nameOf(org.id)).toBe("Comune via API");
  });

  it("lets safe requests through without the token", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db);
    const res = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}`, headers: { cookie: session.cookie } });
    expect(res.statusCode).toBe(200);
  });
});

describe("sign-in", () => {
  it("refuses an unknown account and a wrong password alike", async () => {
    const user = await makeUser(t.ctx.db, null);
    const wrong = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: user.email, password: "sbagliata-1234" } });
    const unknown = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "nessuno@example.it", password: "sbagliata-1234" } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.cookies).toHaveLength(0);
  });
});

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestIdp, type TestIdp } from "../../../../test/helpers/oidc-idp.ts";
import { makeUser, orgWithUser, type SignedIn } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { auditLog } from "../../../platform/audit/audit.tables.ts";
import { oidcLogins, oidcProviders, sessions } from "../../../platform/auth/auth.tables.ts";
import { memberships, organisations, users } from "../identity.tables.ts";

// Single sign-on end to end against a real OpenID provider listening on 127.0.0.1.

let t: TestApp;
let idp: TestIdp;
let orgId: string;
let admin: SignedIn;
let providerId: string;
const domain = "comune-sso.it";

beforeAll(async () => {
  t = await createTestApp();
  idp = await startTestIdp("http://localhost:3000/api/auth/sso/callback");
  const setup = await orgWithUser(t.app, t.ctx.db, "admin");
  orgId = setup.org.id;
  admin = setup.session;
  const res = await t.app.inject({
    method: "POST",
    url: `/api/orgs/${orgId}/sso-providers`,
    headers: admin.headers,
    payload: { name: "Entra del Comune", issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, emailDomains: [domain], defaultRole: "employee" },
  });
  expect(res.statusCode).toBe(201);
  providerId = res.json().id;
});
afterAll(async () => {
  await idp?.close();
  await t?.close();
});

async function start(returnTo?: string) {
  const query = returnTo === undefined ? "" : `?returnTo=${encodeURIComponent(returnTo)}`;
  const res = await t.app.inject({ method: "GET", url: `/api/auth/sso/${providerId}/start${query}` });
  expect(res.statusCode, res.body).toBe(302);
  const binding = res.cookies.find((c) => c.name === "cittadella_sso")!;
  expect(binding.httpOnly).toBe(true);
  return { authorizationUrl: res.headers.location as string, binding: binding.value };
}

const callback = (back: URL, binding: string | null) =>
  t.app.inject({ method: "GET", url: `/api/auth/sso/callback${back.search}`, headers: binding ? { cookie: `cittadella_sso=${binding}` } : {} });

/** The browser is sent back to the sign-in page with a code it explains, and nobody is signed in. */
function expectRefused(res: Awaited<ReturnType<typeof callback>>, code: string) {
  expect(res.statusCode, res.body).toBe(302);
  expect(res.headers.location).toBe(`/accedi?sso=${code}`);
  expect(res.headers["content-type"] ?? "").not.toContain("json");
  expect(res.cookies.find((c) => c.name === "cittadella_session")).toBeUndefined();
  // the login's browser binding is cleared, as after a success
  expect(res.cookies.filter((c) => c.name === "cittadella_sso").map((c) => c.value)).toEqual([""]);
}

/** start -> provider login and consent as accountId -> the redirect back to Cittadella */
async function throughProvider(accountId: string, returnTo?: string) {
  const { authorizationUrl, binding } = await start(returnTo);
  return { back: await idp.signIn(authorizationUrl, accountId), binding, authorizationUrl };
}

function person(id: string, email: string, verified = true) {
  idp.accounts.set(id, { email, email_verified: verified, name: `Persona ${id}` });
}

describe("single sign-on with OpenID Connect", () => {
  it("signs a member in through the provider and opens a normal session", async () => {
    const member = await makeUser(t.ctx.db, orgId, "security_manager", { email: `mario@${domain}` });
    person("mario", `Mario@${domain.toUpperCase()}`);
    const { back, binding, authorizationUrl } = await throughProvider("mario", "/impostazioni?scheda=sso#provider");

    const asked = new URL(authorizationUrl);
    expect(asked.origin).toBe(idp.issuer);
    expect(Object.fromEntries(asked.searchParams)).toMatchObject({
      response_type: "code",
      client_id: idp.clientId,
      redirect_uri: "http://localhost:3000/api/auth/sso/callback",
      code_challenge_method: "S256",
    });
    expect(asked.searchParams.get("state")).toBeTruthy();
    expect(asked.searchParams.get("nonce")).toBeTruthy();
    expect(back.searchParams.get("code")).toBeTruthy();

    const res = await callback(back, binding);
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe("/impostazioni?scheda=sso#provider");
    const cookie = res.cookies.find((c) => c.name === "cittadella_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

    const session = await t.app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie: `cittadella_session=${cookie.value}` } });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { id: member.id, email: `mario@${domain}` }, currentOrgId: orgId, role: "security_manager", pending: null });

    const [row] = await t.ctx.db.select().from(sessions).where(eq(sessions.userId, member.id));
    expect(row).toMatchObject({ authMethod: "sso", mfaVerified: true, orgId });
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, member.id), eq(auditLog.action, "auth.sign_in")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ method: "sso", providerId, subject: "mario" });
    expect(await t.ctx.db.select().from(oidcLogins).where(eq(oidcLogins.providerId, providerId))).toHaveLength(0);
  });

  it("refuses a replayed callback", async () => {
    person("replay", `replay@${domain}`);
    await makeUser(t.ctx.db, orgId, "employee", { email: `replay@${domain}` });
    const { back, binding } = await throughProvider("replay");
    expect((await callback(back, binding)).statusCode).toBe(302);
    expectRefused(await callback(back, binding), "expired");
  });

  it("refuses a wrong state, and a callback from a browser that did not start the login", async () => {
    person("wrongstate", `wrongstate@${domain}`);
    const first = await throughProvider("wrongstate");
    const forged = new URL(first.back);
    forged.searchParams.set("state", "not-the-state-we-sent");
    expectRefused(await callback(forged, first.binding), "expired");

    // a callback link handed to someone else (login CSRF): right state, no binding cookie
    const second = await throughProvider("wrongstate");
    expectRefused(await callback(second.back, null), "expired");
    // and the login is used up, so the rightful browser cannot be tricked into it later either
    expectRefused(await callback(second.back, second.binding), "expired");
  });

  it("signs no one in when the person cancels at the provider", async () => {
    person("ripensamento", `ripensamento@${domain}`);
    await makeUser(t.ctx.db, orgId, "employee", { email: `ripensamento@${domain}` });
    const { authorizationUrl, binding } = await start();
    const back = await idp.signIn(authorizationUrl, "ripensamento", { cancel: true });
    expect(back.searchParams.get("error")).toBe("access_denied");
    expectRefused(await callback(back, binding), "denied");
  });

  it("refuses an expired login", async () => {
    person("late", `late@${domain}`);
    await makeUser(t.ctx.db, orgId, "employee", { email: `late@${domain}` });
    const { back, binding } = await throughProvider("late");
    await t.ctx.db.update(oidcLogins).set({ createdAt: new Date(Date.now() - 11 * 60_000) }).where(eq(oidcLogins.providerId, providerId));
    expectRefused(await callback(back, binding), "expired");
  });

  it("creates a member just in time with the default role when the organisation allows it", async () => {
    person("nuova", `nuova@${domain}`);
    const { back, binding } = await throughProvider("nuova");
    const res = await callback(back, binding);
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe("/");
    const [user] = await t.ctx.db.select().from(users).where(eq(users.email, `nuova@${domain}`));
    expect(user).toMatchObject({ name: "Persona nuova", passwordHash: null });
    const [member] = await t.ctx.db.select().from(memberships).where(eq(memberships.userId, user!.id));
    expect(member).toMatchObject({ orgId, role: "employee" });
    const [joined] = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, user!.id), eq(auditLog.action, "member.join_sso")));
    expect(joined?.orgId).toBe(orgId);
  });

  it("refuses people who are not members when just-in-time membership is off, and never adopts other accounts", async () => {
    const off = await t.app.inject({ method: "PATCH", url: `/api/orgs/${orgId}/sso-providers/${providerId}`, headers: admin.headers, payload: { defaultRole: null } });
    expect(off.statusCode).toBe(200);
    person("sconosciuta", `sconosciuta@${domain}`);
    const first = await throughProvider("sconosciuta");
    expectRefused(await callback(first.back, first.binding), "not_member");
    expect(await t.ctx.db.select().from(users).where(eq(users.email, `sconosciuta@${domain}`))).toHaveLength(0);

    await t.app.inject({ method: "PATCH", url: `/api/orgs/${orgId}/sso-providers/${providerId}`, headers: admin.headers, payload: { defaultRole: "viewer" } });
    // an account of another organisation with an address in this domain stays out, even with JIT on
    const elsewhere = await orgWithUser(t.app, t.ctx.db, "admin");
    await t.ctx.db.update(users).set({ email: `altrove@${domain}` }).where(eq(users.id, elsewhere.user.id));
    person("altrove", `altrove@${domain}`);
    const second = await throughProvider("altrove");
    expectRefused(await callback(second.back, second.binding), "not_member");
    expect(await t.ctx.db.select().from(memberships).where(eq(memberships.userId, elsewhere.user.id))).toHaveLength(1);
  });

  it("refuses an email the provider has not verified, and a domain the provider does not serve", async () => {
    person("nonverificata", `nonverificata@${domain}`, false);
    const unverified = await throughProvider("nonverificata");
    expectRefused(await callback(unverified.back, unverified.binding), "email_unverified");

    person("estranea", "estranea@altro-ente.it");
    const foreign = await throughProvider("estranea");
    expectRefused(await callback(foreign.back, foreign.binding), "domain_not_served");
    expect(await t.ctx.db.select().from(users).where(eq(users.email, "estranea@altro-ente.it"))).toHaveLength(0);
  });

  it("lets an SSO admin act where admins must have two-step verification: the provider gave it", async () => {
    await t.ctx.db.update(organisations).set({ requireAdminMfa: true }).where(eq(organisations.id, orgId));
    await makeUser(t.ctx.db, orgId, "admin", { email: `capo@${domain}` });
    person("capo", `capo@${domain}`);
    const { back, binding } = await throughProvider("capo");
    const res = await callback(back, binding);
    const cookie = `cittadella_session=${res.cookies.find((c) => c.name === "cittadella_session")!.value}`;
    const members = await t.app.inject({ method: "GET", url: `/api/orgs/${orgId}/members`, headers: { cookie } });
    expect(members.statusCode).toBe(200);
    await t.ctx.db.update(organisations).set({ requireAdminMfa: false }).where(eq(organisations.id, orgId));
  });

  it("sends a callback without a state, or from a provider that does not answer, back to the sign-in page", async () => {
    const bare = await t.app.inject({ method: "GET", url: "/api/auth/sso/callback?code=abc" });
    expectRefused(bare, "expired");

    person("irraggiungibile", `irraggiungibile@${domain}`);
    await makeUser(t.ctx.db, orgId, "employee", { email: `irraggiungibile@${domain}` });
    const { back, binding } = await throughProvider("irraggiungibile");
    // the provider moves away while the person is signing in: discovery fails at the callback
    const [other] = await t.ctx.db.update(oidcProviders).set({ issuer: "http://127.0.0.1:9/gone", updatedAt: new Date() }).where(eq(oidcProviders.id, providerId)).returning();
    expect(other?.issuer).toBe("http://127.0.0.1:9/gone");
    try {
      expectRefused(await callback(back, binding), "unavailable");
    } finally {
      await t.ctx.db.update(oidcProviders).set({ issuer: idp.issuer, updatedAt: new Date() }).where(eq(oidcProviders.id, providerId));
    }
  });

  it("refuses open redirects", async () => {
    for (const returnTo of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/ok\r\nSet-Cookie: x=1"]) {
      const res = await t.app.inject({ method: "GET", url: `/api/auth/sso/${providerId}/start?returnTo=${encodeURIComponent(returnTo)}` });
      expect(res.statusCode, returnTo).toBe(400);
      expect(res.json().error.fields).toEqual([{ field: "query.returnTo", reason: "deve essere un percorso di questo sito" }]);
    }
  });

  it("stops signing in through a disabled provider, also for logins already under way", async () => {
    person("spento", `spento@${domain}`);
    await makeUser(t.ctx.db, orgId, "employee", { email: `spento@${domain}` });
    const underWay = await throughProvider("spento");
    const off = await t.app.inject({ method: "PATCH", url: `/api/orgs/${orgId}/sso-providers/${providerId}`, headers: admin.headers, payload: { enabled: false } });
    expect(off.json().enabled).toBe(false);

    expectRefused(await callback(underWay.back, underWay.binding), "disabled");
    expect((await t.app.inject({ method: "GET", url: `/api/auth/sso/${providerId}/start` })).statusCode).toBe(404);
    const found = await t.app.inject({ method: "GET", url: `/api/auth/sso/discover?email=spento@${domain}` });
    expect(found.json()).toEqual({ providers: [] });

    await t.app.inject({ method: "PATCH", url: `/api/orgs/${orgId}/sso-providers/${providerId}`, headers: admin.headers, payload: { enabled: true } });
    const back = await t.app.inject({ method: "GET", url: `/api/auth/sso/discover?email=SPENTO@${domain}` });
    expect(back.json()).toEqual({ providers: [{ id: providerId, name: "Entra del Comune" }] });
  });
});

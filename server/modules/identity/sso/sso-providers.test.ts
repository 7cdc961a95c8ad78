import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, orgWithUser, relate, signIn } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { auditLog } from "../../../platform/audit/audit.tables.ts";
import { oidcProviders } from "../../../platform/auth/auth.tables.ts";
import { unseal } from "../../../platform/auth/tokens.ts";
import { issuerAllowed } from "./oidc-client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const SECRET = "segreto-del-client-da-non-mostrare";
const valid = (domain: string) => ({
  name: "Microsoft Entra ID",
  issuer: "https://login.microsoftonline.com/0000-tenant/v2.0",
  clientId: "app-client-id",
  clientSecret: SECRET,
  emailDomains: [domain, domain.toUpperCase()],
  defaultRole: "employee",
});

describe("SSO providers of an organisation", () => {
  it("lets an admin add, list, change and remove a provider; the secret is sealed and never shown", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const created = await t.app.inject({ method: "POST", url: `/api/orgs/${org.id}/sso-providers`, headers: session.headers, payload: valid("ente-uno.it") });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      orgId: org.id,
      hasClientSecret: true,
      emailDomains: ["ente-uno.it"],
      defaultRole: "employee",
      enabled: true,
      redirectUri: "http://localhost:3000/api/auth/sso/callback",
      actions: ["read", "update", "remove"],
    });
    expect(created.body).not.toContain(SECRET);

    const [row] = await t.ctx.db.select().from(oidcProviders).where(eq(oidcProviders.id, body.id));
    expect(row!.clientSecretEncrypted).not.toContain(SECRET);
    expect(unseal(row!.clientSecretEncrypted!, t.ctx.config.secretKey)).toBe(SECRET);

    const list = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/sso-providers`, headers: session.headers });
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([body.id]);
    expect(list.body).not.toContain(SECRET);

    const replaced = await t.app.inject({
      method: "PATCH",
      url: `/api/orgs/${org.id}/sso-providers/${body.id}`,
      headers: session.headers,
      payload: { clientSecret: "un-altro-segreto", defaultRole: null, name: "Entra" },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ name: "Entra", defaultRole: null, hasClientSecret: true });
    const [afterReplace] = await t.ctx.db.select().from(oidcProviders).where(eq(oidcProviders.id, body.id));
    expect(unseal(afterReplace!.clientSecretEncrypted!, t.ctx.config.secretKey)).toBe("un-altro-segreto");

    const publicClient = await t.app.inject({ method: "PATCH", url: `/api/orgs/${org.id}/sso-providers/${body.id}`, headers: session.headers, payload: { clientSecret: null } });
    expect(publicClient.json().hasClientSecret).toBe(false);

    const removed = await t.app.inject({ method: "DELETE", url: `/api/orgs/${org.id}/sso-providers/${body.id}`, headers: session.headers });
    expect(removed.statusCode).toBe(200);
    expect(await t.ctx.db.select().from(oidcProviders).where(eq(oidcProviders.id, body.id))).toHaveLength(0);

    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, body.id)).orderBy(auditLog.seq);
    expect(audit.map((a) => a.action)).toEqual(["sso_provider.create", "sso_provider.update", "sso_provider.update", "sso_provider.delete"]);
    expect(audit[1]!.after).toMatchObject({ clientSecretReplaced: true, name: "Entra" });
    const written = JSON.stringify(audit);
    expect(written).not.toContain(SECRET);
    expect(written).not.toContain("un-altro-segreto");
  });

  it("refuses bad settings, naming the field, and stores nothing", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const post = (payload: object) => t.app.inject({ method: "POST", url: `/api/orgs/${org.id}/sso-providers`, headers: session.headers, payload });

    const plainHttp = await post({ ...valid("ente-due.it"), issuer: "http://idp.example.it" });
    expect(plainHttp.statusCode).toBe(422);
    expect(plainHttp.json().error.fields).toEqual([{ field: "body.issuer", reason: "indirizzo dell'emittente non valido: serve https (http solo per localhost fuori produzione)" }]);

    const notUrl = await post({ ...valid("ente-due.it"), issuer: "login.microsoftonline.com" });
    expect(notUrl.statusCode).toBe(400);
    expect(notUrl.json().error.fields[0].field).toBe("body.issuer");

    const badDomain = await post({ ...valid("ente-due.it"), emailDomains: ["not a domain"] });
    expect(badDomain.statusCode).toBe(400);
    expect(badDomain.json().error.fields).toEqual([{ field: "body.emailDomains.0", reason: "dominio email non valido" }]);

    const noDomain = await post({ ...valid("ente-due.it"), emailDomains: [] });
    expect(noDomain.json().error.fields[0].field).toBe("body.emailDomains");

    const badRole = await post({ ...valid("ente-due.it"), defaultRole: "owner" });
    expect(badRole.json().error.fields[0].field).toBe("body.defaultRole");

    const unknown = await post({ ...valid("ente-due.it"), clientSecretEncrypted: "x" });
    expect(unknown.json().error.fields).toEqual([{ field: "body.clientSecretEncrypted", reason: "campo non previsto" }]);

    expect(await t.ctx.db.select().from(oidcProviders).where(eq(oidcProviders.orgId, org.id))).toHaveLength(0);
  });

  it("allows plain http only for a provider on this machine outside production", () => {
    expect(issuerAllowed("https://login.microsoftonline.com/t/v2.0", true)).toBe(true);
    expect(issuerAllowed("http://127.0.0.1:4000", false)).toBe(true);
    expect(issuerAllowed("http://localhost:4000/realm", false)).toBe(true);
    expect(issuerAllowed("http://127.0.0.1:4000", true)).toBe(false);
    expect(issuerAllowed("http://idp.example.it", false)).toBe(false);
    expect(issuerAllowed("https://idp.example.it/?tenant=1", false)).toBe(false);
    expect(issuerAllowed("https://user:pw@idp.example.it", false)).toBe(false);
    expect(issuerAllowed("ftp://idp.example.it", false)).toBe(false);
  });

  it("keeps a domain to one organisation", async () => {
    const first = await orgWithUser(t.app, t.ctx.db, "admin");
    const second = await orgWithUser(t.app, t.ctx.db, "admin");
    const ok = await t.app.inject({ method: "POST", url: `/api/orgs/${first.org.id}/sso-providers`, headers: first.session.headers, payload: valid("ente-tre.it") });
    expect(ok.statusCode).toBe(201);
    // the same organisation may serve its domain through a second provider (e.g. a SPID/CIE gateway)
    const again = await t.app.inject({ method: "POST", url: `/api/orgs/${first.org.id}/sso-providers`, headers: first.session.headers, payload: { ...valid("ente-tre.it"), name: "Gateway SPID/CIE" } });
    expect(again.statusCode).toBe(201);
    const taken = await t.app.inject({ method: "POST", url: `/api/orgs/${second.org.id}/sso-providers`, headers: second.session.headers, payload: valid("ente-tre.it") });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields).toEqual([{ field: "body.emailDomains", reason: "dominio già servito da un'altra organizzazione" }]);
  });

  it("hides a provider from other organisations (404) and forbids non-admins of its own (403)", async () => {
    const owner = await orgWithUser(t.app, t.ctx.db, "admin");
    const created = await t.app.inject({ method: "POST", url: `/api/orgs/${owner.org.id}/sso-providers`, headers: owner.session.headers, payload: valid("ente-quattro.it") });
    const providerId = created.json().id;
    const one = `/api/orgs/${owner.org.id}/sso-providers/${providerId}`;

    const stranger = await orgWithUser(t.app, t.ctx.db, "admin");
    for (const [method, url] of [["GET", `/api/orgs/${owner.org.id}/sso-providers`], ["PATCH", one], ["DELETE", one], ["POST", `/api/orgs/${owner.org.id}/sso-providers`]] as const) {
      const payload = method === "PATCH" ? { enabled: false } : method === "POST" ? valid("ente-cinque.it") : undefined;
      const res = await t.app.inject({ method, url, headers: stranger.session.headers, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    // the stranger's own org id in the path does not reach another org's provider either
    const sideways = await t.app.inject({ method: "PATCH", url: `/api/orgs/${stranger.org.id}/sso-providers/${providerId}`, headers: stranger.session.headers, payload: { enabled: false } });
    expect(sideways.statusCode).toBe(404);

    // the organisation's IT provider sees the organisation but not its sign-in settings
    const itProvider = await orgWithUser(t.app, t.ctx.db, "admin", { type: "it_provider" });
    await relate(t.ctx.db, "provider_of", itProvider.org.id, owner.org.id);
    const viaRelation = await t.app.inject({ method: "GET", url: `/api/orgs/${owner.org.id}/sso-providers`, headers: itProvider.session.headers });
    expect(viaRelation.statusCode).toBe(403);
    expect((await t.app.inject({ method: "PATCH", url: one, headers: itProvider.session.headers, payload: { enabled: false } })).statusCode).toBe(404);

    const employee = await makeUser(t.ctx.db, owner.org.id, "security_manager");
    const employeeSession = await signIn(t.app, employee.email);
    expect((await t.app.inject({ method: "GET", url: `/api/orgs/${owner.org.id}/sso-providers`, headers: employeeSession.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "PATCH", url: one, headers: employeeSession.headers, payload: { enabled: false } })).statusCode).toBe(403);

    const [row] = await t.ctx.db.select().from(oidcProviders).where(eq(oidcProviders.id, providerId));
    expect(row!.enabled).toBe(true);
  });

  it("discovers the enabled providers serving an email's domain, and nothing else", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const created = await t.app.inject({ method: "POST", url: `/api/orgs/${org.id}/sso-providers`, headers: session.headers, payload: valid("ente-sei.it") });
    const found = await t.app.inject({ method: "GET", url: "/api/auth/sso/discover?email=Anna.Rossi@Ente-Sei.it" });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({ providers: [{ id: created.json().id, name: "Microsoft Entra ID" }] });
    expect((await t.app.inject({ method: "GET", url: "/api/auth/sso/discover?email=anna@sei.it" })).json()).toEqual({ providers: [] });
    const bad = await t.app.inject({ method: "GET", url: "/api/auth/sso/discover?email=not-an-email" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe("query.email");
  });
});

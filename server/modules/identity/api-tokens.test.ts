import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, orgWithUser, signIn, type SignedIn } from "../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { apiTokens } from "../../platform/auth/auth.tables.ts";
import { sha256 } from "../../platform/auth/tokens.ts";
import { memberships } from "./identity.tables.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function createToken(session: SignedIn, payload: object) {
  const res = await t.app.inject({ method: "POST", url: "/api/me/tokens", headers: session.headers, payload });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; token: string; prefix: string; orgId: string; lastUsedAt: string | null };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("API tokens", () => {
  it("shows the token once, stores only its hash, and records when it was last used", async () => {
    const { org, user, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const created = await createToken(session, { name: "Monitoraggio", scopes: ["identity:read", "audit:read"], expiresInDays: 30 });
    expect(created.token).toMatch(/^ctd_/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(created).toMatchObject({ orgId: org.id, lastUsedAt: null, actions: ["revoke"] });
    const [row] = await t.ctx.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.tokenHash).toBe(sha256(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const use = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}`, headers: bearer(created.token) });
    expect(use.statusCode).toBe(200);
    const list = await t.app.inject({ method: "GET", url: "/api/me/tokens", headers: session.headers });
    const [shown] = list.json().items;
    expect(shown).toMatchObject({ id: created.id, name: "Monitoraggio", scopes: ["identity:read", "audit:read"] });
    expect(shown.lastUsedAt).not.toBeNull();
    expect(shown.token).toBeUndefined();
    const [audit] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audit).toMatchObject({ action: "api_token.create", actorUserId: user.id });
    expect(JSON.stringify(audit!.after)).not.toContain(created.token);
  });

  it("lets a read-scoped token read but not write", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const { token } = await createToken(session, { name: "Sola lettura", scopes: ["identity:read"], expiresInDays: null });
    expect((await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/members`, headers: bearer(token) })).statusCode).toBe(200);
    const write = await t.app.inject({ method: "PATCH", url: `/api/orgs/${org.id}`, headers: bearer(token), payload: { name: "Rinominato" } });
    expect(write.statusCode).toBe(403);
    const me = await t.app.inject({ method: "PATCH", url: "/api/me", headers: bearer(token), payload: { name: "Rinominato" } });
    expect(me.statusCode).toBe(403);
    // a token never mints more tokens or changes credentials, whatever its scopes
    const { token: writer } = await createToken(session, { name: "Scrittura", scopes: ["identity:write"], expiresInDays: 7 });
    expect((await t.app.inject({ method: "PATCH", url: `/api/orgs/${org.id}`, headers: bearer(writer), payload: { name: "Comune Rinominato" } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "POST", url: "/api/me/tokens", headers: bearer(writer), payload: { name: "x", scopes: ["identity:write"], expiresInDays: null } })).statusCode).toBe(403);
  });

  it("acts for the organisation current at creation, and stops when the membership ends", async () => {
    const { org, user, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const other = await makeOrganisation(t.ctx.db);
    await t.ctx.db.insert(memberships).values({ userId: user.id, orgId: other.id, role: "viewer" });
    const { token } = await createToken(session, { name: "Primo ente", scopes: ["identity:read"], expiresInDays: null });
    await t.app.inject({ method: "POST", url: "/api/auth/switch-organisation", headers: session.headers, payload: { orgId: other.id } });
    const info = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}`, headers: bearer(token) });
    expect(info.json().myRole).toBe("admin");
    expect((await t.app.inject({ method: "GET", url: `/api/orgs/${other.id}`, headers: bearer(token) })).statusCode).toBe(404);
    await t.ctx.db.delete(memberships).where(eq(memberships.orgId, org.id));
    expect((await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}`, headers: bearer(token) })).statusCode).toBe(401);
  });

  it("refuses revoked and expired tokens with 401", async () => {
    const { org, user, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const revoked = await createToken(session, { name: "Da revocare", scopes: ["identity:read"], expiresInDays: 1 });
    const del = await t.app.inject({ method: "DELETE", url: `/api/me/tokens/${revoked.id}`, headers: session.headers });
    expect(del.statusCode).toBe(200);
    const res = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}`, headers: bearer(revoked.token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("token_invalid");
    expect((await t.app.inject({ method: "DELETE", url: `/api/me/tokens/${revoked.id}`, headers: session.headers })).statusCode).toBe(404);

    const expiring = await createToken(session, { name: "Scade", scopes: ["identity:read"], expiresInDays: 1 });
    await t.ctx.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expiring.id));
    expect((await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}`, headers: bearer(expiring.token) })).statusCode).toBe(401);
    const list = await t.app.inject({ method: "GET", url: "/api/me/tokens", headers: session.headers });
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([expiring.id]);
    const actions = (await t.ctx.db.select().from(auditLog).where(eq(auditLog.actorUserId, user.id))).map((r) => r.action);
    expect(actions).toContain("api_token.revoke");
  });

  it("validates name, scopes and expiry, and keeps tokens private to their owner", async () => {
    const { session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/me/tokens",
      headers: session.headers,
      payload: { name: "", scopes: ["identity:read", "root:all"], expiresInDays: 0, owner: "x" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(["body.expiresInDays", "body.name", "body.owner", "body.scopes.1"]);
    const missing = await t.app.inject({ method: "POST", url: "/api/me/tokens", headers: session.headers, payload: { name: "Senza", scopes: [] } });
    expect(missing.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(["body.expiresInDays", "body.scopes"]);
    expect(await t.ctx.db.select().from(apiTokens)).not.toContainEqual(expect.objectContaining({ name: "Senza" }));

    const mine = await createToken(session, { name: "Mio", scopes: ["identity:read"], expiresInDays: null });
    const { session: colleague } = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await t.app.inject({ method: "DELETE", url: `/api/me/tokens/${mine.id}`, headers: colleague.headers })).statusCode).toBe(404);
    const theirs = await t.app.inject({ method: "GET", url: "/api/me/tokens", headers: colleague.headers });
    expect(theirs.json().items).toEqual([]);
  });

  it("needs a signed-in session", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/me/tokens" })).statusCode).toBe(401);
    const { user } = await orgWithUser(t.app, t.ctx.db, "viewer");
    const s = await signIn(t.app, user.email);
    const noCsrf = await t.app.inject({ method: "POST", url: "/api/me/tokens", headers: { cookie: s.cookie }, payload: { name: "x", scopes: ["identity:read"], expiresInDays: null } });
    expect(noCsrf.statusCode).toBe(403);
  });
});

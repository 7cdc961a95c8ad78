import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeOrganisation, makeUser, orgWithUser, relate, signIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { organisations } from "./identity.tables.ts";
import { eq } from "drizzle-orm";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("organisations", () => {
  it("registers an organisation with a valid IPA code and makes the caller its admin", async () => {
    const { session } = await orgWithUser(t.app, t.ctx.db, "viewer");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/orgs",
      headers: session.headers,
      payload: { name: "Comune di Prova", type: "comune", ipaCode: "C_X123", fiscalCode: "80012345676" },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: "Comune di Prova", ipaCode: "c_x123", myRole: "admin" });
    // actions are those of the organisation the caller acts for: switch to the new one first
    expect(body.actions).toEqual([]);
    const sw = await t.app.inject({ method: "POST", url: "/api/auth/switch-organisation", headers: session.headers, payload: { orgId: body.id } });
    expect(sw.statusCode).toBe(200);
    const again = await t.app.inject({ method: "GET", url: `/api/orgs/${body.id}`, headers: session.headers });
    expect(again.json().actions).toContain("update");
    const [row] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, body.id));
    expect(row?.action).toBe("organisation.create");
  });

  it("refuses an invalid IPA code and fiscal code, naming the fields, in Italian by default", async () => {
    const { session } = await orgWithUser(t.app, t.ctx.db);
    const before = await t.ctx.db.select().from(organisations);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/orgs",
      headers: session.headers,
      payload: { name: "Comune Sbagliato", type: "comune", ipaCode: "not valid!", fiscalCode: "80012345670" },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.message).toBe("Alcuni dati non sono validi.");
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { field: "body.ipaCode", reason: "codice IPA non valido" },
        { field: "body.fiscalCode", reason: "codice fiscale o partita IVA non valido" },
      ]),
    );
    expect(await t.ctx.db.select().from(organisations)).toHaveLength(before.length);
  });

  it("answers in English when asked, and names unknown fields", async () => {
    const { session } = await orgWithUser(t.app, t.ctx.db);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/orgs",
      headers: { ...session.headers, "accept-language": "en-GB,en;q=0.9" },
      payload: { name: "X Company", type: "company", isAdmin: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ field: "body.isAdmin", reason: "unknown field" }]);
  });

  it("changes the IPA code of the admin's organisation, normalised, and refuses one already taken", async () => {
    // the uniqueness check runs inside the update's transaction (on PGlite a second connection would wait forever)
    await makeOrganisation(t.ctx.db, { name: "Comune Vicino", type: "comune", ipaCode: "c_vicino" });
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin", { type: "comune" });
    const change = await t.app.inject({ method: "PATCH", url: `/api/orgs/${org.id}`, headers: session.headers, payload: { ipaCode: "C_NUOVO" } });
    expect(change.statusCode).toBe(200);
    expect(change.json()).toMatchObject({ id: org.id, ipaCode: "c_nuovo" });
    const taken = await t.app.inject({ method: "PATCH", url: `/api/orgs/${org.id}`, headers: session.headers, payload: { ipaCode: "c_vicino" } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields).toEqual([{ field: "body.ipaCode", reason: expect.any(String) }]);
    const [stored] = await t.ctx.db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(stored?.ipaCode).toBe("c_nuovo");
  });

  it("lets a provider read its client's organisation but not change it, and hides unrelated ones", async () => {
    const client = await makeOrganisation(t.ctx.db, { name: "Comune Cliente" });
    const stranger = await makeOrganisation(t.ctx.db, { name: "Comune Estraneo" });
    const { org: provider, session } = await orgWithUser(t.app, t.ctx.db, "admin", { type: "it_provider", name: "Fornitore" });
    await relate(t.ctx.db, "provider_of", provider.id, client.id);

    const read = await t.app.inject({ method: "GET", url: `/api/orgs/${client.id}`, headers: session.headers });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ name: "Comune Cliente", myRole: null, actions: ["read"] });

    const change = await t.app.inject({ method: "PATCH", url: `/api/orgs/${client.id}`, headers: session.headers, payload: { name: "Preso" } });
    expect(change.statusCode).toBe(403);

    const hidden = await t.app.inject({ method: "GET", url: `/api/orgs/${stranger.id}`, headers: session.headers });
    expect(hidden.statusCode).toBe(404);
  });

  it("keeps at least one admin", async () => {
    const { org, user, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const other = await makeUser(t.ctx.db, org.id, "admin");
    const otherSession = await signIn(t.app, other.email);
    const demote = await t.app.inject({ method: "PATCH", url: `/api/orgs/${org.id}/members/${user.id}`, headers: otherSession.headers, payload: { role: "viewer" } });
    expect(demote.statusCode).toBe(200);
    const leave = await t.app.inject({ method: "DELETE", url: `/api/orgs/${org.id}/members/${other.id}`, headers: otherSession.headers });
    expect(leave.statusCode).toBe(422);
    expect(leave.json().error.fields[0]).toMatchObject({ field: "params.userId" });
    void session;
  });

  it("pages through members with a cursor", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    for (let i = 0; i < 5; i++) await makeUser(t.ctx.db, org.id, "employee");
    const first = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/members?limit=4`, headers: session.headers });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(4);
    const second = await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/members?limit=4&cursor=${page1.nextCursor}`, headers: session.headers });
    const page2 = second.json();
    expect(page2.items).toHaveLength(2);
    expect(page2.nextCursor).toBeNull();
    const ids = [...page1.items, ...page2.items].map((m: { userId: string }) => m.userId);
    expect(new Set(ids).size).toBe(6);
  });
});

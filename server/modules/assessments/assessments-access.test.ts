import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeApiToken, makeOrganisation, makeUser, orgWithUser, relate, signIn } from "../../../test/helpers/factories.ts";
import { buildRegistry } from "./catalogs/catalog-loader.ts";
import { installCatalogRegistry } from "./catalog-registry.ts";
import { testCatalog } from "./test-catalog.fixture.ts";

// Who sees and answers an assessment: its organisation, the IT provider's users assigned to it
// (for their requirements only), its coordinators once approved and shared, nobody else.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  installCatalogRegistry(t.ctx, buildRegistry([testCatalog]));
});
afterAll(() => t.close());

const inject = (headers: Record<string, string>, method: "GET" | "POST" | "PUT" | "PATCH", url: string, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

async function entityWithProvider() {
  const db = t.ctx.db;
  const { org, user: admin, session } = await orgWithUser(t.app, db, "admin");
  const provider = await makeOrganisation(db, { type: "it_provider" });
  await relate(db, "provider_of", provider.id, org.id);
  const technician = await makeUser(db, provider.id, "it_operator");
  const otherTechnician = await makeUser(db, provider.id, "it_operator");
  const employee = await makeUser(db, org.id, "employee");
  const base = `/api/orgs/${org.id}/assessments`;
  const created = await inject(session.headers, "POST", base, {
    frameworkId: "prova-csf",
    level: "base",
    title: "Postura 2026",
    assignees: [{ userId: technician.id, requirementIds: ["PR.AA-01"] }, { userId: employee.id }],
  });
  expect(created.statusCode).toBe(201);
  const url = `${base}/${created.json().id}`;
  return { org, admin, session, provider, technician, otherTechnician, employee, base, url, id: created.json().id as string };
}

const answer = (requirementId: string) => ({ answers: [{ requirementId, status: "implemented" }] });

describe("assessment access", () => {
  it("lets a provider's assignee see the assessment and answer only the requirements assigned", async () => {
    const { technician, base, url, id } = await entityWithProvider();
    const tech = (await signIn(t.app, technician.email)).headers;
    expect((await inject(tech, "GET", base)).json().items.map((a: { id: string }) => a.id)).toEqual([id]);
    const seen = (await inject(tech, "GET", url)).json();
    expect(seen).toMatchObject({ answerable: ["PR.AA-01"], actions: ["read", "answer"] });
    expect((await inject(tech, "PUT", `${url}/answers`, answer("PR.AA-01"))).statusCode).toBe(200);
    const other = await inject(tech, "PUT", `${url}/answers`, { answers: [{ requirementId: "PR.AA-01", status: "partial" }, { requirementId: "PR.AA-02", status: "implemented" }] });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.fields.map((f: { field: string }) => f.field)).toEqual(["body.answers[1].requirementId"]);
    expect((await inject(tech, "GET", url)).json().answers).toEqual([expect.objectContaining({ requirementId: "PR.AA-01", status: "implemented" })]);
    // managing the assessment stays with the entity
    expect((await inject(tech, "POST", `${url}/submit`)).statusCode).toBe(403);
    expect((await inject(tech, "PATCH", url, { title: "Del fornitore" })).statusCode).toBe(403);
  });

  it("hides the assessment from a provider's user who is not assigned", async () => {
    const { otherTechnician, base, url } = await entityWithProvider();
    const other = (await signIn(t.app, otherTechnician.email)).headers;
    expect((await inject(other, "GET", base)).json().items).toEqual([]);
    expect((await inject(other, "GET", url)).statusCode).toBe(404);
    expect((await inject(other, "PUT", `${url}/answers`, answer("PR.AA-01"))).statusCode).toBe(404);
  });

  it("refuses assignees outside the entity and its provider, and provider users without a list", async () => {
    const { session, url, technician } = await entityWithProvider();
    const stranger = await makeUser(t.ctx.db, (await makeOrganisation(t.ctx.db)).id, "admin");
    const outside = await inject(session.headers, "PATCH", url, { assignees: [{ userId: stranger.id }] });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.fields[0].field).toBe("body.assignees[0].userId");
    const noList = await inject(session.headers, "PATCH", url, { assignees: [{ userId: technician.id }] });
    expect(noList.json().error.fields[0].field).toBe("body.assignees[0].requirementIds");
    const unknown = await inject(session.headers, "PATCH", url, { assignees: [{ userId: technician.id, requirementIds: ["GV.RM-01"] }] });
    expect(unknown.json().error.fields[0].field).toBe("body.assignees[0].requirementIds[0]");
    expect((await inject(session.headers, "GET", url)).json().assignees).toHaveLength(2);
  });

  it("lets an employee answer only when assigned, and only managers start one", async () => {
    const { org, employee, base, url } = await entityWithProvider();
    const emp = (await signIn(t.app, employee.email)).headers;
    expect((await inject(emp, "PUT", `${url}/answers`, answer("GV.OC-02"))).statusCode).toBe(200);
    expect((await inject(emp, "POST", base, { frameworkId: "prova-csf", title: "Mia" })).statusCode).toBe(403);
    const viewer = await makeUser(t.ctx.db, org.id, "viewer");
    const view = (await signIn(t.app, viewer.email)).headers;
    expect((await inject(view, "GET", url)).json().actions).toEqual(["read"]);
    expect((await inject(view, "PUT", `${url}/answers`, answer("GV.OC-02"))).statusCode).toBe(403);
  });

  it("shows a coordinator only the approved assessments shared upward at sign-off, read-only", async () => {
    const { org, session, base, url, id } = await entityWithProvider();
    const regione = await makeOrganisation(t.ctx.db, { type: "regione" });
    await relate(t.ctx.db, "coordinator_of", regione.id, org.id);
    const coordinator = (await signIn(t.app, (await makeUser(t.ctx.db, regione.id, "admin")).email)).headers;
    const kept = await inject(session.headers, "POST", base, { frameworkId: "prova-csf", title: "Non condivisa" });
    const keptUrl = `${base}/${kept.json().id}`;
    for (const target of [url, keptUrl]) {
      await inject(session.headers, "POST", `${target}/submit`);
      // still in review: not shared yet
      expect((await inject(coordinator, "GET", target)).statusCode).toBe(404);
    }
    const shared = await inject(session.headers, "POST", `${url}/approve`, { signedBy: "Maria Rossi", shareUpward: true });
    expect(shared.json()).toMatchObject({ status: "approved", sharedUpward: true });
    await inject(session.headers, "POST", `${keptUrl}/approve`, { signedBy: "Maria Rossi" });

    expect((await inject(coordinator, "GET", base)).json().items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect((await inject(coordinator, "GET", url)).json().actions).toEqual(["read"]);
    expect((await inject(coordinator, "GET", `${url}/results`)).statusCode).toBe(200);
    expect((await inject(coordinator, "GET", keptUrl)).statusCode).toBe(404);
    expect((await inject(coordinator, "POST", `${url}/new-cycle`)).statusCode).toBe(403);
    expect((await inject(coordinator, "POST", base, { frameworkId: "prova-csf", title: "Della regione" })).statusCode).toBe(403);
  });

  it("answers 404 to another organisation on every route", async () => {
    const { url, base } = await entityWithProvider();
    const b = await orgWithUser(t.app, t.ctx.db, "admin");
    const h = b.session.headers;
    expect((await inject(h, "GET", base)).statusCode).toBe(404);
    for (const [method, path, body] of [
      ["GET", url, undefined],
      ["GET", `${url}/results`, undefined],
      ["PATCH", url, { title: "X" }],
      ["PUT", `${url}/answers`, answer("GV.OC-01")],
      ["POST", `${url}/submit`, undefined],
      ["POST", `${url}/approve`, { signedBy: "X" }],
      ["POST", `${url}/new-cycle`, undefined],
    ] as const) {
      expect([method, path, (await inject(h, method, path, body)).statusCode]).toEqual([method, path, 404]);
    }
  });

  it("needs assessments:read to read and assessments:write to answer with an API token", async () => {
    const { org, admin, url } = await entityWithProvider();
    const reader = await makeApiToken(t.ctx.db, admin.id, org.id, ["assessments:read"]);
    const bearer = { authorization: `Bearer ${reader.token}` };
    expect((await inject(bearer, "GET", url)).json().actions).toEqual(["read"]);
    expect((await inject(bearer, "PUT", `${url}/answers`, answer("GV.OC-01"))).statusCode).toBe(403);
    const writer = await makeApiToken(t.ctx.db, admin.id, org.id, ["assessments:write"]);
    expect((await inject({ authorization: `Bearer ${writer.token}` }, "PUT", `${url}/answers`, answer("GV.OC-01"))).statusCode).toBe(200);
    const other = await makeApiToken(t.ctx.db, admin.id, org.id, ["files:write"]);
    expect((await inject({ authorization: `Bearer ${other.token}` }, "GET", url)).statusCode).toBe(403);
  });
});

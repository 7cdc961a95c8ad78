import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeOrganisation, makeStoredFile, makeUser, orgWithUser, relate, signIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { buildRegistry } from "./catalogs/catalog-loader.ts";
import { installCatalogRegistry } from "./catalog-registry.ts";
import { testCatalog } from "./test-catalog.fixture.ts";
import { isExpired } from "./evidence.service.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  installCatalogRegistry(t.ctx, buildRegistry([testCatalog]));
});
afterAll(() => t.close());

const inject = (headers: Record<string, string>, method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

async function setup() {
  const db = t.ctx.db;
  const { org, user, session } = await orgWithUser(t.app, db, "admin");
  const provider = await makeOrganisation(db, { type: "it_provider" });
  await relate(db, "provider_of", provider.id, org.id);
  const technician = await makeUser(db, provider.id, "it_operator");
  const res = await inject(session.headers, "POST", `/api/orgs/${org.id}/assessments`, {
    frameworkId: "prova-csf",
    level: "base",
    title: "Postura",
    assignees: [{ userId: technician.id, requirementIds: ["PR.AA-01"] }],
  });
  const url = `/api/orgs/${org.id}/assessments/${res.json().id}`;
  return { org, user, session, technician, url };
}

describe("evidence of answers", () => {
  it("attaches links and uploaded files with an expiry, flags expired ones and audits", async () => {
    const { org, user, session, url } = await setup();
    const file = await makeStoredFile(t.ctx.db, t.ctx.fileStore, org.id, user.id, "Politica di sicurezza firmata");
    const link = await inject(session.headers, "POST", `${url}/evidence`, { requirementId: "GV.OC-01", url: "https://intranet.comune.example.it/registro", expiresOn: "2020-01-31" });
    expect(link.statusCode).toBe(201);
    expect(link.json()).toMatchObject({ title: "https://intranet.comune.example.it/registro", expired: true, file: null });
    const doc = await inject(session.headers, "POST", `${url}/evidence`, { requirementId: "GV.OC-01", fileId: file.id, title: "Politica 2026", expiresOn: "2999-12-31" });
    expect(doc.statusCode).toBe(201);
    expect(doc.json()).toMatchObject({ title: "Politica 2026", expired: false, url: null, file: { id: file.id, name: file.originalName } });

    const list = (await inject(session.headers, "GET", `${url}/evidence?requirementId=GV.OC-01`)).json().items;
    expect(list.map((e: { title: string; expired: boolean }) => [e.title, e.expired])).toEqual([
      ["https://intranet.comune.example.it/registro", true],
      ["Politica 2026", false],
    ]);
    expect((await inject(session.headers, "DELETE", `${url}/evidence/${link.json().id}`)).statusCode).toBe(200);
    expect((await inject(session.headers, "GET", `${url}/evidence`)).json().items).toHaveLength(1);
    const actions = await t.ctx.db.select().from(auditLog).where(eq(auditLog.orgId, org.id));
    expect(actions.filter((a) => a.action.startsWith("assessment.evidence_")).map((a) => a.action).sort()).toEqual([
      "assessment.evidence_add",
      "assessment.evidence_add",
      "assessment.evidence_remove",
    ]);
  });

  it("counts a date as valid through the whole day", () => {
    expect(isExpired("2026-03-01", "2026-03-01")).toBe(false);
    expect(isExpired("2026-03-01", "2026-03-02")).toBe(true);
    expect(isExpired(null, "2026-03-02")).toBe(false);
  });

  it("refuses both or neither of link and file, another organisation's file, a bad link or requirement", async () => {
    const { session, url } = await setup();
    const other = await orgWithUser(t.app, t.ctx.db, "admin");
    const foreign = await makeStoredFile(t.ctx.db, t.ctx.fileStore, other.org.id, other.user.id);
    const res = await inject(session.headers, "POST", `${url}/evidence`, { requirementId: "GV.OC-01", fileId: foreign.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields[0].field).toBe("body.fileId");
    const neither = await inject(session.headers, "POST", `${url}/evidence`, { requirementId: "GV.OC-01" });
    expect(neither.statusCode).toBe(422);
    expect(neither.json().error.fields[0].field).toBe("body.url");
    const both = await inject(session.headers, "POST", `${url}/evidence`, { requirementId: "GV.OC-01", url: "https://example.it", fileId: foreign.id });
    expect(both.json().error.fields[0].field).toBe("body.url");
    expect((await inject(session.headers, "POST", `${url}/evidence`, { requirementId: "GV.OC-01", url: "javascript:alert(1)" })).statusCode).toBe(400);
    const unknown = await inject(session.headers, "POST", `${url}/evidence`, { requirementId: "GV.RM-01", url: "https://example.it" });
    expect(unknown.json().error.fields[0].field).toBe("body.requirementId");
    expect((await inject(session.headers, "GET", `${url}/evidence`)).json().items).toEqual([]);
  });

  it("lets a provider's user add evidence only to its requirements, hides it from strangers, locks it when approved", async () => {
    const { org, session, technician, url } = await setup();
    const tech = (await signIn(t.app, technician.email)).headers;
    expect((await inject(tech, "POST", `${url}/evidence`, { requirementId: "PR.AA-01", url: "https://fornitore.example.it/mfa" })).statusCode).toBe(201);
    expect((await inject(tech, "POST", `${url}/evidence`, { requirementId: "GV.OC-01", url: "https://fornitore.example.it/x" })).statusCode).toBe(403);
    const stranger = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await inject(stranger.session.headers, "GET", `${url}/evidence`)).statusCode).toBe(404);

    const [evidence] = (await inject(session.headers, "GET", `${url}/evidence`)).json().items;
    await inject(session.headers, "POST", `${url}/submit`);
    await inject(session.headers, "POST", `${url}/approve`, { signedBy: "Anna Sindaca" });
    expect((await inject(session.headers, "POST", `${url}/evidence`, { requirementId: "GV.OC-01", url: "https://example.it" })).statusCode).toBe(409);
    expect((await inject(session.headers, "DELETE", `${url}/evidence/${evidence.id}`)).statusCode).toBe(409);
    expect((await inject(session.headers, "GET", `${url}/evidence`)).json().items).toHaveLength(1);
    expect(await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "assessment.evidence_remove")))).toEqual([]);
  });
});

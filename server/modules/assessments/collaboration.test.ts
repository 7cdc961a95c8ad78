import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeOrganisation, makeUser, orgWithUser, relate, signIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { buildRegistry } from "./catalogs/catalog-loader.ts";
import { installCatalogRegistry } from "./catalog-registry.ts";
import { mappedTestCatalog, testCatalog } from "./test-catalog.fixture.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  installCatalogRegistry(t.ctx, buildRegistry([testCatalog, mappedTestCatalog]));
});
afterAll(() => t.close());

const inject = (headers: Record<string, string>, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const auditOf = (orgId: string, action: string) => t.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, action)));

async function entity() {
  const db = t.ctx.db;
  const { org, session } = await orgWithUser(t.app, db, "admin");
  const provider = await makeOrganisation(db, { type: "it_provider" });
  await relate(db, "provider_of", provider.id, org.id);
  const technician = await makeUser(db, provider.id, "it_operator");
  const base = `/api/orgs/${org.id}/assessments`;
  const create = async (frameworkId: string, level?: string, assignees?: object[]) => {
    const res = await inject(session.headers, "POST", base, { frameworkId, ...(level ? { level } : {}), title: `Valutazione ${frameworkId}`, ...(assignees ? { assignees } : {}) });
    expect(res.statusCode).toBe(201);
    return { id: res.json().id as string, url: `${base}/${res.json().id}` };
  };
  return { org, session, technician, base, create };
}

describe("comments on answers", () => {
  it("lets the entity and its assigned provider talk about an answer, in order, audited", async () => {
    const { org, session, technician, create } = await entity();
    const a = await create("prova-csf", "base", [{ userId: technician.id, requirementIds: ["PR.AA-01"] }]);
    const tech = (await signIn(t.app, technician.email)).headers;
    const first = await inject(session.headers, "POST", `${a.url}/comments`, { requirementId: "PR.AA-01", body: "Avete attivato l'MFA sulla VPN?" });
    expect(first.statusCode).toBe(201);
    const reply = await inject(tech, "POST", `${a.url}/comments`, { requirementId: "PR.AA-01", body: "Sì, da marzo." });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ authorId: technician.id, authorName: technician.name, body: "Sì, da marzo." });
    await inject(session.headers, "POST", `${a.url}/comments`, { requirementId: "GV.OC-01", body: "Da verificare" });

    const thread = await inject(tech, "GET", `${a.url}/comments?requirementId=PR.AA-01`);
    expect(thread.json().items.map((c: { body: string }) => c.body)).toEqual(["Avete attivato l'MFA sulla VPN?", "Sì, da marzo."]);
    expect((await inject(session.headers, "GET", `${a.url}/comments`)).json().items).toHaveLength(3);
    expect(await auditOf(org.id, "assessment.comment")).toHaveLength(3);
  });

  it("refuses a requirement outside the assessment or not assigned, and strangers", async () => {
    const { session, technician, create } = await entity();
    const a = await create("prova-csf", "base", [{ userId: technician.id, requirementIds: ["PR.AA-01"] }]);
    const unknown = await inject(session.headers, "POST", `${a.url}/comments`, { requirementId: "GV.RM-01", body: "x" });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.fields[0]).toMatchObject({ field: "body.requirementId" });
    const tech = (await signIn(t.app, technician.email)).headers;
    expect((await inject(tech, "POST", `${a.url}/comments`, { requirementId: "GV.OC-01", body: "x" })).statusCode).toBe(403);
    const stranger = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await inject(stranger.session.headers, "GET", `${a.url}/comments`)).statusCode).toBe(404);
    expect((await inject(stranger.session.headers, "POST", `${a.url}/comments`, { requirementId: "GV.OC-01", body: "x" })).statusCode).toBe(404);
    expect((await inject(session.headers, "GET", `${a.url}/comments`)).json().items).toEqual([]);
  });

  it("locks the comments of an approved assessment", async () => {
    const { session, create } = await entity();
    const a = await create("prova-csf", "base");
    expect((await inject(session.headers, "POST", `${a.url}/submit`)).statusCode).toBe(200);
    expect((await inject(session.headers, "POST", `${a.url}/approve`, { signedBy: "Anna Sindaca" })).statusCode).toBe(200);
    const res = await inject(session.headers, "POST", `${a.url}/comments`, { requirementId: "GV.OC-01", body: "tardi" });
    expect(res.statusCode).toBe(409);
    expect((await inject(session.headers, "GET", `${a.url}/comments`)).json().items).toEqual([]);
  });
});

describe("pre-fill from mappings", () => {
  it("derives mapped answers, the weaker one winning, until a person saves them", async () => {
    const { org, session, create } = await entity();
    const measures = await create("prova-misure");
    const csf = await create("prova-csf", "base");
    const saved = await inject(session.headers, "PUT", `${measures.url}/answers`, {
      answers: [
        { requirementId: "M-01", status: "implemented", currentMaturity: 3, targetMaturity: 3 },
        { requirementId: "M-02", status: "partial", currentMaturity: 2, targetMaturity: 4 },
        { requirementId: "M-03", status: "implemented", currentMaturity: 4, targetMaturity: 4 },
      ],
    });
    expect(saved.statusCode).toBe(200);
    // a person already answered PR.AA-01 in the CSF assessment: it stays as it is
    await inject(session.headers, "PUT", `${csf.url}/answers`, { answers: [{ requirementId: "PR.AA-01", status: "implemented", currentMaturity: 4 }] });

    const res = await inject(session.headers, "POST", `${csf.url}/prefill`, { fromAssessmentId: measures.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().skipped).toEqual(["PR.AA-01"]);
    // GV.RM-01 is not in force at "base": nothing derived for it
    expect(res.json().prefilled).toEqual([
      expect.objectContaining({ requirementId: "GV.OC-01", status: "partial", currentMaturity: 2, targetMaturity: 4, derived: true, answeredBy: null }),
    ]);
    const answers = (await inject(session.headers, "GET", csf.url)).json().answers;
    expect(answers.map((a: { requirementId: string; derived: boolean }) => [a.requirementId, a.derived])).toEqual([
      ["GV.OC-01", true],
      ["PR.AA-01", false],
    ]);
    expect(await auditOf(org.id, "assessment.prefill")).toHaveLength(1);

    // saving it confirms it
    await inject(session.headers, "PUT", `${csf.url}/answers`, { answers: [{ requirementId: "GV.OC-01", status: "partial", currentMaturity: 2, targetMaturity: 4 }] });
    const confirmed = (await inject(session.headers, "GET", csf.url)).json().answers.find((a: { requirementId: string }) => a.requirementId === "GV.OC-01");
    expect(confirmed.derived).toBe(false);
    // a second pre-fill no longer touches it
    const again = await inject(session.headers, "POST", `${csf.url}/prefill`, { fromAssessmentId: measures.id });
    expect(again.json()).toEqual({ prefilled: [], skipped: ["GV.OC-01", "PR.AA-01"] });
  });

  it("refuses another organisation's assessment, itself, a provider's user and a locked target", async () => {
    const { session, technician, create } = await entity();
    const csf = await create("prova-csf", "base", [{ userId: technician.id, requirementIds: ["PR.AA-01"] }]);
    const other = await orgWithUser(t.app, t.ctx.db, "admin");
    const foreign = await inject(other.session.headers, "POST", `/api/orgs/${other.org.id}/assessments`, { frameworkId: "prova-misure", title: "Altrui" });
    const wrong = await inject(session.headers, "POST", `${csf.url}/prefill`, { fromAssessmentId: foreign.json().id });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.fields[0].field).toBe("body.fromAssessmentId");
    expect((await inject(session.headers, "POST", `${csf.url}/prefill`, { fromAssessmentId: csf.id })).statusCode).toBe(422);
    const tech = (await signIn(t.app, technician.email)).headers;
    const measures = await create("prova-misure");
    expect((await inject(tech, "POST", `${csf.url}/prefill`, { fromAssessmentId: measures.id })).statusCode).toBe(403);
    await inject(session.headers, "POST", `${csf.url}/submit`);
    await inject(session.headers, "POST", `${csf.url}/approve`, { signedBy: "Anna Sindaca" });
    expect((await inject(session.headers, "POST", `${csf.url}/prefill`, { fromAssessmentId: measures.id })).statusCode).toBe(409);
  });
});

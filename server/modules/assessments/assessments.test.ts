import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { orgWithUser, type SignedIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { buildRegistry } from "./catalogs/catalog-loader.ts";
import { installCatalogRegistry } from "./catalog-registry.ts";
import { testCatalog } from "./test-catalog.fixture.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  installCatalogRegistry(t.ctx, buildRegistry([testCatalog]));
});
afterAll(() => t.close());

const call = (session: SignedIn, method: "GET" | "POST" | "PUT" | "PATCH", url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function newAssessment(level = "base") {
  const { org, user, session } = await orgWithUser(t.app, t.ctx.db, "admin");
  const res = await call(session, "POST", `/api/orgs/${org.id}/assessments`, { frameworkId: "prova-csf", level, title: "Postura 2026", targetDate: "2026-12-31" });
  expect(res.statusCode).toBe(201);
  return { org, user, session, assessment: res.json(), url: `/api/orgs/${org.id}/assessments/${res.json().id}` };
}

const auditOf = (orgId: string, action: string) => t.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, action)));

describe("assessments", () => {
  it("starts a draft with its owner, lists it and audits the creation", async () => {
    const { org, user, session, assessment, url } = await newAssessment();
    expect(assessment).toMatchObject({ frameworkId: "prova-csf", level: "base", scopeService: null, status: "draft", ownerId: user.id, answers: [], answerable: null });
    expect(assessment.actions).toEqual(["read", "update", "answer", "submit"]);
    const list = await call(session, "GET", `/api/orgs/${org.id}/assessments`);
    expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([assessment.id]);
    expect((await call(session, "GET", url)).json().title).toBe("Postura 2026");
    expect(await auditOf(org.id, "assessment.create")).toHaveLength(1);
  });

  it("refuses an unknown framework or level, naming the field", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const base = `/api/orgs/${org.id}/assessments`;
    const framework = await call(session, "POST", base, { frameworkId: "nessuno", title: "X" });
    expect(framework.statusCode).toBe(422);
    expect(framework.json().error.fields[0].field).toBe("body.frameworkId");
    const level = await call(session, "POST", base, { frameworkId: "prova-csf", level: "medio", title: "X" });
    expect(level.json().error.fields[0].field).toBe("body.level");
    expect((await call(session, "GET", base)).json().items).toEqual([]);
  });

  it("saves many answers at once and records who answered", async () => {
    const { user, session, url } = await newAssessment();
    const res = await call(session, "PUT", `${url}/answers`, {
      answers: [
        { requirementId: "GV.OC-01", status: "implemented", currentMaturity: 3, targetMaturity: 4, notes: "Registro aggiornato" },
        { requirementId: "PR.AA-01", status: "not_applicable", reason: "Nessun accesso remoto" },
      ],
    });
    expect(res.statusCode).toBe(200);
    const stored = (await call(session, "GET", url)).json().answers;
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({ requirementId: "GV.OC-01", status: "implemented", currentMaturity: 3, targetMaturity: 4, answeredBy: user.id });
    // answering again replaces the answer
    await call(session, "PUT", `${url}/answers`, { answers: [{ requirementId: "GV.OC-01", status: "partial", currentMaturity: 2 }] });
    expect((await call(session, "GET", url)).json().answers[0]).toMatchObject({ status: "partial", currentMaturity: 2, targetMaturity: null });
  });

  it("changes nothing when one row of a bulk update is wrong, and names every wrong row", async () => {
    const { org, session, url } = await newAssessment();
    const res = await call(session, "PUT", `${url}/answers`, {
      answers: [
        { requirementId: "GV.OC-01", status: "implemented", currentMaturity: 3 },
        { requirementId: "GV.OC-02", status: "partial", currentMaturity: 7 },
        { requirementId: "PR.AA-01", status: "not_applicable" },
        { requirementId: "GV.RM-01", status: "implemented" },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toEqual([
      "body.answers[1].currentMaturity",
      "body.answers[2].reason",
      "body.answers[3].requirementId",
    ]);
    expect((await call(session, "GET", url)).json().answers).toEqual([]);
    expect(await auditOf(org.id, "assessment.answers")).toHaveLength(0);
  });

  it("moves draft -> in review -> approved, signed off by a named person, then refuses every change", async () => {
    const { org, user, session, url } = await newAssessment();
    await call(session, "PUT", `${url}/answers`, { answers: [{ requirementId: "GV.OC-01", status: "implemented" }] });
    expect((await call(session, "POST", `${url}/approve`, { signedBy: "Sindaca" })).statusCode).toBe(409);
    const inReview = await call(session, "POST", `${url}/submit`);
    expect(inReview.json()).toMatchObject({ status: "in_review", actions: ["read", "answer", "return", "approve"] });
    expect((await call(session, "PATCH", url, { title: "Nuovo titolo" })).statusCode).toBe(409);
    expect((await call(session, "POST", `${url}/return`)).json().status).toBe("draft");
    await call(session, "POST", `${url}/submit`);
    const approved = await call(session, "POST", `${url}/approve`, { signedBy: "Maria Rossi, Sindaca" });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: "approved", approvedBy: user.id, approvedByName: "Maria Rossi, Sindaca", actions: ["read", "newCycle"] });
    expect(Date.parse(approved.json().approvedAt)).toBeGreaterThan(Date.now() - 60_000);
    const [signOff] = await auditOf(org.id, "assessment.approve");
    expect(signOff!.after).toMatchObject({ status: "approved", approvedByName: "Maria Rossi, Sindaca" });

    const writes: [string, string, unknown][] = [
      ["PATCH", url, { title: "Cambiato" }],
      ["PUT", `${url}/answers`, { answers: [{ requirementId: "GV.OC-01", status: "not_implemented" }] }],
      ["POST", `${url}/submit`, undefined],
      ["POST", `${url}/return`, undefined],
      ["POST", `${url}/approve`, { signedBy: "Altro" }],
    ];
    for (const [method, path, body] of writes) {
      const res = await call(session, method as "POST", path, body);
      expect([method, path, res.statusCode, res.json().error.code]).toEqual([method, path, 409, "assessment_locked"]);
    }
    const after = (await call(session, "GET", url)).json();
    expect(after).toMatchObject({ title: "Postura 2026", status: "approved" });
    expect(after.answers[0].status).toBe("implemented");
  });

  it("starts a new cycle as a draft copy of an approved assessment", async () => {
    const { session, url, assessment } = await newAssessment();
    expect((await call(session, "POST", `${url}/new-cycle`)).statusCode).toBe(409);
    await call(session, "PUT", `${url}/answers`, { answers: [{ requirementId: "PR.AA-02", status: "partial", currentMaturity: 2, targetMaturity: 3 }] });
    await call(session, "POST", `${url}/submit`);
    await call(session, "POST", `${url}/approve`, { signedBy: "Maria Rossi" });
    const next = await call(session, "POST", `${url}/new-cycle`);
    expect(next.statusCode).toBe(201);
    expect(next.json()).toMatchObject({ status: "draft", previousId: assessment.id, level: "base", approvedBy: null, title: "Postura 2026" });
    expect(next.json().answers).toEqual([expect.objectContaining({ requirementId: "PR.AA-02", status: "partial", currentMaturity: 2, targetMaturity: 3 })]);
    expect(next.json().id).not.toBe(assessment.id);
  });

  it("gives results by function and category with the gaps to target", async () => {
    const { session, url } = await newAssessment();
    await call(session, "PUT", `${url}/answers`, {
      answers: [
        { requirementId: "GV.OC-01", status: "implemented", currentMaturity: 3, targetMaturity: 4 },
        { requirementId: "GV.OC-02", status: "partial", currentMaturity: 1, targetMaturity: 4 },
        { requirementId: "PR.AA-01", status: "not_applicable", reason: "Nessun accesso remoto" },
      ],
    });
    const res = await call(session, "GET", `${url}/results`);
    expect(res.statusCode).toBe(200);
    const results = res.json();
    // (1 + 0.5 + 0) / (4 - 1)
    expect(results.overall).toMatchObject({ requirements: 4, notApplicable: 1, compliancePercent: 50, averageCurrentMaturity: 2, averageTargetMaturity: 4 });
    expect(results.functions.map((f: { id: string; compliancePercent: number }) => [f.id, f.compliancePercent])).toEqual([["GV", 75], ["PR", 0]]);
    expect(results.gaps.map((g: { requirementId: string }) => g.requirementId)).toEqual(["GV.OC-02", "GV.OC-01"]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { orgWithUser } from "../../../test/helpers/factories.ts";

// The app as shipped: the frameworks come from catalogs/ at the repository root.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("assessments against the shipped catalogs", () => {
  it("assesses the 87 ACN requirements of a soggetto importante, on the catalog's maturity scale", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "security_manager");
    const created = await t.app.inject({
      method: "POST",
      url: `/api/orgs/${org.id}/assessments`,
      headers: session.headers,
      payload: { frameworkId: "acn-nis2-misure-base", level: "importanti", title: "Misure di base NIS2", scopeService: "Anagrafe" },
    });
    expect(created.statusCode).toBe(201);
    const url = `/api/orgs/${org.id}/assessments/${created.json().id}`;
    const offScale = await t.app.inject({ method: "PUT", url: `${url}/answers`, headers: session.headers, payload: { answers: [{ requirementId: "GV.OC-04.1", status: "partial", targetMaturity: 5 }] } });
    expect(offScale.json().error.fields).toEqual([{ field: "body.answers[0].targetMaturity", reason: "fuori dalla scala di maturità; ammessi: 1, 2, 3, 4" }]);
    const saved = await t.app.inject({ method: "PUT", url: `${url}/answers`, headers: session.headers, payload: { answers: [{ requirementId: "GV.OC-04.1", status: "implemented", currentMaturity: 3, targetMaturity: 4 }] } });
    expect(saved.statusCode).toBe(200);
    const results = (await t.app.inject({ method: "GET", url: `${url}/results`, headers: session.headers })).json();
    expect(results.overall).toMatchObject({ requirements: 87, answered: 1, compliancePercent: 1.1 });
    expect(results.functions.map((f: { id: string }) => f.id)).toEqual(["GV", "ID", "PR", "DE", "RS", "RC"]);
    expect(results.gaps).toEqual([expect.objectContaining({ requirementId: "GV.OC-04.1", weightedDistance: 1 })]);
  });

  it("pre-fills CSF 2.0 from the ACN requirements through their measure's mapping", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "security_manager");
    const create = async (payload: object) =>
      (await t.app.inject({ method: "POST", url: `/api/orgs/${org.id}/assessments`, headers: session.headers, payload })).json() as { id: string };
    const acn = await create({ frameworkId: "acn-nis2-misure-base", level: "importanti", title: "Misure di base NIS2" });
    const csf = await create({ frameworkId: "nist-csf-2.0", title: "CSF 2.0" });
    // the ACN catalog maps the measure GV.OC-04 to the subcategory; the answer is on its requirement GV.OC-04.1
    const answers = { answers: [{ requirementId: "GV.OC-04.1", status: "implemented", currentMaturity: 3, targetMaturity: 4 }] };
    expect((await t.app.inject({ method: "PUT", url: `/api/orgs/${org.id}/assessments/${acn.id}/answers`, headers: session.headers, payload: answers })).statusCode).toBe(200);
    const res = await t.app.inject({ method: "POST", url: `/api/orgs/${org.id}/assessments/${csf.id}/prefill`, headers: session.headers, payload: { fromAssessmentId: acn.id } });
    expect(res.statusCode).toBe(200);
    expect(res.json().prefilled).toEqual([expect.objectContaining({ requirementId: "GV.OC-04", status: "implemented", derived: true })]);
  });
});

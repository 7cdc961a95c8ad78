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
});

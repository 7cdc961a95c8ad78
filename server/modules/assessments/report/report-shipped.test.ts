import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { orgWithUser } from "../../../../test/helpers/factories.ts";
import { pdfText } from "./pdf-text.test-helper.ts";

// The report of a full ACN "soggetti essenziali" assessment (116 requirements, shipped catalog):
// the tables run over several pages and every gap comes from the scores.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("report of a shipped-catalog assessment", () => {
  it("prints the six CSF functions and the largest gap of 116 answers", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "security_manager");
    const base = `/api/orgs/${org.id}/assessments`;
    const created = await t.app.inject({ method: "POST", url: base, headers: session.headers, payload: { frameworkId: "acn-nis2-misure-base", level: "essenziali", title: "Misure NIS2" } });
    const url = `${base}/${created.json().id}`;
    const ids: string[] = (await t.app.inject({ method: "GET", url: `${url}/answers/export?format=csv`, headers: session.headers })).body
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[0]!.replace(/"/g, ""))
      .filter(Boolean);
    expect(ids).toHaveLength(116);
    const answers = ids.map((requirementId, i) => ({ requirementId, status: i % 2 ? "partial" : "implemented", currentMaturity: 1 + (i % 4), targetMaturity: 4 }));
    expect((await t.app.inject({ method: "PUT", url: `${url}/answers`, headers: session.headers, payload: { answers } })).statusCode).toBe(200);
    const results = (await t.app.inject({ method: "GET", url: `${url}/results`, headers: session.headers })).json();

    const res = await t.app.inject({ method: "GET", url: `${url}/report.pdf`, headers: session.headers });
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(results.functions).toHaveLength(6);
    for (const fn of results.functions as { id: string; title: { it: string } }[]) expect(text).toContain(`${fn.id} ${fn.title.it}`);
    expect(text.slice(text.indexOf("Scostamenti principali"))).toContain(results.gaps[0].requirementId);
    // the catalog's importance weighs the gaps: a critical requirement three steps short comes first
    expect(results.gaps[0]).toMatchObject({ importance: 3, currentMaturity: 1, targetMaturity: 4, weightedDistance: 9 });
    const weighted = (results.gaps as { weightedDistance: number }[]).map((g) => g.weightedDistance);
    expect(weighted).toEqual([...weighted].sort((a, b) => b - a));
    const gapTable = text.slice(text.indexOf("Scostamenti principali"));
    expect(gapTable).toContain("Importanza");
    expect(gapTable).toContain("critica");
    expect(text).toMatch(/Pagina 1 di [2-9]/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { makeOrganisation, makeUser, orgWithUser, relate, signIn } from "../../../../test/helpers/factories.ts";
import { buildRegistry } from "../catalogs/catalog-loader.ts";
import { installCatalogRegistry } from "../catalog-registry.ts";
import { testCatalog } from "../test-catalog.fixture.ts";
import { pdfText } from "./pdf-text.test-helper.ts";

// The PDF report read back from the bytes the route sends (streams inflated, text decoded).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  installCatalogRegistry(t.ctx, buildRegistry([testCatalog]));
});
afterAll(() => t.close());

const inject = (headers: Record<string, string>, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

async function answeredAssessment() {
  const tag = Math.random().toString(36).slice(2, 8);
  const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin", { name: `Comune di Città ${tag}` });
  const base = `/api/orgs/${org.id}/assessments`;
  const created = await inject(session.headers, "POST", base, { frameworkId: "prova-csf", level: "base", title: "Postura 2026", scopeService: "Anagrafe" });
  const url = `${base}/${created.json().id}`;
  const saved = await inject(session.headers, "PUT", `${url}/answers`, {
    answers: [
      { requirementId: "GV.OC-01", status: "partial", currentMaturity: 3, targetMaturity: 4 },
      { requirementId: "PR.AA-02", status: "not_implemented", currentMaturity: 1, targetMaturity: 4 },
      { requirementId: "PR.AA-01", status: "implemented", currentMaturity: 4, targetMaturity: 4 },
    ],
  });
  expect(saved.statusCode).toBe(200);
  for (const [title, expiresOn] of [
    ["Delibera sul referente", "2020-06-30"],
    ["Registro degli accessi", "2999-12-31"],
  ])
    expect((await inject(session.headers, "POST", `${url}/evidence`, { requirementId: "GV.OC-01", title, url: "https://example.it/doc", expiresOn })).statusCode).toBe(201);
  return { org, session, base, url };
}

async function report(headers: Record<string, string>, url: string, query = "") {
  const res = await inject(headers, "GET", `${url}/report.pdf${query}`);
  return { res, text: res.statusCode === 200 ? pdfText(res.rawPayload) : "" };
}

describe("assessment PDF report", () => {
  it("is a PDF in Italian with the organisation, functions, gaps in scoring order, evidence and the draft mark", async () => {
    const { org, session, url } = await answeredAssessment();
    const { res, text } = await report(session.headers, url);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // accented letters survive the standard font's encoding
    expect(text).toContain(org.name);
    expect(text).toContain("Rapporto di valutazione della sicurezza");
    expect(text).toContain("Anagrafe");
    expect(text).toContain("GV Governare");
    expect(text).toContain("PR Proteggere");
    // compliance: (0.5 + 1) / 4 applicable requirements at level "base"
    expect(text).toContain("37,5%");
    expect(text).toContain("Come si calcola");
    // PR.AA-02 (distance 3) before GV.OC-01 (distance 1); PR.AA-01 met its target
    const gaps = text.slice(text.indexOf("Scostamenti principali"));
    expect(gaps.indexOf("PR.AA-02")).toBeGreaterThan(-1);
    expect(gaps.indexOf("PR.AA-02")).toBeLessThan(gaps.indexOf("GV.OC-01"));
    expect(gaps.slice(0, gaps.indexOf("Evidenze"))).not.toContain("PR.AA-01");
    expect(text).toContain("Delibera sul referente");
    expect(text).toMatch(/30 giugno 2020\s+SCADUTA/);
    expect(text).not.toMatch(/31 dicembre 2999\s+SCADUTA/);
    expect(text).toContain("BOZZA");
    expect(text).toContain("non è ancora approvata");
  });

  it("speaks English with lang=en and refuses another language", async () => {
    const { session, url } = await answeredAssessment();
    const { res, text } = await report(session.headers, url, "?lang=en");
    expect(res.statusCode).toBe(200);
    expect(text).toContain("Executive summary");
    expect(text).toContain("GV Govern");
    expect(text).toContain("37.5%");
    expect(text).toContain("EXPIRED");
    expect(text).toContain("DRAFT");
    expect(text).not.toContain("Sintesi");
    const bad = await inject(session.headers, "GET", `${url}/report.pdf?lang=de`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe("query.lang");
  });

  it("answers 404 to another organisation", async () => {
    const { url } = await answeredAssessment();
    const other = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await report(other.session.headers, url)).res.statusCode).toBe(404);
  });

  it("carries the sign-off once approved, and a coordinator gets only shared approved reports", async () => {
    const { org, session, base, url } = await answeredAssessment();
    const regione = await makeOrganisation(t.ctx.db, { type: "regione" });
    await relate(t.ctx.db, "coordinator_of", regione.id, org.id);
    const coordinator = (await signIn(t.app, (await makeUser(t.ctx.db, regione.id, "viewer")).email)).headers;
    await inject(session.headers, "POST", `${url}/submit`);
    expect((await report(coordinator, url)).res.statusCode).toBe(404);
    await inject(session.headers, "POST", `${url}/approve`, { signedBy: "Maria Rossi", shareUpward: true });
    const kept = await inject(session.headers, "POST", base, { frameworkId: "prova-csf", title: "Non condivisa" });
    const keptUrl = `${base}/${kept.json().id}`;
    await inject(session.headers, "POST", `${keptUrl}/submit`);
    expect((await inject(session.headers, "POST", `${keptUrl}/approve`, { signedBy: "Maria Rossi" })).json().status).toBe("approved");

    const { res, text } = await report(coordinator, url);
    expect(res.statusCode).toBe(200);
    expect(text).toMatch(/Approvata da Maria Rossi il \d+ \w+ \d{4}\./);
    expect(text).not.toContain("BOZZA");
    expect((await report(coordinator, keptUrl)).res.statusCode).toBe(404);
  });
});

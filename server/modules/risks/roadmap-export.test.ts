import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeOrganisation, makeUser, orgWithUser, relate, signIn } from "../../../test/helpers/factories.ts";
import { pdfText } from "../assessments/report/pdf-text.test-helper.ts";
import { makeRisk } from "./roadmap.test-helper.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function sheetRows(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, rows };
}

describe("roadmap exports", () => {
  it("downloads the roadmap as XLSX and PDF, in the caller's language, a provider's with its own actions only", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin", { name: "Comune di Esportazione" });
    const provider = await makeOrganisation(t.ctx.db, { type: "it_provider", name: "SIA Export" });
    await relate(t.ctx.db, "provider_of", provider.id, org.id);
    const technician = await makeUser(t.ctx.db, provider.id, "admin");
    const risk = await makeRisk(t.ctx.db, org.id, { inherent: [4, 4, "high"], residual: [1, 2, "low"] });
    const url = `/api/orgs/${org.id}/actions`;
    const post = (payload: object) => t.app.inject({ method: "POST", url, headers: session.headers, payload });
    const first = (await post({ title: "Cifratura dei portatili", csfFunction: "protect", riskIds: [risk.id], estimatedCostCents: 450_050, startOn: "2020-01-01", dueOn: "2020-02-01" })).json();
    await post({ title: "Esercitazione di risposta", csfFunction: "respond", ownerOrgId: provider.id, dependsOnIds: [first.id], dueOn: "2099-05-31", estimatedCostCents: 100_000 });

    const xlsx = await t.app.inject({ method: "GET", url: `${url}/export.xlsx`, headers: session.headers });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-disposition"]).toBe('attachment; filename="roadmap.xlsx"');
    const { name, rows } = await sheetRows(xlsx.rawPayload);
    expect(name).toBe("Roadmap");
    expect(rows[0]!.slice(0, 3)).toEqual(["Rif.", "Azione", "Funzione"]);
    expect(rows[1]).toEqual([
      first.ref,
      "Cifratura dei portatili",
      "Proteggere",
      "Comune di Esportazione",
      undefined,
      "Alta",
      `Riduce R-${risk.number} da alto a basso`,
      undefined,
      4500.5,
      "2020-01-01",
      "2020-02-01",
      "Pianificata",
      0,
      "Sì",
      `R-${risk.number}`,
    ]);
    expect(rows[2]).toMatchObject({ 1: "Esercitazione di risposta", 3: "SIA Export", 13: "No", 16: first.ref });

    const english = await t.app.inject({ method: "GET", url: `${url}/export.xlsx?lang=en`, headers: session.headers });
    expect((await sheetRows(english.rawPayload)).rows[1]!.slice(0, 3)).toEqual([first.ref, "Cifratura dei portatili", "Protect"]);

    const pdf = await t.app.inject({ method: "GET", url: `${url}/report.pdf`, headers: session.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain("Roadmap di miglioramento - Comune di Esportazione");
    expect(text).toContain("2 azioni, 1 in ritardo, costo stimato 5.500,50 ");
    expect(text).toContain("Cifratura dei portatili");
    expect(text).toContain("Esercitazione di risposta");

    // the provider's export holds its action only, without the entity's action it depends on
    const techSession = await signIn(t.app, technician.email);
    const theirs = await sheetRows((await t.app.inject({ method: "GET", url: `${url}/export.xlsx`, headers: techSession.headers })).rawPayload);
    expect(theirs.rows.slice(1).map((r) => [r[1], r[16]])).toEqual([["Esercitazione di risposta", undefined]]);
    const theirPdf = pdfText((await t.app.inject({ method: "GET", url: `${url}/report.pdf`, headers: techSession.headers })).rawPayload);
    expect(theirPdf).not.toContain("Cifratura dei portatili");

    const stranger = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await t.app.inject({ method: "GET", url: `${url}/export.xlsx`, headers: stranger.session.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `${url}/report.pdf`, headers: stranger.session.headers })).statusCode).toBe(404);
  });
});

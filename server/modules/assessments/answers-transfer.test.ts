import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { orgWithUser } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { buildRegistry } from "./catalogs/catalog-loader.ts";
import { readWorkbook, writeWorkbook } from "./catalogs/spreadsheet.ts";
import { installCatalogRegistry } from "./catalog-registry.ts";
import { testCatalog } from "./test-catalog.fixture.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  installCatalogRegistry(t.ctx, buildRegistry([testCatalog]));
});
afterAll(() => t.close());

function multipart(bytes: Buffer, fileName = "risposte.xlsx") {
  const boundary = "----cittadella" + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

async function assessment() {
  const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
  const res = await t.app.inject({ method: "POST", url: `/api/orgs/${org.id}/assessments`, headers: session.headers, payload: { frameworkId: "prova-csf", level: "base", title: "Postura" } });
  const url = `/api/orgs/${org.id}/assessments/${res.json().id}`;
  const headers = session.headers;
  const upload = (bytes: Buffer, name?: string) => {
    const body = multipart(bytes, name);
    return t.app.inject({ method: "POST", url: `${url}/answers/import`, headers: { ...headers, "content-type": body.type }, payload: body.payload });
  };
  const answers = async () => (await t.app.inject({ method: "GET", url, headers })).json().answers;
  return { org, url, headers, upload, answers };
}

const header = ["requirement_id", "status", "current_maturity", "target_maturity", "not_applicable_reason", "notes"];
const xlsx = async (rows: string[][]) => Buffer.from(await writeWorkbook([{ name: "Risposte", rows }]));

describe("answers as spreadsheets", () => {
  it("exports every requirement in scope as XLSX and CSV, and imports the edited file back", async () => {
    const a = await assessment();
    await t.app.inject({ method: "PUT", url: `${a.url}/answers`, headers: a.headers, payload: { answers: [{ requirementId: "GV.OC-01", status: "partial", currentMaturity: 2, targetMaturity: 3, notes: "Registro, da aggiornare" }] } });

    const csv = await t.app.inject({ method: "GET", url: `${a.url}/answers/export?format=csv`, headers: a.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-disposition"]).toMatch(/attachment; filename=".*\.csv"/);
    expect(csv.body.split("\r\n").slice(0, 3)).toEqual([header.join(","), 'GV.OC-01,partial,2,3,,"Registro, da aggiornare"', "GV.OC-02,,,,,"]);

    const file = await t.app.inject({ method: "GET", url: `${a.url}/answers/export`, headers: a.headers });
    expect(file.headers["content-type"]).toContain("spreadsheetml");
    const sheets = await readWorkbook(new Uint8Array(file.rawPayload));
    expect(sheets.ok && sheets.value[0]!.rows.map((r) => r[0])).toEqual(["requirement_id", "GV.OC-01", "GV.OC-02", "PR.AA-01", "PR.AA-02"]);

    // edited as a consultant would, in Italian, then imported
    const edited = await xlsx([header, ["GV.OC-02", "Implementato", "3", "4", "", ""], ["PR.AA-01", "non applicabile", "", "", "Nessun accesso remoto", ""], ["PR.AA-02", "", "", "", "", ""]]);
    const res = await a.upload(edited);
    expect(res.statusCode).toBe(200);
    expect(res.json().answers.map((r: { requirementId: string; status: string }) => [r.requirementId, r.status])).toEqual([
      ["GV.OC-02", "implemented"],
      ["PR.AA-01", "not_applicable"],
    ]);
    expect((await a.answers()).map((r: { requirementId: string }) => r.requirementId)).toEqual(["GV.OC-01", "GV.OC-02", "PR.AA-01"]);
    expect(await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, a.org.id), eq(auditLog.action, "assessment.answers")))).toHaveLength(2);

    const fromCsv = await a.upload(Buffer.from(`${header.join(";")}\r\nPR.AA-02;partial;2;3;;\r\n`), "risposte.csv");
    expect(fromCsv.statusCode).toBe(200);
    expect(fromCsv.json().answers[0]).toMatchObject({ requirementId: "PR.AA-02", status: "partial", currentMaturity: 2 });
  });

  it("refuses a bad file as a whole, naming row and column, and changes nothing", async () => {
    const a = await assessment();
    const wrongColumn = await a.upload(await xlsx([[...header, "colore"], ["GV.OC-01", "implemented", "", "", "", "", "rosso"]]));
    expect(wrongColumn.statusCode).toBe(422);
    expect(wrongColumn.json().error.fields[0]).toMatchObject({ field: "Risposte!G1" });
    expect(wrongColumn.json().error.fields[0].reason).toContain("colore");

    const rows = await xlsx([header, ["GV.OC-01", "implemented", "3", "4", "", ""], ["XX-99", "implemented", "", "", "", ""], ["PR.AA-01", "partial", "7", "", "", ""]]);
    const res = await a.upload(rows);
    expect(res.statusCode).toBe(422);
    // the cell names the row (3, 4) and the column (letter and header)
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toEqual(["Risposte!A3 (requirement_id)", "Risposte!C4 (current_maturity)"]);
    expect(res.json().error.fields[0].reason).toContain("XX-99");
    expect(res.json().error.fields[1].reason).toMatch(/1, 2, 3, 4/);

    const missing = await a.upload(Buffer.from("requirement_id,notes\r\nGV.OC-01,x\r\n"), "r.csv");
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.fields[0]).toMatchObject({ field: "CSV!1" });
    expect(missing.json().error.fields[0].reason).toContain('"status"');

    const notSheet = await a.upload(Buffer.from("%PDF-1.4\n\u0000\u0001binary"), "r.xlsx");
    expect(notSheet.statusCode).toBe(422);
    expect(notSheet.json().error.fields[0]).toMatchObject({ field: "body.file" });
    expect(notSheet.json().error.fields[0].reason).toMatch(/XLSX/);
    const brokenZip = await a.upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "r.xlsx");
    expect(brokenZip.json().error.fields[0].field).toBe("body.file");

    expect(await a.answers()).toEqual([]);
  });

  it("refuses any file on an approved assessment and hides it from strangers", async () => {
    const a = await assessment();
    await t.app.inject({ method: "POST", url: `${a.url}/submit`, headers: a.headers });
    await t.app.inject({ method: "POST", url: `${a.url}/approve`, headers: a.headers, payload: { signedBy: "Anna Sindaca" } });
    expect((await a.upload(await xlsx([header, ["GV.OC-01", "implemented", "", "", "", ""]]))).statusCode).toBe(409);
    const stranger = await orgWithUser(t.app, t.ctx.db, "admin");
    expect((await t.app.inject({ method: "GET", url: `${a.url}/answers/export`, headers: stranger.session.headers })).statusCode).toBe(404);
  });
});

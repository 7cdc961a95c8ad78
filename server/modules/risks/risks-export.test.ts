import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, signIn } from "../../../test/helpers/factories.ts";
import { pdfText } from "../assessments/report/pdf-text.test-helper.ts";
import { caller, riskBody, stage } from "./risks.test-helper.ts";

let t: TestApp;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  t = await createTestApp();
  call = caller(t.app);
});
afterAll(() => t.close());

async function registerWithRisks() {
  const { org, user, session } = await orgWithUser(t.app, t.ctx.db, "admin", { name: "Comune di Valletta" });
  const base = `/api/orgs/${org.id}/risks`;
  await call(session, "POST", base, riskBody({ title: "Ransomware sull'anagrafe", ownerId: user.id, current: stage(3, 5), residual: stage(1, 3), treatment: "mitigate" }));
  const second = (await call(session, "POST", base, riskBody({ title: "Furto del portatile del sindaco", threatId: "lost-stolen-device", inherent: stage(2, 2) }))).json();
  await call(session, "PATCH", `${base}/${second.id}`, { status: "closed" });
  return { org, user, session, base };
}

const download = (session: Parameters<ReturnType<typeof caller>>[0], url: string) => t.app.inject({ method: "GET", url, headers: session.headers });

describe("register exports", () => {
  it("writes the register to XLSX with numbers as numbers and the matrix, in Italian or English", async () => {
    const { user, session, base } = await registerWithRisks();
    const res = await download(session, `${base}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["content-disposition"]).toContain("registro-rischi-it.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Rischi", "Matrice"]);
    const sheet = workbook.getWorksheet("Rischi")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(["Rif.", "Titolo", "Minaccia"]);
    const first = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(first.slice(0, 3)).toEqual(["R-1", "Ransomware sull'anagrafe", "Ransomware"]);
    expect(first[5]).toBe(user.name);
    const at = (name: string) => header.indexOf(name);
    expect(first[at("Inerente - probabilità")]).toBe(4);
    expect(first[at("Inerente - livello")]).toBe("Critico");
    expect(first[at("Residuo - livello")]).toBe("Basso");
    expect(first[at("Trattamento")]).toBe("Mitigare");
    expect((sheet.getRow(3).values as unknown[])[at("Stato") + 1]).toBe("Chiuso");
    expect(workbook.getWorksheet("Matrice")!.getRow(2).getCell(1).value).toBe("5 Quasi certa");

    const english = await download(session, `${base}/export.xlsx?lang=en`);
    const en = new ExcelJS.Workbook();
    await en.xlsx.load(english.rawPayload as never);
    expect(en.worksheets.map((s) => s.name)).toEqual(["Risks", "Matrix"]);
    expect(en.getWorksheet("Risks")!.getRow(3).getCell(3).value).toBe("Lost or stolen device");
  });

  it("prints the register as PDF with the summary by level", async () => {
    const { session, base } = await registerWithRisks();
    const res = await download(session, `${base}/report.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const text = pdfText(res.rawPayload);
    for (const expected of ["Registro dei rischi", "Comune di Valletta", "R-1", "Ransomware sull'anagrafe", "Furto del portatile del sindaco (Chiuso)", "Critico (4x5)", "Mitigare", "Pagina 1 di"])
      expect(text).toContain(expected);
    expect(pdfText((await download(session, `${base}/report.pdf?lang=en`)).rawPayload)).toContain("Risk register");
  });

  it("is for the organisation's readers only", async () => {
    const { org, base } = await registerWithRisks();
    const employee = await signIn(t.app, (await makeUser(t.ctx.db, org.id, "employee")).email);
    expect((await download(employee, `${base}/export.xlsx`)).statusCode).toBe(403);
    const auditor = await signIn(t.app, (await makeUser(t.ctx.db, org.id, "auditor")).email);
    expect((await download(auditor, `${base}/report.pdf`)).statusCode).toBe(200);
    const other = await orgWithUser(t.app, t.ctx.db);
    const res = await download(other.session, `${base}/export.xlsx`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("Ransomware");
    expect((await download(other.session, `${base}/report.pdf?lang=fr`)).statusCode).toBe(400);
  });
});

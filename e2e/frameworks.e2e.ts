import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkbook, writeWorkbook } from "../server/modules/assessments/catalogs/spreadsheet.ts";
import { expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// The frameworks page, as the demo comune's security manager: the shipped frameworks with their
// templates, a template exported, edited and uploaded back, a refused file, and the removal.

let server: RunningServer;
let browser: OpenBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  await signIn(browser.page, "sicurezza@comune.demo");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const NEW_TITLE = "Misure minime AgID (testo del Comune)";

describe("frameworks", () => {
  it("lists the shipped frameworks with their template downloads", async () => {
    const { page } = browser;
    await page.locator("#navigation").getByRole("link", { name: "Framework", exact: true }).click();
    await page.waitForURL(/\/valutazioni\/framework$/);
    const table = page.getByRole("table", { name: "Framework disponibili per le valutazioni" });
    await table.getByRole("rowheader", { name: "NIST Cybersecurity Framework 2.0", exact: false }).first().waitFor();
    expect(await table.getByText("Fornito con Cittadella").count()).toBeGreaterThanOrEqual(3);
    await page.getByRole("heading", { name: "Carica un framework" }).waitFor();
    await expectNoAxeViolations(page, "frameworks page");
  });

  it("uploads the template of a shipped framework with a changed title and sees it listed", async () => {
    const { page } = browser;
    const href = await page.getByRole("link", { name: /Scarica .*Misure minime.* in formato XLSX/ }).getAttribute("href");
    expect(href).toBe("/api/frameworks/agid-misure-minime/template.xlsx");
    const bytes = await page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url!)).arrayBuffer())), href);
    const sheets = await readWorkbook(new Uint8Array(bytes));
    if (!sheets.ok) throw new Error("the exported template is not a workbook");
    const title = sheets.value.find((s) => s.name === "framework")!.rows.find((r) => r[0] === "title_it")!;
    title[1] = NEW_TITLE;
    const edited = Buffer.from(await writeWorkbook(sheets.value));

    await page.getByLabel("File del framework").setInputFiles({ name: "agid-comune.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: edited });
    await page.getByRole("button", { name: "Carica", exact: true }).click();
    await page.getByText(`Caricato il testo ufficiale di ${NEW_TITLE}`).waitFor();
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: NEW_TITLE }) });
    await row.getByText("Testo ufficiale caricato dall'ente").waitFor();
    await row.getByRole("button", { name: "Rimuovi" }).waitFor();
    await expectNoAxeViolations(page, "frameworks page after an upload");
  });

  it("refuses a bad file, listing each problem, and removes the upload", async () => {
    const { page } = browser;
    const csv = "id,parent_id,kind,title_it\nA,,area,Area\nA,,area,Di nuovo\n";
    await page.getByLabel("File del framework").setInputFiles({ name: "misure.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByLabel("Framework a cui si riferisce il CSV").selectOption("agid-misure-minime");
    await page.getByRole("button", { name: "Carica", exact: true }).click();
    const problems = page.getByRole("list", { name: /Il file non è stato caricato/ });
    await problems.getByRole("listitem").filter({ hasText: /csv!A3 \(id\).*duplicato/ }).waitFor();
    await expectNoAxeViolations(page, "frameworks page with a refused file");

    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: NEW_TITLE }) });
    await row.getByRole("button", { name: "Rimuovi" }).click();
    await page.getByRole("button", { name: "Conferma" }).click();
    await page.getByText("Framework caricato rimosso.").waitFor();
    // our wording is back for the comune
    await page.getByRole("rowheader", { name: NEW_TITLE }).waitFor({ state: "detached" });
    await page.getByRole("rowheader", { name: "Misure minime di sicurezza ICT per le PA (AgID)" }).waitFor();
  });
});

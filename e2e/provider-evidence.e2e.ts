import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// The demo comune's IT provider: its technician opens the draft assigned to it from the list of
// client assessments and uploads a file as evidence of a requirement it looks after. The file is
// the comune's; requirements not assigned to the provider offer no upload.

let server: RunningServer;
let browser: OpenBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  await signIn(browser.page, "tecnico@sia.demo");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const year = new Date().getUTCFullYear();

describe("a provider's technician adds evidence to a client's assessment", () => {
  it("finds the client's draft assigned to it", async () => {
    const { page } = browser;
    await page.locator("#navigation").getByRole("link", { name: "Valutazioni" }).click();
    await page.getByRole("heading", { level: 2, name: "Valutazioni dei clienti" }).waitFor();
    const table = page.getByRole("table", { name: "Valutazioni di Comune di Demo assegnate a te" });
    await table.getByRole("link", { name: `Misure di base NIS2 ${year}`, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `Misure di base NIS2 ${year}` }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/clienti\/[0-9a-f-]{36}\/valutazioni\/[0-9a-f-]{36}$/);
    await expectNoAxeViolations(page, "client assessments list and the assigned draft");
  });

  it("uploads a file as evidence of an assigned requirement, and is offered no upload elsewhere", async () => {
    const { page } = browser;
    await page.locator('[data-answer-row="PR.AA-01.1"]').getByRole("button", { name: "Prove e commenti" }).click();
    const panel = page.locator("#answer-PR_AA-01_1-details");
    const fileForm = panel.getByRole("form", { name: "Allega un file" });
    // a provider picks no file of the comune's: it only uploads new ones
    expect(await fileForm.getByLabel("Oppure un file già caricato").count()).toBe(0);
    await fileForm.getByLabel("File da caricare").setInputFiles({ name: "configurazione-mfa.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") });
    await fileForm.getByRole("button", { name: "Carica e allega" }).click();
    await panel.getByText("Prova aggiunta.").waitFor();
    const item = panel.getByRole("listitem").filter({ hasText: "configurazione-mfa.pdf" });
    const href = await item.getByRole("link", { name: "configurazione-mfa.pdf" }).getAttribute("href");
    expect(href).toMatch(/\/evidence\/[0-9a-f-]{36}\/file$/);
    const status = await page.evaluate(async (url) => (await fetch(url!)).status, href);
    expect(status).toBe(200);
    await expectNoAxeViolations(page, "client answer with an uploaded file");

    await page.locator('[data-answer-row="GV.RM-03.1"]').getByRole("button", { name: "Prove e commenti" }).click();
    const other = page.locator("#answer-GV_RM-03_1-details");
    await other.getByRole("heading", { name: "Commenti tra ente e fornitore" }).waitFor();
    expect(await other.getByRole("form", { name: "Allega un file" }).count()).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// The demo comune's draft assessment of this year, as its security manager: evidence with an
// expiry date, a comment to the provider, the answers exported, then the results' charts.

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

const row = (id: string) => browser.page.locator(`[data-answer-row="${id}"]`);
const year = new Date().getUTCFullYear();

describe("assessment evidence, comments, export and charts", () => {
  it("opens the draft and flags an expired link added as evidence", async () => {
    const { page } = browser;
    await page.locator("#navigation").getByRole("link", { name: "Valutazioni" }).click();
    await page.getByRole("link", { name: `Misure di base NIS2 ${year}`, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `Misure di base NIS2 ${year}` }).waitFor();

    await row("GV.RM-03.1").getByRole("button", { name: "Prove e commenti" }).click();
    const panel = page.locator("#answer-GV_RM-03_1-details");
    await panel.getByText(/Nessuna prova allegata|Scadenza|Valida fino|Scaduta/).first().waitFor();
    const linkForm = panel.getByRole("form", { name: "Aggiungi un collegamento" });
    await linkForm.getByLabel("Indirizzo (https://…)").fill("https://www.comune.demo.example.it/albo/piano-rischi");
    await linkForm.getByLabel("Titolo (facoltativo)").fill("Piano dei rischi 2019");
    await linkForm.getByLabel("Data di scadenza (facoltativa)").fill("2020-01-31");
    await linkForm.getByRole("button", { name: "Aggiungi il collegamento" }).click();
    await panel.getByText("Prova aggiunta.").waitFor();
    const item = panel.getByRole("listitem").filter({ hasText: "Piano dei rischi 2019" });
    // flagged in words, not only by colour
    await item.getByText("Scaduta il 31 gennaio 2020").waitFor();
    await expectNoAxeViolations(page, "answer with evidence");
  });

  it("uploads a file and attaches it as evidence", async () => {
    const { page } = browser;
    const panel = page.locator("#answer-GV_RM-03_1-details");
    const fileForm = panel.getByRole("form", { name: "Allega un file" });
    await fileForm.getByLabel("File da caricare").setInputFiles({ name: "verbale-riesame.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") });
    await fileForm.getByRole("button", { name: "Carica e allega" }).click();
    await panel.getByRole("listitem").filter({ hasText: "verbale-riesame.pdf" }).getByText("Nessuna scadenza").waitFor();
    await expectNoAxeViolations(page, "answer with an uploaded file");
  });

  it("posts a comment on the answer", async () => {
    const { page } = browser;
    const panel = page.locator("#answer-GV_RM-03_1-details");
    await panel.getByLabel("Nuovo commento").fill("Al fornitore: serve la versione aggiornata del piano.");
    await panel.getByRole("button", { name: "Pubblica il commento" }).click();
    await panel.getByText("Commento pubblicato.").waitFor();
    await panel.getByText("Al fornitore: serve la versione aggiornata del piano.").waitFor();
    await expectNoAxeViolations(page, "answer with a comment");
  });

  it("exports the answers as a download", async () => {
    const { page } = browser;
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Esporta risposte (XLSX)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/-risposte\.xlsx$/);
    expect(await page.getByRole("link", { name: "Scarica il rapporto PDF", exact: true }).getAttribute("href")).toMatch(/report\.pdf\?lang=it$/);
    // an import that is not a spreadsheet is refused as a whole, the reason shown
    await page.getByLabel("File XLSX o CSV delle risposte").setInputFiles({ name: "risposte.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("questo non è un foglio di calcolo") });
    await page.getByRole("button", { name: "Importa risposte" }).click();
    await page.getByText("Importazione rifiutata, nessuna risposta modificata:").waitFor();

    // an unknown requirement id: the server names the row and column, listed under the alert
    const href = await page.getByRole("link", { name: "Esporta risposte (CSV)" }).getAttribute("href");
    const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    const lines = csv.split("\n");
    lines[1] = lines[1]!.replace(/^"?[^,;"]+"?/, "ZZ.ZZ-99.9");
    await page.getByLabel("File XLSX o CSV delle risposte").setInputFiles({ name: "risposte.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
    await page.getByRole("button", { name: "Importa risposte" }).click();
    await page.getByRole("alert").getByRole("listitem").filter({ hasText: /![A-Z]+\d+.*requisito sconosciuto per questa valutazione: ZZ\.ZZ-99\.9/ }).waitFor();
    await expectNoAxeViolations(page, "assessment with transfer tools");
  });

  it("shows the radar, the heat map and the trend with their tables", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Vedi i risultati" }).click();
    await page.waitForURL(/\/risultati$/);
    await page.getByRole("img", { name: /Grafico radar della maturità per funzione/ }).waitFor();
    await page.getByRole("table", { name: "Dati del grafico radar" }).waitFor();
    await page.getByRole("img", { name: /Mappa di calore della conformità per categoria/ }).waitFor();
    await page.getByRole("table", { name: "Dati della mappa di calore" }).waitFor();
    const trend = page.getByRole("table", { name: "Conformità per ciclo" });
    await trend.waitFor();
    // last year's approved assessment and this year's draft
    expect(await trend.locator("tbody tr").count()).toBe(2);
    await expectNoAxeViolations(page, "results with charts");
  });

  it("pre-fills a CSF 2.0 assessment from the ACN draft, marked until saved", async () => {
    const { page } = browser;
    await page.locator("#navigation").getByRole("link", { name: "Valutazioni" }).click();
    await page.waitForURL(/\/valutazioni$/);
    await page.getByLabel("Quadro di riferimento").selectOption("nist-csf-2.0");
    await page.getByLabel("Titolo").fill("CSF 2.0 precompilata (prova e2e)");
    await page.getByLabel("Data obiettivo").fill(`${year}-12-31`);
    await page.getByRole("button", { name: "Crea la valutazione" }).click();
    await page.getByRole("heading", { level: 1, name: "CSF 2.0 precompilata (prova e2e)" }).waitFor();

    await page.getByLabel("Valutazione di origine").selectOption({ label: `Misure di base NIS2 ${year}` });
    await page.getByRole("button", { name: "Precompila", exact: true }).click();
    const done = await page.getByText(/\d+ risposte precompilate, da confermare salvandole\./).textContent();
    const count = Number(done?.match(/\d+/)?.[0]);
    expect(count).toBeGreaterThan(0);
    expect(await page.getByText("Precompilato da un'altra valutazione: salvalo per confermarlo.").count()).toBe(count);
    await expectNoAxeViolations(page, "pre-filled assessment");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// Looking across organisations on the demo data: Regione Demo compares the assessments its comuni
// shared with it (one comune did not share), and the demo comune places itself against the
// median of its 5 peer comuni, or learns why a comparison is not available.

let server: RunningServer;
let browser: OpenBrowser;
const year = new Date().getUTCFullYear();
const percentOf = (text: string | null) => Number((text ?? "").replace("%", "").replace(",", "."));

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("coordinator view and peer benchmark", () => {
  it("shows Regione Demo the comuni's shared assessments side by side, sortable", async () => {
    const { page } = browser;
    await signIn(page, "coordinatore@regione.demo");
    await page.locator("#navigation").getByRole("link", { name: "Enti coordinati" }).click();
    await page.waitForURL(/\/coordinamento$/);
    const table = page.getByRole("table", { name: /Valutazioni condivise dagli enti coordinati/ });
    await table.waitFor();
    // the demo comune and 4 peers shared; Pianura did not, and is named as such
    expect(await table.locator("tbody tr").count()).toBe(5);
    expect(await table.getByRole("link", { name: "Risultati di Comune di Pianura Demo" }).count()).toBe(0);
    await page.getByRole("listitem").filter({ hasText: "Comune di Pianura Demo" }).waitFor();
    await page.getByRole("img", { name: /Grafico a barre della conformità complessiva per ente: .*Comune di Collina Demo/ }).waitFor();
    await expectNoAxeViolations(page, "coordinator view");

    // sorting by overall compliance: highest first, then the other way
    const overall = table.getByRole("columnheader", { name: "Conformità complessiva" });
    await overall.getByRole("button").click();
    expect(await overall.getAttribute("aria-sort")).toBe("descending");
    const figures = async () => (await table.locator("tbody tr td:nth-child(5)").allTextContents()).map(percentOf);
    const descending = await figures();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await overall.getByRole("button").click();
    expect(await overall.getAttribute("aria-sort")).toBe("ascending");
    const ascending = await figures();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(ascending).not.toEqual(descending);

    await page.getByLabel("Quadro di riferimento").selectOption("acn-nis2-misure-base");
    expect(await table.locator("tbody tr").count()).toBe(5);
  });

  it("opens a comune's shared results read-only, with a way back", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Risultati di Comune di Collina Demo" }).click();
    await page.getByRole("heading", { level: 1, name: `Risultati: Misure di base NIS2 ${year - 1}` }).waitFor();
    await page.getByRole("table", { name: "Conformità per funzione: questo ente e gli enti simili" }).waitFor();
    await expectNoAxeViolations(page, "coordinated entity's results");
    await page.getByRole("link", { name: "Torna alle valutazioni degli enti coordinati" }).click();
    await page.waitForURL(/\/coordinamento$/);
  });

  it("shows the demo comune where it stands against its 5 peers", async () => {
    await browser.close();
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, "sicurezza@comune.demo");
    // a comune coordinates nobody: no entry in its navigation
    await page.locator("#navigation").getByRole("link", { name: "Valutazioni" }).waitFor();
    expect(await page.locator("#navigation").getByRole("link", { name: "Enti coordinati" }).count()).toBe(0);

    await page.locator("#navigation").getByRole("link", { name: "Valutazioni" }).click();
    await page.getByRole("link", { name: `Misure di base NIS2 ${year - 1}`, exact: true }).click();
    await page.getByRole("link", { name: "Vedi i risultati" }).click();
    await page.waitForURL(/\/risultati$/);
    await page.getByText("Mediana e quartili della conformità di 5 enti dello stesso tipo (comune)").waitFor();
    await page.getByRole("img", { name: /Grafico del confronto per funzione/ }).waitFor();
    const table = page.getByRole("table", { name: "Conformità per funzione: questo ente e gli enti simili" });
    expect(await table.locator("tbody tr").count()).toBe(6);
    expect(await table.locator("tbody tr").first().locator("td").nth(1).textContent()).toMatch(/%$/);
    await expectNoAxeViolations(page, "results with the peer benchmark");
  });

  it("explains in plain words why a framework without peers has no comparison", async () => {
    const { page } = browser;
    await page.locator("#navigation").getByRole("link", { name: "Valutazioni" }).click();
    await page.waitForURL(/\/valutazioni$/);
    await page.getByLabel("Quadro di riferimento").selectOption("nist-csf-2.0");
    await page.getByLabel("Titolo").fill("CSF 2.0 senza enti simili (prova e2e)");
    await page.getByLabel("Data obiettivo").fill(`${year}-12-31`);
    await page.getByRole("button", { name: "Crea la valutazione" }).click();
    await page.getByRole("heading", { level: 1, name: "CSF 2.0 senza enti simili (prova e2e)" }).waitFor();
    await page.getByRole("link", { name: "Vedi i risultati" }).click();
    await page.getByText(/Il confronto non è ancora disponibile: servono almeno 5 enti dello stesso tipo \(comune\).*oggi sono 0\./).waitFor();
    await expectNoAxeViolations(page, "results without enough peers");
  });
});

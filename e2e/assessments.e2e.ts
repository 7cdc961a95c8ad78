import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// An ACN "importanti" assessment from creation to approval, as the demo comune's security manager:
// keyboard answering, one save, a row's error, the workflow, the lock and the results.

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
const statusOf = (id: string) => row(id).getByLabel("Stato").inputValue();

describe("assessments", () => {
  it("lists the organisation's assessments and starts a new one", async () => {
    const { page } = browser;
    await page.locator("#navigation").getByRole("link", { name: "Valutazioni" }).click();
    await page.waitForURL(/\/valutazioni$/);
    await page.getByRole("heading", { name: "Nuova valutazione" }).waitFor();
    await expectNoAxeViolations(page, "assessments list");

    await page.getByLabel("Quadro di riferimento").selectOption("acn-nis2-misure-base");
    await page.getByLabel("Livello").selectOption("importanti");
    await page.getByLabel("Titolo").fill("NIS2 2026 (prova e2e)");
    await page.getByLabel("Data obiettivo").fill("2026-12-31");
    await page.getByRole("button", { name: "Crea la valutazione" }).click();
    await page.waitForURL(/\/valutazioni\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: "NIS2 2026 (prova e2e)" }).waitFor();
    expect(await page.locator("#answer-progress").getAttribute("max")).toBe("87");
    await expectNoAxeViolations(page, "answering page");
  });

  it("answers with the keyboard and shows the server's error on the row", async () => {
    const { page } = browser;
    await row("GV.OC-04.1").focus();
    await page.keyboard.press("1");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("2");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("4");
    expect(await statusOf("GV.OC-04.1")).toBe("implemented");
    expect(await statusOf("GV.RM-03.1")).toBe("partial");
    expect(await statusOf("GV.RR-02.1")).toBe("not_applicable");

    // N/A without a reason: the one save is refused and the row says why
    await page.getByRole("button", { name: "Salva le modifiche (3)" }).first().click();
    const reasonError = page.locator("#answer-GV_RR-02_1-reason-error");
    await reasonError.waitFor();
    expect((await reasonError.textContent())?.length).toBeGreaterThan(0);
    expect(await row("GV.RR-02.1").getByLabel("Motivo della non applicabilità").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page, "answering page with a row error");

    await row("GV.RR-02.1").getByLabel("Motivo della non applicabilità").fill("Nessun ruolo esterno da definire");
    await page.getByRole("button", { name: "Salva le modifiche (3)" }).first().click();
    await page.getByText("3 risposte salvate.").waitFor();
    expect(await page.locator("#answer-progress").getAttribute("value")).toBe("3");

    // the saved answers come back after a reload
    await page.reload();
    await expect.poll(() => statusOf("GV.RM-03.1")).toBe("partial");

    // the filter leaves the 84 requirements still without an answer
    // from the keyboard, as the page is meant to be used (Bootstrap Italia draws the box on the label)
    await page.getByLabel("Mostra solo i requisiti senza risposta").focus();
    await page.keyboard.press("Space");
    await expect.poll(() => page.locator("[data-answer-row]").count()).toBe(84);
    expect(await row("GV.OC-04.1").count()).toBe(0);
    await page.keyboard.press("Space");
    await expect.poll(() => page.locator("[data-answer-row]").count()).toBe(87);
  });

  it("submits, approves with the signer's name and locks the assessment", async () => {
    const { page } = browser;
    await page.getByRole("button", { name: "Invia in revisione" }).click();
    await page.getByLabel("Nome di chi approva").fill("Sergio Sicurezza, Responsabile");
    await page.getByRole("button", { name: "Approva", exact: true }).click();
    await page.getByText("Valutazione approvata da Sergio Sicurezza, Responsabile").waitFor();
    expect(await row("GV.OC-04.1").getByLabel("Stato").isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: /Salva le modifiche/ }).count()).toBe(0);
    await page.getByRole("button", { name: "Avvia un nuovo ciclo" }).waitFor();
    // evidence and comments are locked too: the panel reads, offers no form
    await row("GV.OC-04.1").getByRole("button", { name: "Prove e commenti" }).click();
    await row("GV.OC-04.1").getByText("La valutazione è approvata: prove e commenti non si possono più modificare.").waitFor();
    await row("GV.OC-04.1").getByText("Nessun commento.").waitFor();
    expect(await row("GV.OC-04.1").getByRole("button", { name: "Pubblica il commento" }).count()).toBe(0);
    expect(await row("GV.OC-04.1").getByRole("button", { name: "Aggiungi il collegamento" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Importa risposte" }).count()).toBe(0);
    await expectNoAxeViolations(page, "approved assessment");
  });

  it("shows the results with the formula, an accessible chart and its data", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Vedi i risultati" }).click();
    await page.waitForURL(/\/risultati$/);
    // the peer-benchmark panel below says "Conformità complessiva" too: the results headline only
    await page.getByText(/^Conformità complessiva: [\d,]+%$/).waitFor();
    await page.getByText(/requisiti non applicabili sono esclusi/).waitFor();
    const chart = page.getByRole("img", { name: /Grafico a barre della conformità per funzione/ });
    expect(await chart.count()).toBe(1);
    await page.getByRole("table", { name: "Punteggi per funzione" }).waitFor();
    await page.getByRole("table", { name: "Punteggi per categoria" }).waitFor();
    // (1 implemented + 0.5 partial) / (87 requirements - 1 N/A): unanswered ones count as not implemented
    await page.getByText("Conformità complessiva: 1,7%").waitFor();
    await expectNoAxeViolations(page, "results");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// The risk register and the roadmap in the browser: the demo comune's security manager scores a
// new risk, finds it through the heat map, plans two actions (one for the IT provider, one late)
// and moves one on the board; then the provider's user sees only the action assigned to it.

let server: RunningServer;
let manager: OpenBrowser;
let provider: OpenBrowser | undefined;

beforeAll(async () => {
  server = await startServer();
  manager = await openBrowser();
  await signIn(manager.page, "sicurezza@comune.demo");
});

afterAll(async () => {
  await provider?.close();
  await manager?.close();
  await server?.stop();
});

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const RISK = "Ransomware sul protocollo informatico (e2e)";
const PROVIDER_ACTION = "Copie di sicurezza offline (e2e)";
const LATE_ACTION = "Formazione anti-phishing dei dipendenti (e2e)";

describe("risk register", () => {
  it("shows the register with the inherent and residual heat maps", async () => {
    const { page } = manager;
    await page.locator("#navigation").getByRole("link", { name: "Registro dei rischi" }).click();
    await page.getByRole("heading", { level: 1, name: "Registro dei rischi" }).waitFor();
    await page.locator('[data-heatmap="inherent"]').waitFor();
    await page.locator('[data-heatmap="residual"]').waitFor();
    // the grid is drawn from the matrix, with its Italian labels
    await page.locator('[data-heatmap="inherent"]').getByRole("columnheader", { name: "Critico" }).waitFor();
    await page.locator('[data-heatmap="inherent"]').getByRole("rowheader", { name: "Quasi certa" }).waitFor();
    await expectNoAxeViolations(page, "risk register");
    for (const name of ["Esporta in Excel (XLSX)", "Scarica il rapporto (PDF)"]) {
      const href = await page.getByRole("link", { name }).getAttribute("href");
      const response = await page.request.get(href!);
      expect(response.status(), name).toBe(200);
    }
  });

  it("creates a risk, showing its level while it is scored", async () => {
    const { page } = manager;
    await page.getByRole("link", { name: "Nuovo rischio" }).click();
    await page.getByRole("heading", { level: 1, name: "Nuovo rischio" }).waitFor();
    await page.getByLabel("Titolo").fill(RISK);
    await page.getByLabel("Servizi o beni coinvolti").fill("Protocollo, posta certificata");
    const inherent = page.locator('[data-stage="inherent"]');
    await inherent.getByLabel("Probabilità").selectOption("5");
    await inherent.getByLabel("Impatto: Servizio ai cittadini").selectOption("5");
    await inherent.getByText("Livello risultante: Critico").waitFor();
    await page.getByRole("button", { name: "Valuta anche la fase «Residuo»" }).click();
    const residual = page.locator('[data-stage="residual"]');
    await residual.getByLabel("Probabilità").selectOption("2");
    await residual.getByLabel("Impatto: Servizio ai cittadini").selectOption("3");
    await residual.getByLabel("Impatto: Dati personali").selectOption("1");
    await expectNoAxeViolations(page, "new risk form");
    await page.getByRole("button", { name: "Crea il rischio" }).click();
    await page.getByRole("heading", { level: 1, name: new RegExp(`R-\\d+ ${RISK.replace(/[()]/g, "\\$&")}`) }).waitFor();
    await page.getByRole("heading", { name: "Storico delle valutazioni" }).waitFor();
    await expectNoAxeViolations(page, "risk detail");
  });

  it("records a review of the risk", async () => {
    const { page } = manager;
    await page.getByLabel("Note del riesame (facoltative)").fill("Verificate le copie di sicurezza.");
    await page.getByRole("button", { name: "Registra il riesame" }).click();
    await page.getByText(/Riesame registrato\. Prossimo riesame:/).waitFor();
  });

  it("refuses an acceptance without approver, naming the field", async () => {
    const { page } = manager;
    await page.getByRole("link", { name: "Modifica", exact: true }).click();
    await page.getByLabel("Trattamento", { exact: true }).selectOption("accept");
    await page.getByLabel("Motivazione").fill("Costo sproporzionato");
    await page.getByRole("button", { name: "Salva il rischio" }).click();
    await page.getByRole("alert").first().waitFor();
    expect(await page.getByLabel("Chi approva l'accettazione").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page, "risk form with an error");
  });

  it("filters the list from a heat map cell", async () => {
    const { page } = manager;
    await page.goto("/rischi");
    const cell = page.locator('[data-heatmap="inherent"]').getByRole("button", { name: /^Probabilità Quasi certa, impatto Critico/ });
    await cell.click();
    expect(await cell.getAttribute("aria-pressed")).toBe("true");
    await page.getByText("Filtro sulla cella").waitFor();
    await page.getByRole("link", { name: RISK }).waitFor();
    await expectNoAxeViolations(page, "register filtered by a cell");
  });
});

describe("risk matrix", () => {
  it("shows the matrix settings with the recompute warning and saves a label", async () => {
    const { page } = manager;
    await page.locator("#navigation").getByRole("link", { name: "Matrice di rischio" }).click();
    await page.getByRole("heading", { level: 1, name: "Matrice di rischio" }).waitFor();
    await page.getByText(/vengono ricalcolati/).waitFor();
    expect(await page.getByLabel("Probabilità 1 (italiano)").inputValue()).toBe("Rara");
    await page.getByLabel("Probabilità 1 (inglese)").fill("Very rare");
    await expectNoAxeViolations(page, "risk matrix settings");
    await page.getByRole("button", { name: "Salva la matrice" }).click();
    await page.getByText("Matrice salvata: livelli e priorità ricalcolati.").waitFor();
  });
});

describe("roadmap", () => {
  it("plans an action for the IT provider and a late one for the comune", async () => {
    const { page } = manager;
    await page.locator("#navigation").getByRole("link", { name: "Piano di miglioramento" }).click();
    await page.getByRole("heading", { level: 1, name: "Piano di miglioramento" }).waitFor();
    await page.getByRole("link", { name: "Nuova azione" }).click();
    await page.getByLabel("Titolo").fill(PROVIDER_ACTION);
    await page.getByLabel("Funzione CSF 2.0").selectOption("recover");
    await page.getByLabel("Organizzazione che la esegue").selectOption({ label: "SIA Demo" });
    await page.getByLabel("Data di inizio").fill(isoDay(-10));
    await page.getByLabel("Scadenza").fill(isoDay(60));
    await page.getByLabel("Costo stimato (euro)").fill("12.500,00");
    // Bootstrap Italia draws the checkbox on its label, which is what a person clicks
    const riskBox = page.getByRole("group", { name: "Rischi collegati" }).getByLabel(new RegExp(RISK.replace(/[()]/g, "\\$&")));
    await page.locator(`label[for="${await riskBox.getAttribute("id")}"]`).click();
    expect(await riskBox.isChecked()).toBe(true);
    await expectNoAxeViolations(page, "new action form");
    await page.getByRole("button", { name: "Crea l'azione" }).click();
    await page.getByRole("heading", { level: 1, name: new RegExp(`Azione A-\\d+ ${PROVIDER_ACTION.replace(/[()]/g, "\\$&")}`) }).waitFor();
    await page.getByText(/Priorità calcolata/).waitFor();
    await expectNoAxeViolations(page, "action page");

    await page.goto("/piano/azioni/nuova");
    await page.getByLabel("Titolo").fill(LATE_ACTION);
    await page.getByLabel("Funzione CSF 2.0").selectOption("protect");
    await page.getByLabel("Data di inizio").fill(isoDay(-90));
    await page.getByLabel("Scadenza").fill(isoDay(-5));
    await page.getByRole("button", { name: "Crea l'azione" }).click();
    await page.getByRole("heading", { level: 1, name: new RegExp(LATE_ACTION.replace(/[()]/g, "\\$&")) }).waitFor();
  });

  it("refuses a due date before the start and a dependency cycle, next to the field", async () => {
    const { page } = manager;
    await page.goto("/piano/azioni/nuova");
    await page.getByLabel("Titolo").fill("Azione con date invertite (e2e)");
    await page.getByLabel("Data di inizio").fill(isoDay(30));
    await page.getByLabel("Scadenza").fill(isoDay(10));
    await page.getByRole("button", { name: "Crea l'azione" }).click();
    await page.getByRole("alert").first().waitFor();
    expect(await page.getByLabel("Scadenza").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page, "action form with an error");

    // the late action depends on the provider's; making the provider's depend on it closes a cycle
    const dependOn = async (title: string, on: string) => {
      await page.goto("/piano?vista=tabella");
      await page.getByRole("link", { name: new RegExp(title.replace(/[()]/g, "\\$&")) }).click();
      await page.getByRole("heading", { level: 1, name: new RegExp(title.replace(/[()]/g, "\\$&")) }).waitFor();
      const box = page.getByRole("group", { name: "Dipende da" }).getByLabel(new RegExp(on.replace(/[()]/g, "\\$&")));
      await page.locator(`label[for="${await box.getAttribute("id")}"]`).click();
      await page.getByRole("button", { name: "Salva l'azione" }).click();
    };
    await dependOn(LATE_ACTION, PROVIDER_ACTION);
    await page.getByText("Azione salvata.").waitFor();
    await dependOn(PROVIDER_ACTION, LATE_ACTION);
    await page.getByRole("group", { name: "Dipende da" }).locator(".invalid-feedback").waitFor();
    await expectNoAxeViolations(page, "action form with a dependency cycle");
  });

  it("shows the timeline by function with the late action marked", async () => {
    const { page } = manager;
    await page.getByRole("link", { name: "Torna al piano" }).click();
    await page.getByRole("heading", { name: "Cronoprogramma per funzione" }).waitFor();
    const late = page.locator(".roadmap-timeline li").filter({ hasText: LATE_ACTION });
    await late.getByText("In ritardo").waitFor();
    expect(await late.getByRole("link").getAttribute("aria-label")).toMatch(/in ritardo$/);
    await page.locator('[data-function="recover"]').getByRole("link", { name: new RegExp(PROVIDER_ACTION.replace(/[()]/g, "\\$&")) }).waitFor();
    await expectNoAxeViolations(page, "roadmap timeline");
  });

  it("moves cards on the board, with the status select and by drag and drop", async () => {
    const { page } = manager;
    await page.getByRole("link", { name: "Bacheca per stato" }).click();
    const card = page.locator('[data-column="planned"] li').filter({ hasText: LATE_ACTION });
    await card.getByRole("combobox").selectOption("in_progress");
    await page.getByText(/spostata in «In corso»/).waitFor();
    await page.locator('[data-column="in_progress"] li').filter({ hasText: LATE_ACTION }).waitFor();
    await expectNoAxeViolations(page, "roadmap board");

    // and by drag and drop: the first planned card to "Bloccata", dragged from the card's edge (its
    // middle holds the status select, which does not start a drag) to the column's top, so that
    // nothing scrolls while dragging
    const first = page.locator('[data-column="planned"] li').first();
    const ref = await first.getAttribute("data-action");
    await first.dragTo(page.locator('[data-column="blocked"]'), { sourcePosition: { x: 4, y: 4 }, targetPosition: { x: 20, y: 20 } });
    await page.locator(`[data-column="blocked"] li[data-action="${ref}"]`).waitFor();
    await page.getByText(`${ref} spostata in «Bloccata».`).waitFor();

    await page.getByRole("link", { name: "In ritardo", exact: true }).click();
    await page.getByRole("heading", { name: "Cosa è in ritardo" }).waitFor();
    await page.getByRole("table").getByRole("link", { name: new RegExp(LATE_ACTION.replace(/[()]/g, "\\$&")) }).waitFor();
    await expectNoAxeViolations(page, "late actions");
  });

  it("turns a gap of the demo assessment into an action", async () => {
    const { page } = manager;
    const year = new Date().getUTCFullYear();
    await page.locator("#navigation").getByRole("link", { name: "Valutazioni" }).click();
    await page.getByRole("link", { name: `Misure di base NIS2 ${year - 1}`, exact: true }).click();
    await page.getByRole("link", { name: "Vedi i risultati" }).click();
    const gapLink = page.getByRole("link", { name: /^Crea un'azione / }).first();
    const requirement = (await gapLink.textContent())!.replace("Crea un'azione", "").trim();
    await gapLink.click();
    await page.getByRole("heading", { level: 1, name: "Nuova azione" }).waitFor();
    await page.getByText(`Dalla carenza ${requirement} della valutazione «Misure di base NIS2 ${year - 1}».`).waitFor();
    expect(await page.getByLabel("Titolo").inputValue()).toContain(requirement);
    expect(await page.getByRole("group", { name: "Carenze collegate" }).getByRole("checkbox", { checked: true }).count()).toBe(1);
    await expectNoAxeViolations(page, "action from a gap");
    await page.getByRole("button", { name: "Crea l'azione" }).click();
    await page.getByRole("heading", { level: 1, name: new RegExp(`Azione A-\\d+ ${requirement.replace(/[.()]/g, "\\$&")}`) }).waitFor();
  });

  it("works on a phone's width", async () => {
    const { page } = manager;
    await page.setViewportSize({ width: 375, height: 740 });
    for (const path of ["/rischi", "/piano", "/piano?vista=bacheca"]) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.locator(".progress-spinner").first().waitFor({ state: "detached" });
      // the page itself never scrolls sideways: wide grids scroll inside their own region
      const overflow = (await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")) as number;
      expect(overflow, path).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page, `${path} on a phone`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("lets the provider's user see and update only the action assigned to it", async () => {
    provider = await openBrowser();
    const { page } = provider;
    await signIn(page, "tecnico@sia.demo");
    const nav = page.locator("#navigation");
    await nav.getByRole("link", { name: "Piano di miglioramento" }).click();
    await page.getByRole("heading", { level: 1, name: "Piano di miglioramento" }).waitFor();
    expect(await nav.getByRole("link", { name: "Registro dei rischi" }).count()).toBe(0);
    await page.getByText("Vedi solo le azioni assegnate alla tua organizzazione.").waitFor();
    await page.getByRole("link", { name: new RegExp(PROVIDER_ACTION.replace(/[()]/g, "\\$&")) }).first().waitFor();
    expect(await page.getByRole("link", { name: new RegExp(LATE_ACTION.replace(/[()]/g, "\\$&")) }).count()).toBe(0);
    await expectNoAxeViolations(page, "provider's roadmap");

    await page.getByRole("link", { name: new RegExp(PROVIDER_ACTION.replace(/[()]/g, "\\$&")) }).first().click();
    await page.getByRole("heading", { level: 1, name: new RegExp(PROVIDER_ACTION.replace(/[()]/g, "\\$&")) }).waitFor();
    expect(await page.getByLabel("Titolo").isDisabled()).toBe(true);
    await page.getByLabel("Avanzamento (%)").fill("50");
    await page.getByLabel("Stato", { exact: true }).selectOption("in_progress");
    await page.getByRole("button", { name: "Salva l'azione" }).click();
    await page.getByText("Azione salvata.").waitFor();
    await page.getByLabel("Descrizione della prova").fill("Verbale di prova di ripristino");
    await page.getByLabel("Indirizzo (https://…)").fill("https://sia.demo.example.it/verbali/ripristino");
    await page.getByRole("button", { name: "Aggiungi la prova" }).last().click();
    await page.getByText("Prova aggiunta.").waitFor();
    await page.getByRole("link", { name: "Verbale di prova di ripristino" }).waitFor();
    await expectNoAxeViolations(page, "provider's action");
  });
});

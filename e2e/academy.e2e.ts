import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// The academy in the browser. A visitor without an account browses the public catalogue, reads an
// article, takes the phishing quiz (stateless check, progress in localStorage) and plays the
// spot-the-phishing exercise and a scenario, also at phone width; the demo employee passes quizzes
// as server attempts, earns a certificate, downloads its PDF and checks it on the public page;
// an unknown code gets a clear error. The right answers come from the starter curriculum itself.

interface Choice { id: string; text: string; correct: boolean }
interface Question {
  id: string;
  type: "single" | "multiple" | "true_false" | "matching" | "ordering";
  choices?: Choice[];
  answer?: boolean;
  pairs?: { left: string; right: string }[];
  steps?: string[];
}
interface Item { id: string; kind: string; questions?: Question[]; exercise?: { header?: { part: { id: string; suspicious: boolean } }[]; body?: { id: string; suspicious: boolean }[] } }
interface Package { modules: { items: Item[] }[] }

const load = (id: string) => JSON.parse(readFileSync(new URL(`../catalogs/academy/${id}.json`, import.meta.url), "utf8")) as Package;
const basics = load("sicurezza-digitale-di-base");
const cyberbullying = load("cyberbullismo-scuole-famiglie");
const itemOf = (pkg: Package, id: string) => pkg.modules.flatMap((m) => m.items).find((i) => i.id === id)!;

let server: RunningServer;
let visitor: OpenBrowser;
let employee: OpenBrowser | undefined;

beforeAll(async () => {
  server = await startServer();
  visitor = await openBrowser();
});

afterAll(async () => {
  await employee?.close();
  await visitor?.close();
  await server?.stop();
});

/** Answers every question shown, right unless its id is in `wrong`; orders steps with the keyboard. */
async function answerQuiz(page: Page, pkg: Package, quizId: string, wrong: string[] = []) {
  const bank = new Map(itemOf(pkg, quizId).questions!.map((q) => [q.id, q]));
  const fieldsets = page.locator("fieldset[data-question]");
  await fieldsets.first().waitFor();
  const count = await fieldsets.count();
  for (let i = 0; i < count; i++) {
    const fieldset = fieldsets.nth(i);
    const q = bank.get((await fieldset.getAttribute("data-question"))!)!;
    const spoil = wrong.includes(q.id);
    switch (q.type) {
      case "single":
      case "multiple":
        for (const c of q.choices!.filter((c) => (spoil ? !c.correct : c.correct)).slice(0, q.type === "single" ? 1 : undefined)) {
          await pick(fieldset, c.text);
        }
        break;
      case "true_false":
        await pick(fieldset, q.answer !== spoil ? "Vero" : "Falso");
        break;
      case "matching":
        for (const p of q.pairs!) await fieldset.getByLabel(p.left, { exact: true }).selectOption(p.right);
        break;
      case "ordering":
        await order(page, fieldset, q.steps!);
        break;
    }
  }
}

/** Bootstrap Italia draws radios and checkboxes on their labels: the label is what is clicked. */
async function pick(fieldset: Locator, label: string) {
  await fieldset.locator("label").getByText(label, { exact: true }).click();
  expect(await fieldset.getByLabel(label, { exact: true }).isChecked()).toBe(true);
}

/** Puts the steps in order with the "Sposta su" buttons, pressed from the keyboard. */
async function order(page: Page, fieldset: Locator, steps: string[]) {
  for (let target = 0; target < steps.length; target++) {
    const step = steps[target]!;
    for (;;) {
      const shown = await fieldset.locator("li > span.flex-grow-1").allTextContents();
      if (shown.indexOf(step) <= target) break;
      await fieldset.getByRole("button", { name: `Sposta su: ${step}`, exact: true }).focus();
      await page.keyboard.press("Enter");
    }
  }
  expect(await fieldset.locator("li > span.flex-grow-1").allTextContents()).toEqual(steps);
}

describe("academy for a visitor without an account", () => {
  it("lists the public paths, filterable by audience and level, with the academy in the navigation", async () => {
    const { page } = visitor;
    await page.goto("/academy");
    await page.getByRole("heading", { level: 1, name: "Academy" }).waitFor();
    await page.locator("#navigation").getByRole("link", { name: "Academy" }).waitFor();
    await page.getByText("i tuoi progressi restano salvati solo in questo browser").waitFor();
    await page.getByRole("link", { name: "Sicurezza digitale di base" }).waitFor();
    await expectNoAxeViolations(page, "academy catalogue");
    await page.getByLabel("Per chi").selectOption("it_operators");
    await page.getByText("Percorsi trovati: 1.").waitFor();
    expect(await page.locator(".academy-path-card").count()).toBe(1);
    expect(page.url()).toContain("pubblico=it_operators");
    await page.getByLabel("Per chi").selectOption("companies");
    await page.getByText("Nessun percorso corrisponde ai filtri scelti.").waitFor();
    await page.getByLabel("Per chi").selectOption("");
    await page.getByLabel("Livello").selectOption("base");
    await page.getByText("Percorsi trovati: 3.").waitFor();
  });

  it("shows a path's modules in order, with a locked module saying what to complete first", async () => {
    const { page } = visitor;
    await page.getByRole("link", { name: "Sicurezza digitale di base" }).click();
    await page.getByRole("heading", { level: 1, name: "Sicurezza digitale di base" }).waitFor();
    const social = page.locator('[data-module="ingegneria-sociale-e-doxing"]');
    await social.getByText("Bloccato: completa prima «Phishing e frodi online».").waitFor();
    // a locked module's quiz is not a link yet
    expect(await social.getByRole("link", { name: /Quiz/ }).count()).toBe(0);
    await expectNoAxeViolations(page, "academy path");
  });

  it("reads an article rendered from Markdown and marks it read in the browser", async () => {
    const { page } = visitor;
    await page.getByRole("link", { name: /Il messaggio che chiede di fare in fretta/ }).click();
    await page.getByRole("heading", { level: 1, name: "Il messaggio che chiede di fare in fretta" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Che cos'è il phishing" }).waitFor();
    expect(await page.locator(".academy-article ol > li strong").first().textContent()).toBe("La fretta.");
    await page.locator(".academy-article blockquote").getByText("Regola d'oro").waitFor();
    await expectNoAxeViolations(page, "academy article");
    await page.getByRole("button", { name: "Segna come letto" }).click();
    await page.locator(".academy-done").getByText("Letto").waitFor();
    const stored = await page.evaluate(() => window.localStorage.getItem("cittadella.academy.sicurezza-digitale-di-base"));
    expect(JSON.parse(stored!).items["phishing-articolo"].status).toBe("completed");
  });

  it("takes the phishing quiz, sees each question's feedback and the score, and unlocks the next module", async () => {
    const { page } = visitor;
    await page.getByRole("link", { name: /Prossimo contenuto/ }).click();
    await page.getByRole("heading", { level: 1, name: "Verifica: phishing e frodi online" }).waitFor();
    await page.getByText("8 domande, scelte tra 10.").waitFor();
    await page.getByRole("button", { name: "Inizia il quiz" }).click();
    await page.getByText("Domanda 1 di 8").waitFor();
    await expectNoAxeViolations(page, "academy quiz");
    // one answer wrong on purpose: the first single-choice or true/false question shown
    const bank = itemOf(basics, "phishing-quiz").questions!;
    const shown = await page.locator("fieldset[data-question]").evaluateAll((all) => all.map((f) => f.getAttribute("data-question")));
    const first = shown.find((id) => ["single", "true_false"].includes(bank.find((q) => q.id === id)!.type))!;
    await answerQuiz(page, basics, "phishing-quiz", [first]);
    await page.getByRole("button", { name: "Consegna le risposte" }).click();
    const result = page.getByRole("heading", { level: 2, name: "Quiz superato" });
    await result.waitFor();
    // focus moves to the result, so it is read first
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("quiz-result-heading");
    await page.getByText("Punteggio: 87,5% (soglia 75%).").waitFor();
    await page.locator(`fieldset[data-question="${first}"]`).getByText("Risposta non corretta").waitFor();
    expect(await page.locator(".academy-feedback-success").count()).toBe(7);
    expect(await page.locator(".academy-feedback-danger").count()).toBe(1);
    await expectNoAxeViolations(page, "academy quiz result");
    await page.getByRole("link", { name: "Torna al percorso" }).click();
    const phishing = page.locator('[data-module="phishing-e-frodi-online"]');
    await phishing.getByText("Modulo completato").waitFor();
    await page.locator('[data-module="ingegneria-sociale-e-doxing"]').getByText("Disponibile").waitFor();
  });

  it("plays spot the phishing: marks parts with toggle buttons and gets feedback on each", async () => {
    const { page } = visitor;
    await page.goto("/academy/sicurezza-digitale-di-base/phishing-esercizio");
    await page.getByRole("heading", { level: 1, name: /Trova gli indizi/ }).waitFor();
    await expectNoAxeViolations(page, "spot the phishing");
    const exercise = itemOf(basics, "phishing-esercizio").exercise!;
    const parts = [...exercise.header!.map((h) => h.part), ...exercise.body!];
    const suspicious = parts.filter((p) => p.suspicious);
    for (const p of suspicious) {
      const part = page.locator(`button[data-part="${p.id}"]`);
      await part.click();
      expect(await part.getAttribute("aria-pressed")).toBe("true");
    }
    // one innocent part marked, then unmarked again from the keyboard
    const innocent = page.locator(`button[data-part="${parts.find((p) => !p.suspicious)!.id}"]`);
    await innocent.focus();
    await page.keyboard.press("Space");
    expect(await innocent.getAttribute("aria-pressed")).toBe("true");
    await page.keyboard.press("Space");
    expect(await innocent.getAttribute("aria-pressed")).toBe("false");
    await page.getByRole("button", { name: "Verifica le mie segnalazioni" }).click();
    await page.getByRole("heading", { level: 2, name: "Com'è andata" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("phishing-result-heading");
    await page.getByText(`Hai trovato ${suspicious.length} indizi su ${suspicious.length}. Punteggio: 100%.`).waitFor();
    expect(await page.locator("[data-part-feedback]").count()).toBe(parts.length);
    await page.getByText("Indizio trovato").first().waitFor();
    await page.getByText("Giustamente non segnalato").first().waitFor();
    await page.getByRole("heading", { name: "Che cosa impariamo" }).waitFor();
    await expectNoAxeViolations(page, "spot the phishing feedback");
  });

  it("plays a branching scenario to an ending, and starts it again", async () => {
    const { page } = visitor;
    await page.goto("/academy/sicurezza-digitale-di-base/password-esercizio");
    await page.getByRole("heading", { level: 2, name: "La situazione" }).waitFor();
    for (let step = 0; step < 10 && (await page.getByRole("heading", { name: /^Esito:/ }).count()) === 0; step++) {
      await page.locator(".academy-scenario fieldset button").first().click();
      await page.getByText(`Passo ${step + 2}`).or(page.getByRole("heading", { name: /^Esito:/ })).first().waitFor();
    }
    await page.getByRole("heading", { level: 2, name: /^Esito:/ }).waitFor();
    await page.getByRole("heading", { level: 2, name: "La conseguenza della tua scelta" }).waitFor();
    await expectNoAxeViolations(page, "scenario ending");
    await page.getByRole("button", { name: "Ricomincia lo scenario" }).click();
    await page.getByText("Passo 1").waitFor();
    await page.getByRole("heading", { level: 2, name: "La situazione" }).waitFor();
  });

  it("shows the time left when a quiz has a limit, and hands the answers in when it runs out", async () => {
    // the starter quizzes have no time limit: this one gets two minutes on its way to the browser,
    // and the browser's clock is moved forward instead of waiting
    const timed = await openBrowser();
    try {
      const { page, context } = timed;
      await context.route("**/api/academy/paths/cyberbullismo-scuole-famiglie", async (route) => {
        const response = await route.fetch();
        const path = (await response.json()) as { modules: { items: { kind: string; timeLimitMinutes?: number }[] }[] };
        for (const item of path.modules.flatMap((m) => m.items)) if (item.kind === "quiz") item.timeLimitMinutes = 2;
        await route.fulfill({ response, json: path });
      });
      await page.clock.install();
      await page.goto("/academy/cyberbullismo-scuole-famiglie/cyberbullismo-quiz");
      await page.getByText("Tempo a disposizione: 2 minuti; allo scadere le risposte vengono consegnate.").waitFor();
      await page.getByRole("button", { name: "Inizia il quiz" }).click();
      const timer = page.getByRole("timer");
      await timer.waitFor();
      expect(await timer.textContent()).toMatch(/^0[12]:\d\d$/);
      await expectNoAxeViolations(page, "quiz with a time limit");
      await page.clock.fastForward("01:05");
      await page.getByText(/^Attenzione: tempo rimasto 00:5\d\.$/).waitFor({ state: "attached" });
      await page.clock.fastForward("01:00");
      await page.getByRole("heading", { level: 2, name: "Quiz non superato" }).waitFor();
      expect(await timer.count()).toBe(0);
      expect(await page.locator("fieldset[data-question] .academy-feedback").count()).toBe(8);
    } finally {
      await timed.close();
    }
  });

  it("fits a phone screen", async () => {
    const { page } = visitor;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const address of ["/academy", "/academy/sicurezza-digitale-di-base/phishing-esercizio"]) {
      await page.goto(address);
      await page.locator("h1").waitFor();
      await page.locator(".academy-path-card, .phish-frame").first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectNoAxeViolations(page, `${address} at phone width`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("says clearly that an unknown certificate code does not exist", async () => {
    const { page } = visitor;
    await page.goto("/academy/verifica");
    await page.getByRole("heading", { level: 1, name: "Verifica un attestato" }).waitFor();
    await page.getByRole("button", { name: "Verifica", exact: true }).click();
    await page.getByText("Inserisci il codice dell'attestato.").waitFor();
    await expectNoAxeViolations(page, "verification form");
    await page.getByLabel("Codice dell'attestato").fill("zzzz-zzzz-zzzz");
    await page.getByRole("button", { name: "Verifica", exact: true }).click();
    await page.waitForURL(/\/academy\/verifica\/ZZZZ-ZZZZ-ZZZZ$/);
    await page.getByRole("alert").getByText("Codice non riconosciuto.").waitFor();
    await page.getByText("Nessun attestato ha il codice «ZZZZ-ZZZZ-ZZZZ».").waitFor();
    await expectNoAxeViolations(page, "unknown certificate");
  });
});

describe("academy for a signed-in employee", () => {
  it("passes the phishing quiz as a server attempt, with progress saved in the account", async () => {
    employee = await openBrowser();
    const { page } = employee;
    await signIn(page, "dipendente@comune.demo");
    await page.locator("#navigation").getByRole("link", { name: "Academy" }).click();
    await page.getByRole("heading", { level: 1, name: "Academy" }).waitFor();
    expect(await page.getByText("restano salvati solo in questo browser").count()).toBe(0);
    await page.goto("/academy/sicurezza-digitale-di-base/phishing-quiz");
    await page.getByRole("button", { name: "Inizia il quiz" }).click();
    await page.getByText(/^Tentativo \d+ di 3$/).waitFor();
    await answerQuiz(page, basics, "phishing-quiz");
    await page.getByRole("button", { name: "Consegna le risposte" }).click();
    await page.getByRole("heading", { level: 2, name: "Quiz superato" }).waitFor();
    await page.getByText("Punteggio: 100% (soglia 75%).").waitFor();
    await page.getByRole("link", { name: "Torna al percorso" }).click();
    await page.getByText("I tuoi progressi sono salvati nel tuo account.").waitFor();
    await page.locator('[data-module="phishing-e-frodi-online"]').getByText("Modulo completato").waitFor();
    await expectNoAxeViolations(page, "path with server progress");
  });

  it("completes a path, downloads the certificate and verifies it on the public page", async () => {
    const { page } = employee!;
    await page.goto("/academy/cyberbullismo-scuole-famiglie/cyberbullismo-quiz");
    await page.getByRole("button", { name: "Inizia il quiz" }).click();
    await answerQuiz(page, cyberbullying, "cyberbullismo-quiz");
    await page.getByRole("button", { name: "Consegna le risposte" }).click();
    await page.getByRole("heading", { level: 2, name: "Quiz superato" }).waitFor();
    await page.getByRole("link", { name: "Torna al percorso" }).click();
    await page.getByText(/Hai completato il percorso: il tuo attestato ha il codice/).waitFor();
    await page.getByRole("link", { name: "I miei attestati" }).first().click();
    await page.getByRole("heading", { level: 1, name: "I miei attestati" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: "Cyberbullismo" });
    await row.waitFor();
    await expectNoAxeViolations(page, "my certificates");
    const pdfHref = (await row.getByRole("link", { name: /Scarica PDF \(italiano\)/ }).getAttribute("href"))!;
    const pdf = await page.request.get(pdfHref);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const code = (await row.locator(".font-monospace").textContent())!.trim();
    await row.getByRole("link", { name: /Pagina di verifica/ }).click();
    await page.getByText("Attestato valido.").waitFor();
    await page.getByText(`(codice ${code})`).waitFor();
    await expectNoAxeViolations(page, "valid certificate");
    // the address printed on the PDF leads to the same page, for anyone
    await visitor.page.goto(`/academy/certificates/${code}`);
    await visitor.page.waitForURL(new RegExp(`/academy/verifica/${code}$`));
    await visitor.page.getByText("Attestato valido.").waitFor();
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import JSZip from "jszip";
import { expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// Academy authoring in the browser: the demo security manager pastes a package (told by JSON path
// what is wrong), saves and publishes it, then uploads a tiny SCORM 1.2 package built here and
// plays it: its page calls LMSSetValue("cmi.core.lesson_status", "passed") and the server records it.

let server: RunningServer;
let browser: OpenBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const pkg = (title: string) => ({
  format: "cittadella-academy-path/1",
  id: "percorso-redazione-e2e",
  version: "1.0.0",
  language: "it",
  title,
  summary: "Un percorso scritto nella redazione",
  audiences: ["employees"],
  level: "base",
  author: "Redazione del Comune",
  licence: "CC BY-SA 4.0",
  modules: [{ id: "m1", title: "Primo modulo", summary: "Il primo modulo", completion: "all_items", items: [{ id: "a1", kind: "article", title: "Lettura", markdown: "Testo.", estimatedMinutes: 2 }] }],
});

async function scormZip() {
  const zip = new JSZip();
  zip.file(
    "imsmanifest.xml",
    `<?xml version="1.0" encoding="UTF-8"?><manifest identifier="e2e" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"><metadata><schemaversion>1.2</schemaversion></metadata><organizations default="o"><organization identifier="o"><title>Corso SCORM di prova</title><item identifier="i" identifierref="r"><title>Lezione</title></item></organization></organizations><resources><resource identifier="r" type="webcontent" href="index.html"/></resources></manifest>`,
  );
  zip.file("index.html", `<!DOCTYPE html><html lang="it"><head><title>Lezione</title></head><body><p>Lezione SCORM</p><script src="sco.js"></script></body></html>`);
  zip.file("sco.js", `var api = window.parent.API; api.LMSInitialize(""); api.LMSSetValue("cmi.core.lesson_status", "passed"); api.LMSSetValue("cmi.core.score.raw", "80"); api.LMSCommit("");`);
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("academy authoring", () => {
  it("names the problems of a package by JSON path, then saves and publishes it", async () => {
    const page = browser.page;
    await signIn(page, "sicurezza@comune.demo");
    await page.goto("/formazione/redazione");
    await page.getByRole("heading", { level: 1, name: "Academy: redazione" }).waitFor();
    await expectNoAxeViolations(page, "authoring");

    const broken = pkg("");
    await page.getByLabel("Pacchetto del percorso").fill(JSON.stringify(broken));
    await page.getByRole("button", { name: "Salva bozza" }).click();
    const problems = page.locator("#academy-package-problems");
    await problems.waitFor();
    expect(await problems.textContent()).toContain("body.package.title");
    await expectNoAxeViolations(page, "authoring with problems");

    await page.getByLabel("Pacchetto del percorso").fill(JSON.stringify(pkg("Percorso della redazione")));
    await page.getByRole("button", { name: "Salva bozza" }).click();
    const table = page.getByRole("table", { name: "Percorsi e versioni" });
    const row = table.getByRole("row").filter({ hasText: "percorso-redazione-e2e" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Bozza");
    await row.getByRole("button", { name: "Pubblica" }).click();
    await table.getByRole("row").filter({ hasText: "percorso-redazione-e2e" }).filter({ hasText: "Pubblicato" }).waitFor();
  });

  it("uploads a SCORM 1.2 package and records the pass its runtime reports", async () => {
    const page = browser.page;
    await page.goto("/formazione/redazione");
    await page.getByLabel("Pacchetto SCORM 1.2").setInputFiles({ name: "corso.zip", mimeType: "application/zip", buffer: await scormZip() });
    await page.getByRole("button", { name: "Carica SCORM" }).click();
    const scorm = page.getByRole("table", { name: "Pacchetti SCORM" });
    await scorm.getByRole("rowheader", { name: "Corso SCORM di prova" }).waitFor();
    await scorm.getByRole("link", { name: "Avvia" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Corso SCORM di prova" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Stato registrato: passed, punteggio 80" }).waitFor();
    await expectNoAxeViolations(page, "SCORM player");
  });

  it("fits a phone screen", async () => {
    const page = browser.page;
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/formazione/redazione");
    await page.getByRole("table", { name: "Percorsi e versioni" }).waitFor();
    await expectNoAxeViolations(page, "authoring at phone width");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// The threat-sharing hub in the browser: Regione Demo's admin sets up a community with the demo
// comune and sends it an AMBER advisory; the comune's security manager sees it, reports a sighting,
// shares an anonymous incident report after redacting the personal data the check highlights, and
// publishes CLEAR indicators (one bad line first) that a visitor then reads without signing in.

let server: RunningServer;
let regione: OpenBrowser;
let comune: OpenBrowser | undefined;
let visitor: OpenBrowser | undefined;

beforeAll(async () => {
  server = await startServer();
  regione = await openBrowser();
  await signIn(regione.page, "coordinatore@regione.demo");
});

afterAll(async () => {
  await visitor?.close();
  await comune?.close();
  await regione?.close();
  await server?.stop();
});

// Bootstrap Italia draws check boxes and radios on their label, which is what a person clicks
async function tickTlp(page: Page, level: string) {
  await page.locator(`label[for="tlp-${level}"]`).click();
  expect(await page.locator(`#tlp-${level}`).isChecked()).toBe(true);
}

const COMMUNITY = "Cyber Secure City Demo (e2e)";
const ADVISORY = "Vulnerabilità critica nel firewall perimetrale (e2e)";
const REPORT = "Ransomware entrato da una VPN senza MFA (e2e)";
const EMAIL = "mario.rossi@esempio.it";
const CF = "RSSMRA85T10A562S";
// an address of its own: the demo data shares other documentation addresses
const CLEAR_IP = "192.0.2.231";

describe("communities and an AMBER advisory", () => {
  it("sets up a community with the demo comune", async () => {
    const { page } = regione;
    await page.locator("#navigation").getByRole("link", { name: "Condivisione delle minacce" }).click();
    await page.getByRole("heading", { level: 1, name: "Condivisione delle minacce" }).waitFor();
    await page.getByRole("link", { name: "Comunità", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Comunità di condivisione" }).waitFor();
    const form = page.locator('section[aria-labelledby="new-community-title"]');
    await form.getByLabel("Nome della comunità").fill(COMMUNITY);
    await form.getByText("Comune di Demo", { exact: true }).click();
    expect(await form.getByLabel("Comune di Demo").isChecked()).toBe(true);
    await expectNoAxeViolations(page, "communities");
    await form.getByRole("button", { name: "Crea la comunità" }).click();
    const created = page.locator(`[data-community="${COMMUNITY}"]`);
    await created.getByRole("listitem").filter({ hasText: "Comune di Demo" }).waitFor();
    await created.getByRole("listitem").filter({ hasText: "Regione Demo" }).waitFor();
  });

  it("publishes an AMBER advisory to the comune and shows it with its TLP label", async () => {
    const { page } = regione;
    await page.goto("/condivisione");
    await page.getByRole("link", { name: "Pubblica un bollettino" }).click();
    await page.getByRole("heading", { level: 1, name: "Pubblica un bollettino" }).waitFor();
    await page.locator("#advisory-title").fill(ADVISORY);
    await page.locator("#advisory-summary").fill("Una vulnerabilità consente l'esecuzione di codice senza autenticazione sul portale VPN.");
    await page.getByLabel("Gravità").selectOption("critical");
    await page.getByRole("button", { name: "Aggiungi un prodotto" }).click();
    const product = page.getByRole("group", { name: "Prodotto 1" });
    await product.getByLabel("Produttore").fill("Palo Alto Networks");
    await product.getByLabel("Prodotto", { exact: true }).fill("PAN-OS");
    await product.getByLabel("Fino alla versione (esclusa)").fill("11.1.2-h3");
    await page.locator("#advisory-cves").fill("CVE-2024-3400");
    await page.getByRole("button", { name: "Aggiungi un aggiornamento" }).click();
    const patch = page.getByRole("group", { name: "Aggiornamenti correttivi 1" });
    await patch.getByLabel("Titolo").fill("Aggiornare PAN-OS a 11.1.2-h3");
    await patch.getByLabel("Collegamento (facoltativo)").fill("https://security.paloaltonetworks.com/CVE-2024-3400");
    await patch.getByLabel("Passi da seguire (facoltativi)").fill("1. Scaricare l'aggiornamento\n2. Installarlo fuori orario");
    await page.locator("#advisory-indicators").fill("203.0.113.77");
    await tickTlp(page, "amber");
    await page.getByRole("group", { name: "Organizzazioni destinatarie" }).getByText("Comune di Demo", { exact: true }).click();
    await expectNoAxeViolations(page, "new advisory form");
    await page.getByRole("button", { name: "Pubblica", exact: true }).click();
    await page.locator("[data-published]").getByRole("link", { name: "Apri l'elemento pubblicato" }).click();
    await page.getByRole("heading", { level: 1, name: ADVISORY }).waitFor();
    await page.locator('[data-tlp="amber"]').first().waitFor();
    expect(await page.locator('[data-tlp="amber"]').first().textContent()).toContain("TLP:AMBER");
    await page.getByRole("link", { name: "CVE-2024-3400" }).waitFor();
    await page.getByRole("button", { name: "Copia 203.0.113.77" }).waitFor();
    await page.getByRole("link", { name: "Apri il collegamento: Aggiornare PAN-OS a 11.1.2-h3" }).waitFor();
    const stix = await page.getByRole("link", { name: "Scarica in STIX 2.1 (JSON)" }).getAttribute("href");
    const bundle = await page.request.get(stix!);
    expect(bundle.status()).toBe(200);
    expect(((await bundle.json()) as { type: string }).type).toBe("bundle");
    await expectNoAxeViolations(page, "advisory page");
  });
});

describe("the comune's security manager", () => {
  it("finds the advisory in the hub, filtered by TLP, and reports a sighting", async () => {
    comune = await openBrowser();
    const { page } = comune;
    await signIn(page, "sicurezza@comune.demo");
    await page.goto("/condivisione");
    await page.getByRole("heading", { level: 1, name: "Condivisione delle minacce" }).waitFor();
    await page.getByLabel("TLP", { exact: true }).selectOption("amber");
    await page.getByRole("link", { name: ADVISORY }).waitFor();
    await expectNoAxeViolations(page, "hub");
    await page.getByLabel("Cerca (italiano o inglese)").fill("firewall");
    await page.getByRole("button", { name: "Cerca", exact: true }).click();
    await page.getByRole("link", { name: ADVISORY }).click();
    await page.getByRole("heading", { level: 1, name: ADVISORY }).waitFor();
    await page.getByText("Nessuna organizzazione lo ha ancora segnalato.").waitFor();
    await page.getByRole("button", { name: "L'abbiamo visto anche noi" }).click();
    await page.getByText(/Visto da 1 organizzazioni \(1 avvistamenti\)/).waitFor();
    await page.getByLabel("Il tuo commento").fill("Confermato anche sul nostro perimetro, aggiornato in giornata.");
    await page.getByRole("button", { name: "Invia il commento" }).click();
    await page.getByText("Confermato anche sul nostro perimetro, aggiornato in giornata.").waitFor();
    await expectNoAxeViolations(page, "advisory seen by a recipient");
  });

  it("shares an anonymous incident report after redacting the personal data found", async () => {
    const { page } = comune!;
    await page.goto("/condivisione/nuovo/racconto");
    await page.getByRole("heading", { level: 1, name: "Racconta un incidente" }).waitFor();
    await page.locator("#report-title").fill(REPORT);
    await page.locator("#report-attackType").fill("Ransomware");
    await page.locator("#report-entryVector").fill("VPN senza autenticazione a più fattori");
    await page.locator("#report-narrative").fill(`Il dipendente ${EMAIL} (CF ${CF}) ha segnalato file cifrati alle 7 del mattino.`);
    await tickTlp(page, "green");
    await page.getByRole("group", { name: "Comunità destinatarie" }).getByText(COMMUNITY, { exact: true }).click();
    await page.locator('label[for="publish-anonymous"]').click();
    expect(await page.getByLabel("Pubblica in forma anonima").isChecked()).toBe(true);
    await expectNoAxeViolations(page, "new report form");
    await page.getByRole("button", { name: "Controlla e pubblica" }).click();
    const review = page.locator("[data-scan-review]");
    await review.locator('mark[data-kind="email"]').waitFor();
    await review.locator('mark[data-kind="codice_fiscale"]').waitFor();
    await expectNoAxeViolations(page, "personal data check");
    await review.getByRole("button", { name: `Oscura «${EMAIL}» (indirizzo email)` }).click();
    expect(await review.locator('mark[data-kind="email"]').count()).toBe(0);
    await review.getByRole("button", { name: "Oscura tutto" }).click();
    expect(await review.locator("mark").count()).toBe(0);
    const narrative = await review.locator('[data-field="narrative"]').textContent();
    expect(narrative).toBe("Il dipendente [OSCURATO] (CF [OSCURATO]) ha segnalato file cifrati alle 7 del mattino.");
    await review.getByRole("button", { name: "Pubblica ora" }).click();
    await page.getByRole("heading", { name: "Conserva il collegamento privato" }).waitFor();
    const link = await page.getByLabel("Collegamento privato per modifica e ritiro").inputValue();
    expect(link).toMatch(/\/condivisione\/[0-9a-f-]+#chiave=.+/);
    await expectNoAxeViolations(page, "published with the edit link");
    await page.goto(link);
    await page.getByRole("heading", { level: 1, name: REPORT }).waitFor();
    await page.getByText("Stai usando il collegamento privato di un elemento anonimo").waitFor();
    await page.getByRole("button", { name: "Ritira" }).waitFor();
    const body = await page.locator("main").textContent();
    expect(body).not.toContain(EMAIL);
    expect(body).not.toContain(CF);
    expect(body).toContain("Anonimo");
    await expectNoAxeViolations(page, "anonymous report through its private link");
  });

  it("publishes CLEAR indicators, after a bad line is named", async () => {
    const { page } = comune!;
    await page.goto("/condivisione/nuovo/indicatori");
    await page.getByRole("heading", { level: 1, name: "Pubblica indicatori di compromissione" }).waitFor();
    await page.locator("#indicator-lines").fill(`${CLEAR_IP}\nnon-valido@@esempio\nphishing-comune.example.com`);
    await tickTlp(page, "clear");
    await page.getByRole("button", { name: "Pubblica", exact: true }).click();
    await page.locator("[data-line-errors]").getByText(/^Riga 2 \(non-valido@@esempio\)/).waitFor();
    await expectNoAxeViolations(page, "indicators with a bad line");
    await page.locator("#indicator-lines").fill(`${CLEAR_IP}\nphishing-comune.example.com`);
    await page.getByRole("button", { name: "Pubblica", exact: true }).click();
    await page.getByText("2 indicatori pubblicati, 0 già presenti e aggiornati.").waitFor();
  });
});

describe("the public page", () => {
  it("shows CLEAR items without signing in, with the Atom feed, and nothing else", async () => {
    visitor = await openBrowser();
    const { page } = visitor;
    await page.goto("/minacce-pubbliche");
    await page.getByRole("heading", { level: 1, name: "Informazioni pubbliche sulle minacce" }).waitFor();
    await page.getByRole("link", { name: new RegExp(CLEAR_IP.replace(/\./g, "\\.")) }).waitFor();
    expect(await page.getByText(ADVISORY).count()).toBe(0);
    expect(await page.getByText(REPORT).count()).toBe(0);
    const feed = await page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute("href");
    const response = await page.request.get(feed!);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain(CLEAR_IP);
    await expectNoAxeViolations(page, "public page");
    await page.getByRole("link", { name: new RegExp(CLEAR_IP.replace(/\./g, "\\.")) }).click();
    await page.getByRole("heading", { level: 1, name: new RegExp(CLEAR_IP.replace(/\./g, "\\.")) }).waitFor();
    await page.locator('[data-tlp="clear"]').first().waitFor();
    await page.getByRole("button", { name: `Copia ${CLEAR_IP}` }).waitFor();
    await expectNoAxeViolations(page, "public item");
    // a phone's width: nothing wider than the screen (tables scroll inside their own box)
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/minacce-pubbliche");
    await page.getByRole("link", { name: new RegExp(CLEAR_IP.replace(/\./g, "\\.")) }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  it("shows the advisory once its author relaxes it to CLEAR", async () => {
    const { page } = regione;
    await page.getByText("Cambia la condivisione (TLP e destinatari)").click();
    await tickTlp(page, "clear");
    await expectNoAxeViolations(page, "change sharing");
    await page.getByRole("button", { name: "Salva la condivisione" }).click();
    await page.locator('[data-tlp="clear"]').first().waitFor();
    const { page: public_ } = visitor!;
    await public_.setViewportSize({ width: 1280, height: 800 });
    await public_.goto("/minacce-pubbliche");
    await public_.getByRole("link", { name: ADVISORY }).waitFor();
  });
});

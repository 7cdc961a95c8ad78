import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startTestIdp, type TestIdp } from "../test/helpers/oidc-idp.ts";
import { expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// Single sign-on in the browser: the demo comune's admin connects a real OpenID Connect provider
// (oidc-provider on 127.0.0.1), then a member signs in through it, filling in the provider's
// own login and consent pages.

let server: RunningServer;
let idp: TestIdp;
let browser: OpenBrowser;
const providerName = "Account del Comune";

beforeAll(async () => {
  server = await startServer();
  idp = await startTestIdp(`${server.url}/api/auth/sso/callback`);
  idp.accounts.set("diana", { email: "dipendente@comune.demo", email_verified: true, name: "Diana Dipendente" });
  browser = await openBrowser();
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
});

afterAll(async () => {
  await browser?.close();
  await idp?.close();
  await server?.stop();
});

const sessionOf = (page: Page) =>
  page.evaluate(async () => {
    const res = await fetch("/api/auth/session");
    return res.ok ? ((await res.json()) as { user: { email: string } }) : null;
  });

/** On the sign-in page: type the email and follow the single sign-on button to the provider. */
async function startSso(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  const button = page.getByRole("link", { name: `Continua con ${providerName}` });
  await button.waitFor();
  await button.click();
  await page.waitForURL((u) => u.origin === idp.issuer);
}

describe("single sign-on", () => {
  it("is configured by the organisation's admin", async () => {
    const { page } = browser;
    await signIn(page, "admin@comune.demo");
    await page.locator("#navigation").getByRole("link", { name: "Accesso unico (SSO)" }).click();
    await page.waitForURL(/\/organizzazione\/sso$/);
    await page.getByRole("heading", { level: 1, name: "Accesso unico (SSO)" }).waitFor();
    await page.getByText("Nessun fornitore configurato.").waitFor();

    const callback = `${server.url}/api/auth/sso/callback`;
    expect(await page.locator("#sso-callback-address").textContent()).toBe(callback);
    await page.getByRole("button", { name: "Copia l'indirizzo" }).click();
    await page.getByText("Indirizzo copiato.").waitFor();
    // a string, so this file needs no DOM types
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(callback);
    await expectNoAxeViolations(page, "SSO settings");

    await page.getByRole("button", { name: "Aggiungi un fornitore" }).click();
    await page.getByLabel("Nome", { exact: true }).fill(providerName);
    await page.getByLabel("Issuer (indirizzo del fornitore)").fill(idp.issuer);
    await page.getByLabel("Client ID").fill(idp.clientId);
    await page.getByLabel("Segreto del client").fill(idp.clientSecret);
    await page.getByLabel("Domini email").fill("comune.demo, non valido!");
    await page.getByLabel("Ruolo per chi accede la prima volta").selectOption("");
    await page.getByRole("button", { name: "Aggiungi", exact: true }).click();

    // the server's reason is shown on the field, and nothing is saved
    const problem = page.locator("#sso-new-domains-error");
    await problem.waitFor();
    expect(await page.getByLabel("Domini email").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page, "SSO provider form with a field error");
    expect(await page.getByText("Nessun fornitore configurato.").count()).toBe(1);

    await page.getByLabel("Domini email").fill("comune.demo");
    await page.getByRole("button", { name: "Aggiungi", exact: true }).click();
    await page.getByText(`Fornitore «${providerName}» aggiunto.`).waitFor();
    const row = page.getByRole("table", { name: "Fornitori di identità configurati" }).getByRole("row", { name: new RegExp(providerName) });
    await row.waitFor();
    expect(await row.textContent()).toContain("impostato");

    // the secret is write-only: editing offers to replace it, never shows it
    await row.getByRole("button", { name: `Modifica ${providerName}` }).click();
    expect(await page.getByLabel("Nuovo segreto del client").inputValue()).toBe("");
    await page.getByText("Un segreto è impostato.", { exact: false }).waitFor();
    await expectNoAxeViolations(page, "SSO provider edit form");
    await page.getByRole("button", { name: "Annulla" }).click();

    await page.getByRole("button", { name: "Esci", exact: true }).click();
    await page.waitForURL(/\/accedi$/);
  });

  it("explains in the person's language when the sign-in is cancelled at the provider", async () => {
    const { page } = browser;
    await startSso(page, "dipendente@comune.demo");
    await page.getByRole("link", { name: "[ Cancel ]" }).click();
    await page.waitForURL(/\/accedi\?sso=denied$/);
    await page.getByText("L'accesso è stato annullato presso il sistema della tua organizzazione.").waitFor();
    expect(await sessionOf(page)).toBeNull();
    await expectNoAxeViolations(page, "sign-in after a cancelled SSO");

    await page.getByRole("button", { name: /^EN/ }).click();
    await page.getByText("The sign-in was cancelled at your organisation's system.").waitFor();
    await page.getByRole("button", { name: /^IT/ }).click();
  });

  it("signs a member in through the provider and lands on the page they asked for", async () => {
    const { page } = browser;
    await page.goto("/profilo");
    await page.waitForURL(/\/accedi\?next=%2Fprofilo$/);
    // nothing is offered for addresses no provider serves
    await page.getByLabel("Email").fill("qualcuno@altro-ente.it");
    await page.waitForTimeout(800);
    expect(await page.getByRole("link", { name: /^Continua con/ }).count()).toBe(0);

    await page.getByLabel("Email").fill("dipendente@comune.demo");
    await page.getByRole("link", { name: `Continua con ${providerName}` }).waitFor();
    await expectNoAxeViolations(page, "sign-in offering single sign-on");
    await startSso(page, "dipendente@comune.demo");
    await expect.poll(() => page.url()).toContain("/interaction/");
    await page.locator('input[name="login"]').fill("diana");
    await page.locator('input[name="password"]').fill("qualsiasi");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();

    await page.waitForURL((u) => u.origin === server.url && u.pathname === "/profilo");
    await page.getByRole("heading", { level: 1, name: "Profilo" }).waitFor();
    expect((await sessionOf(page))?.user.email).toBe("dipendente@comune.demo");
  });
});

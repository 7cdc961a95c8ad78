import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// API tokens and the audit log as the comune's admin; what viewers and employees are (not) offered.

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

async function callWithToken(token: string, path: string) {
  return fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

describe("as the comune's admin", () => {
  let browser: OpenBrowser;
  let orgId: string;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, "admin@comune.demo");
    orgId = await browser.page.evaluate(async () => (await (await fetch("/api/auth/session")).json()).currentOrgId as string);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("creates an API token, shown once, that works until it is revoked", async () => {
    const { page } = browser;
    await page.locator("#navigation").getByRole("link", { name: "Token API" }).click();
    await page.waitForURL(/\/profilo\/token$/);
    await page.getByText("Nessun token.").waitFor();
    await expectNoAxeViolations(page, "API tokens");

    await page.getByLabel("Nome", { exact: true }).fill("Script inventario");
    // Bootstrap Italia draws the checkbox on its label, which is what a person clicks
    await page.getByText("Leggere il registro delle attività").click();
    expect(await page.getByLabel(/Leggere il registro delle attività/).isChecked()).toBe(true);
    await page.getByLabel("Scadenza").selectOption("30");
    await page.getByRole("button", { name: "Crea il token" }).click();

    const secretField = page.getByLabel("Il tuo nuovo token");
    await secretField.waitFor();
    await page.getByText("è l'unica volta che viene mostrato").waitFor();
    const token = await secretField.inputValue();
    expect(token).toMatch(/^ctd_/);
    await expectNoAxeViolations(page, "API token shown once");

    const tokens = page.getByRole("table", { name: "Token API" });
    const row = tokens.getByRole("row", { name: /Script inventario/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(token.slice(0, 10));
    expect(await row.textContent()).toContain("audit:read");

    expect((await callWithToken(token, `/api/orgs/${orgId}/audit?limit=5`)).status).toBe(200);

    // once dismissed, the secret is gone from the page for good
    await page.getByRole("button", { name: "Ho copiato il token" }).click();
    await secretField.waitFor({ state: "detached" });
    expect(await page.content()).not.toContain(token);
    await page.reload();
    await row.waitFor();
    // the call above is recorded as the token's last use (cells: prefix, organisation, scopes, created, last used)
    expect(await row.locator("td").nth(4).textContent()).not.toBe("mai");

    await row.getByRole("button", { name: /Revoca/ }).click();
    await page.getByRole("button", { name: "Conferma" }).click();
    await page.getByText("Token Script inventario revocato.").waitFor();
    await page.getByText("Nessun token.").waitFor();
    expect((await callWithToken(token, `/api/orgs/${orgId}/audit?limit=5`)).status).toBe(401);
  });

  it("browses, filters and exports the audit log", async () => {
    const { page } = browser;
    await page.locator("#navigation").getByRole("link", { name: "Registro delle attività" }).click();
    await page.waitForURL(/\/amministrazione\/registro$/);
    const log = page.getByRole("table", { name: "Registro delle attività" });
    await log.getByRole("row", { name: /api_token\.revoke/ }).waitFor();
    await log.getByRole("row", { name: /auth\.sign_in|demo\.seed/ }).first().waitFor();
    await expectNoAxeViolations(page, "audit log");

    await page.getByLabel("Tipo di oggetto").selectOption("api_token");
    await page.getByRole("button", { name: "Applica i filtri" }).click();
    // the filtered page replaces the table once it has loaded: wait for its rows, not for the old ones to go
    await expect
      .poll(async () => (await log.locator("tbody tr td:nth-child(3)").allTextContents()).sort())
      .toEqual(["api_token.create", "api_token.revoke"]);

    await page.getByLabel("Azione", { exact: true }).fill("api_token.revoke");
    await page.getByRole("button", { name: "Applica i filtri" }).click();
    await expect.poll(() => log.locator("tbody tr").count()).toBe(1);

    // a range that ends before anything happened empties the list
    await page.getByLabel("Azione", { exact: true }).fill("");
    await page.getByLabel("Tipo di oggetto").selectOption("");
    await page.getByLabel("Dal giorno", { exact: true }).fill("2020-01-01");
    await page.getByLabel("Al giorno", { exact: true }).fill("2020-01-02");
    await page.getByRole("button", { name: "Applica i filtri" }).click();
    await page.getByText("Nessuna attività con questi filtri.").waitFor();

    await page.getByRole("button", { name: "Azzera" }).click();
    await log.getByRole("row", { name: /api_token\.create/ }).waitFor();

    // the export links download with the session; the server records the export itself
    const href = await page.getByRole("link", { name: "Esporta CSV" }).getAttribute("href");
    const csv = await page.evaluate(async (url) => {
      const response = await fetch(url!);
      return { type: response.headers.get("content-type"), body: await response.text() };
    }, href);
    expect(csv.type).toContain("text/csv");
    expect(csv.body).toContain("api_token.revoke");
    const json = await page.evaluate(async (url) => (await fetch(url)).json(), href!.replace("format=csv", "format=json"));
    expect(Array.isArray(json)).toBe(true);

    await page.reload();
    await log.getByRole("row", { name: /audit\.export/ }).first().waitFor();
    await page.getByRole("row", { name: /audit\.export/ }).first().getByText("Dettagli").click();
    await expectNoAxeViolations(page, "audit log with details open");
  });
});

const adminPages = [
  { path: "/organizzazione", nav: "Impostazioni dell'organizzazione" },
  { path: "/organizzazione/membri", nav: "Membri" },
  { path: "/amministrazione/registro", nav: "Registro delle attività" },
  { path: "/amministrazione/posta", nav: "Posta inviata" },
];

for (const email of ["lettore@comune.demo", "dipendente@comune.demo"]) {
  describe(`as ${email}`, () => {
    let browser: OpenBrowser;
    beforeAll(async () => {
      browser = await openBrowser();
      await signIn(browser.page, email);
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("is not offered the admin pages, and direct links say it is not allowed", async () => {
      const { page } = browser;
      const navigation = page.locator("#navigation");
      await navigation.getByRole("link", { name: "Token API" }).waitFor();
      for (const adminPage of adminPages) {
        expect(await navigation.getByRole("link", { name: adminPage.nav, exact: true }).count()).toBe(0);
      }
      for (const adminPage of adminPages) {
        await page.goto(adminPage.path);
        await page.getByRole("heading", { name: "Accesso non consentito" }).waitFor();
        await page.getByText("non consente di aprire questa pagina").waitFor();
        await expectNoAxeViolations(page, `${adminPage.path} as ${email}`);
      }
    });

    it("may still manage their own API tokens", async () => {
      const { page } = browser;
      await page.goto("/profilo/token");
      await page.getByRole("button", { name: "Crea il token" }).waitFor();
      await page.getByText("Nessun token.").waitFor();
    });
  });
}

describe("as the comune's auditor", () => {
  it("reads the audit log but is not offered the mail outbox", async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page, "revisore@comune.demo");
      const navigation = page.locator("#navigation");
      await navigation.getByRole("link", { name: "Registro delle attività" }).click();
      await page.getByRole("table", { name: "Registro delle attività" }).waitFor();
      expect(await navigation.getByRole("link", { name: "Posta inviata" }).count()).toBe(0);
      // settings are readable, not editable: the organisation's actions offer no "update"
      await navigation.getByRole("link", { name: "Impostazioni dell'organizzazione" }).click();
      await page.getByText("Puoi consultare questi dati ma non modificarli.").waitFor();
      expect(await page.getByRole("button", { name: "Salva" }).count()).toBe(0);
      await expectNoAxeViolations(page, "organisation settings as auditor");
    } finally {
      await browser.close();
    }
  });
});

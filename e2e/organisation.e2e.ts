import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// Organisation settings, relationships, members and invitations, as the demo comune's admin.

let server: RunningServer;
let browser: OpenBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  await signIn(browser.page, "admin@comune.demo");
});

/** Signs in over HTTP and returns the organisation the account acts for. */
async function currentOrgIdOf(email: string): Promise<string> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const session = (await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie } })).json()) as { currentOrgId: string };
  return session.currentOrgId;
}

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("organisation settings", () => {
  it("are offered in the navigation and show the comune's details", async () => {
    const { page } = browser;
    await page.locator("#navigation").getByRole("link", { name: "Impostazioni dell'organizzazione" }).click();
    await page.waitForURL(/\/organizzazione$/);
    await expect.poll(() => page.getByLabel("Nome", { exact: true }).inputValue()).toBe("Comune di Demo");
    expect(await page.getByLabel("Codice IPA").inputValue()).toBe("c_demo");
    expect(await page.getByLabel("Codice fiscale").inputValue()).toBe("80012345676");
    await expectNoAxeViolations(page, "organisation settings");
  });

  it("shows the server's reason on the IPA code field and keeps the stored value", async () => {
    const { page } = browser;
    await page.getByLabel("Codice IPA").fill("non valido!");
    await page.getByRole("button", { name: "Salva" }).click();
    const problem = page.locator("#org-ipa-error");
    await problem.waitFor();
    expect(await problem.textContent()).toContain("codice IPA non valido");
    expect(await page.getByLabel("Codice IPA").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page, "organisation settings with a field error");

    await page.reload();
    await expect.poll(() => page.getByLabel("Codice IPA").inputValue()).toBe("c_demo");
  });

  it("saves valid changes", async () => {
    const { page } = browser;
    await page.getByLabel("Nome", { exact: true }).fill("Comune di Demo (Cittadella)");
    await page.getByLabel("Codice IPA").fill("C_DEMO2");
    await page.getByRole("button", { name: "Salva" }).click();
    await page.getByText("Modifiche salvate.").waitFor();
    // the server normalises the IPA code and the form shows what was stored
    expect(await page.getByLabel("Codice IPA").inputValue()).toBe("c_demo2");
    await page.reload();
    await expect.poll(() => page.getByLabel("Nome", { exact: true }).inputValue()).toBe("Comune di Demo (Cittadella)");
  });

  it("lists, removes and adds related organisations", async () => {
    const { page } = browser;
    const table = page.getByRole("table", { name: "Organizzazioni collegate" });
    await table.getByRole("row", { name: /SIA Demo/ }).waitFor();
    await table.getByRole("row", { name: /Regione Demo/ }).waitFor();

    // the coordinator's admin passes on its organisation's identifier (here read through the API)
    const regioneId = await currentOrgIdOf("coordinatore@regione.demo");
    expect(regioneId).toMatch(/^[0-9a-f-]{36}$/);

    await table.getByRole("row", { name: /Regione Demo/ }).getByRole("button", { name: /Rimuovi/ }).click();
    await page.getByRole("button", { name: "Conferma" }).click();
    await page.getByText("Collegamento rimosso.").waitFor();
    await table.getByRole("row", { name: /Regione Demo/ }).waitFor({ state: "detached" });

    await page.getByLabel("Relazione").selectOption("coordinator_of");
    await page.getByLabel("Identificativo dell'altra organizzazione").fill("non-un-identificativo");
    await page.getByRole("button", { name: "Aggiungi", exact: true }).click();
    await page.locator("#relationship-other-error").waitFor();

    await page.getByLabel("Identificativo dell'altra organizzazione").fill(regioneId);
    await page.getByRole("button", { name: "Aggiungi", exact: true }).click();
    await page.getByText("Organizzazione collegata aggiunta.").waitFor();
    await table.getByRole("row", { name: /Regione Demo/ }).waitFor();
    await expectNoAxeViolations(page, "relationships");
  });
});

describe("members and invitations", () => {
  it("searches members on the server and changes a role", async () => {
    const { page } = browser;
    await page.locator("#navigation").getByRole("link", { name: "Membri" }).click();
    await page.waitForURL(/\/organizzazione\/membri$/);
    const members = page.getByRole("table", { name: /membri mostrati/ });
    await members.getByRole("row", { name: /Anna Amministratrice/ }).waitFor();
    await expectNoAxeViolations(page, "members");

    await page.getByLabel("Cerca per nome o email").fill("ottavio");
    await page.getByRole("button", { name: "Cerca" }).click();
    await members.getByRole("row", { name: /Ottavio Operatore/ }).waitFor();
    await expect.poll(() => members.locator("tbody tr").count()).toBe(1);

    // the admin's own row offers no role change (the API's actions say so)
    await page.getByLabel("Ruolo di Ottavio Operatore").selectOption("security_manager");
    await page.getByText("Ruolo di Ottavio Operatore cambiato in Responsabile della sicurezza.").waitFor();

    await page.reload();
    await page.getByLabel("Ruolo di Ottavio Operatore").waitFor();
    expect(await page.getByLabel("Ruolo di Ottavio Operatore").inputValue()).toBe("security_manager");
    expect(await page.getByLabel("Ruolo di Anna Amministratrice").count()).toBe(0);

    // where a member works: academy assignments and training reports group people by it
    const office = page.getByLabel("Ufficio di Ottavio Operatore");
    await office.fill("Ufficio Sistemi Informativi");
    await page.getByRole("button", { name: "Salva Ottavio Operatore" }).click();
    await page.getByText("Ufficio di Ottavio Operatore aggiornato.").waitFor();
    await page.reload();
    await page.getByLabel("Ufficio di Ottavio Operatore").waitFor();
    expect(await page.getByLabel("Ufficio di Ottavio Operatore").inputValue()).toBe("Ufficio Sistemi Informativi");
    await expectNoAxeViolations(page, "members with offices");
  });

  it("invites by email, lists the invitation and finds its mail in the outbox", async () => {
    const { page } = browser;
    await page.getByLabel("Email", { exact: true }).fill("nuova.collega@comune.demo");
    await page.getByLabel("Ruolo", { exact: true }).selectOption("it_operator");
    await page.getByRole("button", { name: "Invia l'invito" }).click();
    await page.getByText("Invito inviato a nuova.collega@comune.demo.").waitFor();
    const pending = page.getByRole("table", { name: "Inviti in attesa" });
    await pending.getByRole("row", { name: /nuova\.collega@comune\.demo/ }).waitFor();
    await expectNoAxeViolations(page, "members with an invitation");

    // the mail really went out through SMTP, and the outbox keeps a readable copy
    const received = await server.mail.waitFor("nuova.collega@comune.demo");
    expect(received.text).toContain("/invitations/");

    await page.locator("#navigation").getByRole("link", { name: "Posta inviata" }).click();
    await page.waitForURL(/\/amministrazione\/posta$/);
    const outbox = page.getByRole("table", { name: "Posta in uscita" });
    const row = outbox.getByRole("row", { name: /nuova\.collega@comune\.demo/ });
    await row.waitFor();
    await expectNoAxeViolations(page, "mail outbox");
    await row.getByRole("button", { name: /Leggi/ }).click();
    const reader = page.getByRole("article");
    await reader.waitFor();
    expect(await reader.textContent()).toMatch(/\/invitations\/[A-Za-z0-9_%-]+/);
    await expectNoAxeViolations(page, "mail outbox with a message open");
  });

  it("revokes a pending invitation", async () => {
    const { page } = browser;
    await page.goto("/organizzazione/membri");
    const pending = page.getByRole("table", { name: "Inviti in attesa" });
    const row = pending.getByRole("row", { name: /nuova\.collega@comune\.demo/ });
    await row.getByRole("button", { name: /Revoca/ }).click();
    await page.getByRole("button", { name: "Conferma" }).click();
    await page.getByText("Invito per nuova.collega@comune.demo revocato.").waitFor();
    await page.reload();
    await pending.getByText("Nessun invito in attesa.").waitFor();
  });
});

describe("switching organisation", () => {
  it("reloads the organisation pages for the organisation now current", async () => {
    const { page } = browser;
    // Anna registers a second organisation (she becomes its admin) and acts for it
    await page.evaluate(async () => {
      const session = await (await fetch("/api/auth/session")).json();
      const created = await fetch("/api/orgs", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
        body: JSON.stringify({ name: "Unione dei Comuni di Prova", type: "unione_comuni" }),
      });
      if (created.status !== 201) throw new Error(`create organisation: ${created.status}`);
    });
    await page.goto("/organizzazione/membri");
    await page.getByRole("row", { name: /Ottavio Operatore/ }).waitFor();

    await page.getByRole("combobox", { name: "Organizzazione", exact: true }).selectOption({ label: "Unione dei Comuni di Prova" });
    // the switcher takes the user to the dashboard of the organisation now current
    await page.waitForURL((u) => u.pathname === "/");
    await page.locator("#navigation").getByRole("link", { name: "Membri" }).waitFor();
    await page.locator("#navigation").getByRole("link", { name: "Membri" }).click();
    const members = page.getByRole("table", { name: /membri mostrati/ });
    await members.getByRole("row", { name: /Anna Amministratrice/ }).waitFor();
    await expect.poll(() => members.locator("tbody tr").count()).toBe(1);

    await page.locator("#navigation").getByRole("link", { name: "Impostazioni dell'organizzazione" }).click();
    await expect.poll(() => page.getByLabel("Nome", { exact: true }).inputValue()).toBe("Unione dei Comuni di Prova");
    await page.getByText("Nessuna organizzazione collegata.").waitFor();
  });
});

import { URI, type TOTP } from "otpauth";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// Profile changes, forced enrolment, invitations (new and existing accounts), the organisation
// switcher and the small-screen menu.

let server: RunningServer;
let browser: OpenBrowser;

beforeAll(async () => {
  server = await startServer();
});

afterEach(async () => {
  await browser?.close();
});

afterAll(async () => {
  await server?.stop();
});

/** Calls the API from the page, as the signed-in user (CSRF token from the session). */
async function callApi(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const script = `(async () => {
    const session = await (await fetch("/api/auth/session")).json();
    const response = await fetch(${JSON.stringify(path)}, {
      method: ${JSON.stringify(method)},
      headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
      body: ${body === undefined ? "undefined" : JSON.stringify(JSON.stringify(body))},
    });
    return { status: response.status, json: await response.json().catch(() => null) };
  })()`;
  return (await page.evaluate(script)) as { status: number; json: unknown };
}

const currentOrgId = (page: Page) => page.evaluate("fetch('/api/auth/session').then((r) => r.json()).then((s) => s.currentOrgId)") as Promise<string>;

describe("profile", () => {
  it("changes the name and the password, with strength feedback", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, "operatore@comune.demo");
    await page.goto("/profilo");
    await page.getByLabel("Nome e cognome").fill("Ottavio Operatore Rossi");
    await page.getByRole("button", { name: "Salva" }).click();
    await page.getByText("Modifiche salvate.").waitFor();
    await page.getByRole("link", { name: "Ottavio Operatore Rossi" }).waitFor();

    await page.getByLabel("Password attuale").first().fill("sbagliata-davvero");
    await page.getByLabel("Nuova password", { exact: true }).fill("Ponte-levatoio-di-pietra-77");
    await page.getByText(/Password accettabile/).waitFor();
    await page.getByLabel("Ripeti la nuova password").fill("Ponte-levatoio-di-pietra-77");
    await page.getByRole("button", { name: "Cambia password" }).click();
    await page.getByRole("alert").first().waitFor();
    await expectNoAxeViolations(page, "profile with a password error");
  });
});

describe("organisations requiring two-step verification for admins", () => {
  it("send an admin without it straight to enrolment", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, "coordinatore@regione.demo");
    const orgId = await currentOrgId(page);
    expect((await callApi(page, "PATCH", `/api/orgs/${orgId}`, { requireAdminMfa: true })).status).toBe(200);

    await page.goto("/");
    await page.waitForURL(/\/profilo\/verifica-in-due-passaggi$/);
    await page.getByText("La tua organizzazione richiede la verifica in due passaggi", { exact: false }).waitFor();
    await expectNoAxeViolations(page, "forced MFA enrolment");
    // nothing else opens until enrolment is done
    await page.goto("/profilo");
    await page.waitForURL(/\/profilo\/verifica-in-due-passaggi$/);

    const totp = URI.parse((await page.getByTestId("mfa-uri").textContent())!.trim()) as TOTP;
    await page.getByLabel("Codice di verifica").fill(totp.generate());
    await page.getByRole("button", { name: "Attiva", exact: true }).click();
    await page.getByRole("button", { name: "Ho conservato i codici, continua" }).click();
    await page.getByRole("heading", { level: 1, name: "Cruscotto" }).waitFor();
  });
});

describe("invitations", () => {
  it("let a new person create an account from the emailed link", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, "admin@comune.demo");
    const orgId = await currentOrgId(page);
    const invited = await callApi(page, "POST", `/api/orgs/${orgId}/invitations`, { email: "nuovo.dipendente@comune.demo", role: "employee" });
    expect(invited.status).toBe(201);
    await page.getByRole("button", { name: "Esci", exact: true }).click();
    await page.waitForURL(/\/accedi$/);

    const mail = await server.mail.waitFor("nuovo.dipendente@comune.demo");
    const link = new URL(mail.text.match(/https?:\/\/\S+/)![0]);
    await page.goto(`${link.pathname}${link.search}`);
    await page.waitForURL(/\/invito\?token=/);
    await page.getByText("Sei stato invitato a unirti a Comune di Demo con il ruolo Dipendente.").waitFor();
    await expectNoAxeViolations(page, "invitation for a new account");
    await page.getByLabel("Nome e cognome").fill("Nadia Nuova");
    await page.getByLabel("Nuova password", { exact: true }).fill("Bastione-sul-colle-1848");
    await page.getByLabel("Ripeti la nuova password").fill("Bastione-sul-colle-1848");
    await page.getByRole("button", { name: "Accetta l'invito" }).click();
    await page.getByText("Invito accettato. Benvenuto in Comune di Demo.").waitFor();
    await page.getByRole("button", { name: "Vai al cruscotto" }).click();
    await page.getByText("Benvenuto, Nadia Nuova.").waitFor();
  });

  it("let an existing user join a second organisation and switch between them", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, "tecnico@sia.demo");
    const siaId = await currentOrgId(page);
    expect((await callApi(page, "POST", `/api/orgs/${siaId}/invitations`, { email: "lettore@comune.demo", role: "viewer" })).status).toBe(201);
    await page.getByRole("button", { name: "Esci", exact: true }).click();
    await page.waitForURL(/\/accedi$/);

    const mail = await server.mail.waitFor("lettore@comune.demo");
    const link = new URL(mail.text.match(/https?:\/\/\S+/)![0]);
    await page.goto(`${link.pathname}${link.search}`);
    await page.getByText("Hai già un account con questo indirizzo", { exact: false }).waitFor();
    await page.getByRole("link", { name: "Accedi per accettare" }).click();
    await page.getByLabel("Email").fill("lettore@comune.demo");
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Accedi", exact: true }).click();
    await page.waitForURL(/\/invito\?token=/);
    await page.getByRole("button", { name: "Accetta l'invito" }).click();
    await page.getByText("Invito accettato. Benvenuto in SIA Demo.").waitFor();
    await page.getByRole("button", { name: "Vai al cruscotto" }).click();

    const switcher = page.getByLabel("Organizzazione", { exact: true });
    await switcher.waitFor();
    expect(await switcher.locator("option:checked").textContent()).toBe("SIA Demo");
    await expectNoAxeViolations(page, "dashboard with the organisation switcher");
    await switcher.selectOption({ label: "Comune di Demo" });
    await page.getByText("Stai operando per Comune di Demo con il ruolo Lettore.").waitFor();
    expect(await switcher.locator("option:checked").textContent()).toBe("Comune di Demo");
  });
});

describe("small screens", () => {
  it("fold the navigation behind a menu button", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await page.setViewportSize({ width: 375, height: 740 });
    await signIn(page, "revisore@comune.demo");
    const menu = page.getByRole("button", { name: "Menu" });
    const profileLink = page.locator("#navigation").getByRole("link", { name: "Profilo" });
    expect(await profileLink.isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    // really on screen, not slid out of view
    const box = await profileLink.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    await profileLink.click();
    await page.getByRole("heading", { level: 1, name: "Profilo" }).waitFor();
    await expectNoAxeViolations(page, "profile on a small screen");
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// Sign-in, sign-out, language and password reset, in Chromium against the real server.

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

const sessionStatus = (b: OpenBrowser) => b.page.evaluate("fetch('/api/auth/session').then((r) => r.status)");

describe("sign-in", () => {
  it("signs the admin in to the dashboard and out again", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await page.goto("/");
    // a visitor is sent to sign-in, with the page they wanted kept
    await page.waitForURL(/\/accedi\?next=%2F$/);
    await page.getByRole("heading", { level: 1, name: "Accedi a Cittadella" }).waitFor();
    expect(await page.title()).toBe("Accedi a Cittadella · Cittadella");
    await expectNoAxeViolations(page, "sign-in");

    await signIn(page, "admin@comune.demo");
    await page.getByRole("heading", { level: 1, name: "Cruscotto" }).waitFor();
    expect(await page.getByText("Benvenuto, Anna Amministratrice.").count()).toBe(1);
    expect(await page.getByText("Stai operando per Comune di Demo con il ruolo Amministratore.").count()).toBe(1);
    await expectNoAxeViolations(page, "dashboard");

    await page.getByRole("button", { name: "Esci", exact: true }).click();
    await page.waitForURL(/\/accedi$/);
    expect(await sessionStatus(browser)).toBe(401);
    await page.goto("/profilo");
    await page.waitForURL(/\/accedi\?next=%2Fprofilo$/);
  });

  it("announces a wrong password and stays signed out", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await page.goto("/accedi");
    await page.getByLabel("Email").fill("admin@comune.demo");
    await page.getByLabel("Password", { exact: true }).fill("non-e-la-password");
    await page.getByRole("button", { name: "Accedi", exact: true }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Email o password non corretti.");
    // the summary takes focus, so a screen reader reads it at once
    expect(await page.evaluate("document.activeElement?.getAttribute('role')")).toBe("alert");
    expect(page.url()).toMatch(/\/accedi$/);
    expect(await sessionStatus(browser)).toBe(401);
    await expectNoAxeViolations(page, "sign-in with an error");
  });

  it("pauses after repeated failures and says so, without locking the account for good", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await page.goto("/accedi");
    await page.getByLabel("Email").fill("revisore@comune.demo");
    await page.getByLabel("Password", { exact: true }).fill("tentativo-sbagliato");
    const alert = page.getByRole("alert");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByRole("button", { name: "Accedi", exact: true }).click();
      await alert.getByText("Email o password non corretti.").waitFor();
      // wait for the form to be ready again before the next try
      await page.getByRole("button", { name: "Accedi", exact: true }).and(page.locator(":enabled")).waitFor();
    }
    // even the right password waits now: the block is for this account from this address
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Accedi", exact: true }).click();
    await alert.getByText(/Troppi tentativi di accesso/).waitFor();
    expect(await sessionStatus(browser)).toBe(401);
    await expectNoAxeViolations(page, "sign-in paused");
  });

  it("can be done with the keyboard alone, starting from the skip link", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await page.goto("/accedi");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.textContent")).toBe("Vai al contenuto principale");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.getAttribute('name')")).toBe("email");
    await page.keyboard.type("admin@comune.demo");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.getAttribute('name')")).toBe("password");
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Cruscotto" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
  });
});

describe("language", () => {
  it("switches between Italian and English and remembers the choice", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await page.goto("/accedi");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in to Cittadella" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("true");
    await expectNoAxeViolations(page, "sign-in in English");

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Sign in to Cittadella" }).waitFor();

    // errors come from the server in the same language
    await page.getByLabel("Email").fill("admin@comune.demo");
    await page.getByLabel("Password", { exact: true }).fill("wrong-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByText("Wrong email or password.").waitFor();

    await page.getByRole("button", { name: "Italiano" }).click();
    await page.getByRole("heading", { level: 1, name: "Accedi a Cittadella" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("it");
  });

  it("saves a signed-in user's choice in the profile", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, "lettore@comune.demo");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    await expect.poll(() => page.evaluate("fetch('/api/auth/session').then((r) => r.json()).then((s) => s.user.locale)")).toBe("en");
    // a new browser follows the profile, not its own default
    const other = await openBrowser();
    try {
      await signIn(other.page, "lettore@comune.demo");
      await other.page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    } finally {
      await other.close();
    }
  });
});

describe("password reset", () => {
  it("mails a link that sets a new password, then the old one stops working", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await page.goto("/accedi");
    await page.getByRole("link", { name: "Password dimenticata?" }).click();
    await page.waitForURL(/\/recupera-password$/);
    await expectNoAxeViolations(page, "password reset request");
    await page.getByLabel("Email").fill("dipendente@comune.demo");
    await page.getByRole("button", { name: "Invia il link" }).click();
    await page.getByRole("status").getByText(/riceverai a breve un'email/).waitFor();

    const mail = await server.mail.waitFor("dipendente@comune.demo");
    const link = mail.text.match(/https?:\/\/\S+token=[A-Za-z0-9_%.-]+/)?.[0];
    expect(link, mail.text).toBeTruthy();
    const target = new URL(link!);
    await page.goto(`${target.pathname}${target.search}`);
    await page.waitForURL(/\/reimposta-password\?token=/);
    await page.getByRole("heading", { level: 1, name: "Scegli una nuova password" }).waitFor();

    // a weak password gets feedback from the server's strength check
    await page.getByLabel("Nuova password", { exact: true }).fill("password1");
    await page.getByText(/Robustezza della password/).waitFor();
    expect(await page.locator("#new-password-strength").textContent()).toContain("Non ancora sufficiente");
    await expectNoAxeViolations(page, "password reset confirm");

    const newPassword = "Torre-di-guardia-sul-fiume-42";
    await page.getByLabel("Nuova password", { exact: true }).fill(newPassword);
    await page.getByLabel("Ripeti la nuova password").fill(newPassword);
    await page.getByRole("button", { name: "Imposta la password" }).click();
    await page.getByText("Password aggiornata.", { exact: false }).waitFor();

    // the link works once
    await page.goto(`${target.pathname}${target.search}`);
    await page.getByLabel("Nuova password", { exact: true }).fill(newPassword);
    await page.getByLabel("Ripeti la nuova password").fill(newPassword);
    await page.getByRole("button", { name: "Imposta la password" }).click();
    await page.getByRole("alert").getByText(/non valido|scaduto|già usato/).waitFor();

    await page.goto("/accedi");
    await page.getByLabel("Email").fill("dipendente@comune.demo");
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Accedi", exact: true }).click();
    await page.getByText("Email o password non corretti.").waitFor();

    await signIn(page, "dipendente@comune.demo", newPassword);
    await page.getByRole("heading", { level: 1, name: "Cruscotto" }).waitFor();
  });
});

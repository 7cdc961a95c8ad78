import { URI, type TOTP } from "otpauth";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// Two-step verification: enrolment from the profile, then sign-in with a TOTP code or a recovery code.

let server: RunningServer;
let browser: OpenBrowser;
let totp: TOTP;
let recoveryCodes: string[] = [];

beforeAll(async () => {
  server = await startServer();
});

afterEach(async () => {
  await browser?.close();
});

afterAll(async () => {
  await server?.stop();
});

const email = "sicurezza@comune.demo";

describe("two-step verification", () => {
  it("is enrolled from the profile with the secret shown as text, and recovery codes shown once", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, email);
    await page.locator("#navigation").getByRole("link", { name: "Profilo" }).click();
    await page.getByRole("heading", { level: 1, name: "Profilo" }).waitFor();
    await page.getByRole("table", { name: "Dispositivi da cui hai effettuato l'accesso" }).waitFor();
    await expectNoAxeViolations(page, "profile");

    await page.getByRole("link", { name: "Attiva la verifica in due passaggi" }).click();
    await page.waitForURL(/\/profilo\/verifica-in-due-passaggi$/);
    const uri = (await page.getByTestId("mfa-uri").textContent())!.trim();
    const secret = (await page.getByTestId("mfa-secret").textContent())!.trim();
    totp = URI.parse(uri) as TOTP;
    expect(totp.secret.base32).toBe(secret);
    await expectNoAxeViolations(page, "MFA enrolment");

    await page.getByLabel("Codice di verifica").fill("000000");
    await page.getByRole("button", { name: "Attiva", exact: true }).click();
    await page.getByRole("alert").waitFor();
    await page.getByLabel("Codice di verifica").fill(totp.generate());
    await page.getByRole("button", { name: "Attiva", exact: true }).click();
    await page.getByText("Verifica in due passaggi attiva.").waitFor();
    recoveryCodes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
    expect(recoveryCodes.length).toBeGreaterThanOrEqual(8);
    await expectNoAxeViolations(page, "recovery codes");

    await page.getByRole("button", { name: "Ho conservato i codici, continua" }).click();
    await page.getByText("La verifica in due passaggi è attiva", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Esci", exact: true }).click();
    await page.waitForURL(/\/accedi$/);
  });

  it("asks for the code at sign-in and lets the user in with it", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, email, DEMO_PASSWORD, { expectMfa: true });
    await page.getByRole("heading", { level: 1, name: "Verifica in due passaggi" }).waitFor();
    await expectNoAxeViolations(page, "MFA verification");
    // a half-signed-in session cannot open the app
    await page.goto("/profilo");
    await page.waitForURL(/\/accedi\/verifica/);

    await page.getByLabel("Codice di verifica").fill("123456");
    await page.getByRole("button", { name: "Verifica", exact: true }).click();
    await page.getByText("Codice non valido.").waitFor();
    await expectNoAxeViolations(page, "MFA verification with an error");

    // the next period's code, accepted within the allowed drift and never a replay of the enrolment code
    await page.getByLabel("Codice di verifica").fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByRole("button", { name: "Verifica", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Profilo" }).waitFor();
  });

  it("accepts a recovery code once and says how many are left", async () => {
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, email, DEMO_PASSWORD, { expectMfa: true });
    await page.getByRole("button", { name: "Non hai l'app? Usa un codice di recupero" }).click();
    await page.getByLabel("Codice di recupero").fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "Verifica", exact: true }).click();
    await page.getByText(`te ne restano ${recoveryCodes.length - 1}`, { exact: false }).waitFor();
    await page.getByRole("button", { name: "Vai al cruscotto" }).click();
    await page.getByRole("heading", { level: 1, name: "Cruscotto" }).waitFor();
  });
});

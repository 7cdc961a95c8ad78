import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, openBrowser, signIn, startServer, type OpenBrowser, type RunningServer } from "./harness.ts";

// The organisation's training plan in the browser: the demo security manager reads the year's
// report (offices, hours per employee, the giunta on its own, export links), assigns a path to
// the employees, is told what is wrong when the form is incomplete, and the employee gets the
// mail. Also at phone width; axe on every page.

let server: RunningServer;
let manager: OpenBrowser;

beforeAll(async () => {
  server = await startServer();
  manager = await openBrowser();
});

afterAll(async () => {
  await manager?.close();
  await server?.stop();
});

describe("training plan", () => {
  it("shows the report by office, hours per employee and the management body, with exports", async () => {
    const page = manager.page;
    await signIn(page, "sicurezza@comune.demo");
    await page.goto("/formazione/report");
    await page.getByRole("heading", { level: 1, name: "Formazione: report" }).waitFor();
    const offices = page.getByRole("table", { name: "Per ufficio" });
    await offices.getByRole("rowheader", { name: "Giunta comunale" }).waitFor();
    expect(await offices.getByRole("rowheader").allTextContents()).toEqual(["Giunta comunale", "Ragioneria", "Segreteria generale", "Servizi informativi", "Ufficio Anagrafe"]);
    const board = page.getByRole("table", { name: "Formazione dei componenti dell'organo di gestione" });
    expect(await board.getByRole("rowheader").allTextContents()).toEqual(["Elena Assessora", "Marco Sindaco"]);
    await page.getByRole("table", { name: "Ore di formazione per dipendente" }).getByRole("rowheader", { name: "Diana Dipendente" }).waitFor();
    const csv = await page.getByRole("link", { name: "Ore per dipendente (CSV)" }).getAttribute("href");
    const res = await page.request.get(csv!);
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("Diana Dipendente");
    await expectNoAxeViolations(page, "training report");
  });

  it("assigns a path to the employees, naming what is missing first, and mails them", async () => {
    const page = manager.page;
    await page.goto("/formazione/assegnazioni");
    const list = page.getByRole("table", { name: "Assegnazioni dell'organizzazione" });
    await list.getByRole("rowheader").first().waitFor();
    expect(await list.getByRole("rowheader").count()).toBe(2);
    await expectNoAxeViolations(page, "assignments");

    // nothing chosen: the server names the fields, the form shows them
    await page.getByRole("button", { name: "Assegna", exact: true }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Percorso");

    await page.getByLabel("Percorso", { exact: true }).selectOption("cyberbullismo-scuole-famiglie");
    const due = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Da completare entro").fill(due);
    // Bootstrap Italia draws the checkbox on its label, which is what a person clicks
    await page.locator("label[for=role-employee]").click();
    expect(await page.getByRole("checkbox", { name: "Dipendente" }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Assegna", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Percorso assegnato a" }).waitFor();
    await list.getByRole("rowheader").nth(2).waitFor();
    expect(await list.getByRole("rowheader").count()).toBe(3);
    const mail = await server.mail.waitFor("dipendente@comune.demo");
    expect(mail.subject).toContain("nuovo percorso di formazione");
    await expectNoAxeViolations(page, "assignments after assigning");
  });

  it("fits a phone screen", async () => {
    const page = manager.page;
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/formazione/report");
    await page.getByRole("table", { name: "Per ufficio" }).waitFor();
    await expectNoAxeViolations(page, "training report at phone width");
  });
});

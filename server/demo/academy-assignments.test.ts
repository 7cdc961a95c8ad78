import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/helpers/test-app.ts";
import { signIn, TEST_PASSWORD } from "../../test/helpers/factories.ts";
import { todayInItaly } from "../modules/academy/assignment-status.ts";
import { seedDemo } from "./seed.ts";

// The demo comune's training plan on a fresh database: offices, the giunta, one assignment in
// progress (Diana completed it) and one overdue.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx.db, TEST_PASSWORD);
});
afterAll(() => t.close());

describe("demo training plan", () => {
  it("shows the security manager assignments in progress and overdue, by office, with the giunta on its own", async () => {
    const manager = await signIn(t.app, "sicurezza@comune.demo");
    const [org] = (await t.app.inject({ method: "GET", url: "/api/orgs", headers: manager.headers })).json().items;
    const list = (await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/academy/assignments`, headers: manager.headers })).json().items;
    expect(list.map((a: { pathSlug: string; assigned: number; completed: number; overdue: number }) => [a.pathSlug, a.assigned, a.completed, a.overdue])).toEqual([
      ["incidenti-in-ufficio", 3, 1, 0],
      ["sicurezza-digitale-di-base", 4, 0, 4],
    ]);
    const report = (await t.app.inject({ method: "GET", url: `/api/orgs/${org.id}/academy/report`, headers: manager.headers })).json();
    expect(report.offices.map((o: { office: string }) => o.office)).toEqual(["Giunta comunale", "Ragioneria", "Segreteria generale", "Servizi informativi", "Ufficio Anagrafe"]);
    expect(report.managementBody.members.map((m: { name: string }) => m.name)).toEqual(["Elena Assessora", "Marco Sindaco"]);
    const diana = report.employees.find((e: { name: string }) => e.name === "Diana Dipendente");
    // Diana's training happened 12 and 3 days ago: this year's, unless the year has just begun
    if (Number(todayInItaly().slice(5, 7)) > 1 || Number(todayInItaly().slice(8)) > 12) expect(diana.minutes).toBeGreaterThan(0);
    expect(diana).toMatchObject({ office: "Ufficio Anagrafe", assigned: 1, completed: 1 });
  });

  it("shows the demo employee her assignment, completed", async () => {
    const diana = await signIn(t.app, "dipendente@comune.demo");
    const mine = (await t.app.inject({ method: "GET", url: "/api/academy/my-assignments", headers: diana.headers })).json().items;
    expect(mine.map((a: { pathSlug: string; status: string }) => [a.pathSlug, a.status])).toEqual([["incidenti-in-ufficio", "completed"]]);
  });
});

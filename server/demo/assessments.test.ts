import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/helpers/test-app.ts";
import { signIn, TEST_PASSWORD } from "../../test/helpers/factories.ts";
import { eq } from "drizzle-orm";
import { organisations, users } from "../modules/identity/identity.tables.ts";
import { seedDemo } from "./seed.ts";

// The demo comune's assessments on a fresh database: what a visitor sees on first start.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // how long seeding takes is a benchmark's business (first start), not a timed unit test's
  await seedDemo(t.ctx.db, TEST_PASSWORD);
});
afterAll(() => t.close());

const comuneId = async () => (await t.ctx.db.select().from(organisations).where(eq(organisations.ipaCode, "c_demo")))[0]!.id;
const get = (headers: Record<string, string>, url: string) => t.app.inject({ method: "GET", url, headers });

describe("demo assessments", () => {
  it("gives the comune last year's approved assessment and this year's draft with real scores and gaps", async () => {
    const manager = await signIn(t.app, "sicurezza@comune.demo");
    const orgId = await comuneId();
    const list = (await get(manager.headers, `/api/orgs/${orgId}/assessments`)).json().items;
    const year = new Date().getUTCFullYear();
    expect(list.map((a: { title: string; status: string }) => [a.title, a.status])).toEqual([
      [`Misure di base NIS2 ${year}`, "draft"],
      [`Misure di base NIS2 ${year - 1}`, "approved"],
    ]);
    const [draft, approved] = list;
    expect(draft.previousId).toBe(approved.id);
    expect(approved).toMatchObject({ frameworkId: "acn-nis2-misure-base", level: "importanti", approvedByName: "Anna Amministratrice" });

    const last = (await get(manager.headers, `/api/orgs/${orgId}/assessments/${approved.id}/results`)).json();
    const now = (await get(manager.headers, `/api/orgs/${orgId}/assessments/${draft.id}/results`)).json();
    expect(last.overall).toMatchObject({ requirements: 87, answered: 87, notApplicable: 1 });
    expect(last.overall.compliancePercent).toBeGreaterThan(20);
    expect(last.overall.compliancePercent).toBeLessThan(80);
    expect(now.overall.answered).toBeGreaterThan(40);
    expect(now.overall.answered).toBeLessThan(87);
    // functions differ, so the radar and the heat map have a shape
    expect(new Set(last.functions.map((f: { averageCurrentMaturity: number }) => f.averageCurrentMaturity)).size).toBeGreaterThan(2);
    expect(last.gaps.length).toBeGreaterThan(10);
  });

  it("assigns part of the draft to the IT provider's technician, who answered some of it", async () => {
    const technician = await signIn(t.app, "tecnico@sia.demo");
    const orgId = await comuneId();
    const [user] = await t.ctx.db.select().from(users).where(eq(users.email, "tecnico@sia.demo"));
    const seen = (await get(technician.headers, `/api/orgs/${orgId}/assessments`)).json().items;
    expect(seen).toHaveLength(1);
    const draft = (await get(technician.headers, `/api/orgs/${orgId}/assessments/${seen[0].id}`)).json();
    expect(draft.answerable.length).toBeGreaterThan(5);
    expect(draft.answerable.every((id: string) => /^(PR|DE)\./.test(id))).toBe(true);
    expect(draft.answers.some((a: { answeredBy: string }) => a.answeredBy === user!.id)).toBe(true);
    const comments = (await get(technician.headers, `/api/orgs/${orgId}/assessments/${seen[0].id}/comments`)).json().items;
    expect(comments).toHaveLength(2);
    const evidence = (await get(technician.headers, `/api/orgs/${orgId}/assessments/${seen[0].id}/evidence`)).json().items;
    expect(evidence.map((e: { expired: boolean }) => e.expired).sort()).toEqual([false, true]);
  });

  it("lets Regione Demo compare its comuni and the demo comune see its peers' median", async () => {
    const coordinator = await signIn(t.app, "coordinatore@regione.demo");
    const [regione] = await t.ctx.db.select().from(organisations).where(eq(organisations.ipaCode, "r_demo"));
    const { items } = (await get(coordinator.headers, `/api/orgs/${regione!.id}/coordinated-assessments`)).json();
    const shared = items.filter((i: { assessments: unknown[] }) => i.assessments.length > 0);
    expect(items).toHaveLength(6);
    // the comune that did not share upward is listed without any assessment
    expect(shared).toHaveLength(5);
    const figures = shared.map((i: { assessments: { compliancePercent: number }[] }) => i.assessments[0]!.compliancePercent);
    expect(new Set(figures).size).toBeGreaterThan(3);

    const manager = await signIn(t.app, "sicurezza@comune.demo");
    const orgId = await comuneId();
    const approved = (await get(manager.headers, `/api/orgs/${orgId}/assessments`)).json().items.find((a: { status: string }) => a.status === "approved");
    const benchmark = (await get(manager.headers, `/api/orgs/${orgId}/assessments/${approved.id}/benchmark`)).json();
    expect(benchmark).toMatchObject({ available: true, contributors: 5 });
    expect(benchmark.overall.q1).toBeLessThan(benchmark.overall.q3);
    expect(benchmark.functions).toHaveLength(6);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/helpers/test-app.ts";
import { signIn, TEST_PASSWORD } from "../../test/helpers/factories.ts";
import { seedDemo } from "./seed.ts";

// The demo comune's learners on a fresh database: one certificate earned, work in progress.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx.db, TEST_PASSWORD, { publicUrl: "https://demo.example.it" });
});
afterAll(() => t.close());

const get = (headers: Record<string, string>, url: string) => t.app.inject({ method: "GET", url, headers });

describe("demo academy", () => {
  it("gives the demo employee a certificate anyone can verify, and a path in progress", async () => {
    const diana = await signIn(t.app, "dipendente@comune.demo");
    const certificates = (await get(diana.headers, "/api/academy/my/certificates")).json().items;
    expect(certificates).toHaveLength(1);
    expect(certificates[0]).toMatchObject({ learnerName: "Diana Dipendente", pathSlug: "incidenti-in-ufficio" });
    const verified = await get({}, `/api/academy/certificates/${certificates[0].code}`);
    expect(verified.json()).toMatchObject({ learnerName: "Diana Dipendente", valid: true });
    const basics = (await get(diana.headers, "/api/academy/paths/sicurezza-digitale-di-base/progress")).json();
    expect(basics.completed).toBe(false);
    expect(basics.modules[0].items.find((i: { id: string }) => i.id === "phishing-articolo").status).toBe("completed");
  });

  it("shows the security manager the comune's learning record, the operator's failed quiz included", async () => {
    const manager = await signIn(t.app, "sicurezza@comune.demo");
    const res = await get(manager.headers, "/api/academy/statements?scope=organisation");
    const statements = res.json().statements as { verb: { id: string }; actor: { account: { homePage: string } } }[];
    expect(statements.map((s) => s.verb.id.split("/").at(-1)).sort()).toEqual(["completed", "completed", "experienced", "experienced", "failed", "passed"]);
    expect(statements.every((s) => s.actor.account.homePage === "https://demo.example.it")).toBe(true);
    // the demo is published once: seeding added nothing to what the template's first start published
    expect((await get({}, "/api/academy/paths")).json().items).toHaveLength(3);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { orgWithUser } from "../../../test/helpers/factories.ts";

// The frameworks the web app renders its questions from: the shipped catalogs, read through the API.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("frameworks", () => {
  it("lists the shipped frameworks with their levels, maturity scale and requirement counts per level", async () => {
    const { session } = await orgWithUser(t.app, t.ctx.db, "employee");
    const res = await t.app.inject({ method: "GET", url: "/api/frameworks", headers: session.headers });
    expect(res.statusCode).toBe(200);
    const items: { id: string; levels?: { id: string }[]; maturityScale: unknown[]; requirementCounts: Record<string, Record<string, number>> }[] = res.json().items;
    expect(items.map((f) => f.id).sort()).toEqual(["acn-nis2-misure-base", "agid-misure-minime", "nist-csf-2.0"]);
    const acn = items.find((f) => f.id === "acn-nis2-misure-base")!;
    expect(acn.levels?.map((l) => l.id)).toEqual(["importanti", "essenziali"]);
    // 37 measures / 87 requirements for soggetti importanti, 43 / 116 for essenziali (ACN annexes)
    expect(Object.values(acn.requirementCounts.importanti!)).toEqual(expect.arrayContaining([37, 87]));
    expect(Object.values(acn.requirementCounts.essenziali!)).toEqual(expect.arrayContaining([43, 116]));
    const csf = items.find((f) => f.id === "nist-csf-2.0")!;
    expect(Object.values(csf.requirementCounts.all!)).toEqual([6, 22, 106]);
    expect(csf.maturityScale).toHaveLength(4);
    expect(res.body).not.toContain('"requirements"');
  });

  it("gives one framework's whole tree, and a clear 404 for an unknown one", async () => {
    const { session } = await orgWithUser(t.app, t.ctx.db, "viewer");
    const res = await t.app.inject({ method: "GET", url: "/api/frameworks/nist-csf-2.0", headers: session.headers });
    expect(res.statusCode).toBe(200);
    const csf = res.json();
    expect(csf.requirements.map((f: { id: string }) => f.id)).toEqual(["GV", "ID", "PR", "DE", "RS", "RC"]);
    const govern = csf.requirements[0];
    expect(govern.title.it).toBeTruthy();
    expect(govern.children[0].children[0].id).toMatch(/^GV\.[A-Z]{2}-\d{2}$/);
    expect((await t.app.inject({ method: "GET", url: "/api/frameworks/iso-27001", headers: session.headers })).statusCode).toBe(404);
  });

  it("needs a signed-in user", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/frameworks" })).statusCode).toBe(401);
  });
});

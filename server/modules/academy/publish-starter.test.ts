import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { academyPaths } from "./academy.tables.ts";
import { loadPathPackages } from "./content/starter-curriculum.ts";
import { publishStarterCurriculum } from "./publish-starter.ts";

// The starter curriculum is published on first start (the test template already ran that start,
// test/global-setup.ts): a second start adds nothing, a new version is added beside the old one.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const versions = () => t.ctx.db.select().from(academyPaths).orderBy(academyPaths.slug, academyPaths.version);

describe("publishing the starter curriculum", () => {
  it("publishes every path once, public and platform-wide; starting again adds nothing", async () => {
    const shipped = await loadPathPackages();
    const rows = await versions();
    expect(rows.map((r) => `${r.slug}@${r.version}:${r.status}`)).toEqual(shipped.map((p) => `${p.id}@${p.version}:published`).sort());
    expect(rows.every((r) => r.ownerOrgId === null && r.visibility === "public" && r.createdBy === null && r.publishedAt !== null)).toBe(true);
    expect(await publishStarterCurriculum(t.ctx.db)).toBe(0);
    expect((await versions()).map((r) => r.id)).toEqual(rows.map((r) => r.id));

    // on an empty table (a database the template did not prepare) the first start publishes all
    await t.ctx.db.delete(academyPaths);
    expect(await publishStarterCurriculum(t.ctx.db)).toBe(shipped.length);
    expect(await publishStarterCurriculum(t.ctx.db)).toBe(0);
    expect(await versions()).toHaveLength(shipped.length);
  });

  it("adds a new version of a path beside the old one, and learners get the newest", async () => {
    const shipped = await loadPathPackages();
    const source = shipped.find((p) => p.id === "cyberbullismo-scuole-famiglie")!;
    const newer = { ...source, version: "1.1.0", title: "Cyberbullismo: edizione aggiornata" };
    expect(await publishStarterCurriculum(t.ctx.db, [...shipped, newer])).toBe(1);
    const rows = await t.ctx.db.select().from(academyPaths).where(eq(academyPaths.slug, source.id));
    expect(rows.map((r) => r.version).sort()).toEqual(["1.0.0", "1.1.0"]);
    const res = await t.app.inject({ method: "GET", url: "/api/academy/paths/cyberbullismo-scuole-famiglie" });
    expect(res.json()).toMatchObject({ version: "1.1.0", title: "Cyberbullismo: edizione aggiornata" });
    const list = await t.app.inject({ method: "GET", url: "/api/academy/paths" });
    expect(list.json().items.filter((p: { slug: string }) => p.slug === source.id).map((p: { version: string }) => p.version)).toEqual(["1.1.0"]);
  });
});

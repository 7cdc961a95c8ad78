import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../test/helpers/test-app.ts";
import { signIn, TEST_PASSWORD } from "../../test/helpers/factories.ts";
import { organisations } from "../modules/identity/identity.tables.ts";
import { risks } from "../modules/risks/risks.tables.ts";
import { seedDemo } from "./seed.ts";

// The demo comune's register and roadmap on a fresh database: what a visitor sees on first start.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx.db, TEST_PASSWORD);
});
afterAll(() => t.close());

const orgIdOf = async (name: string) => (await t.ctx.db.select().from(organisations).where(eq(organisations.name, name)))[0]!.id;
const get = (headers: Record<string, string>, url: string) => t.app.inject({ method: "GET", url, headers });

interface Action {
  ref: string;
  ownerOrgId: string;
  late: boolean;
  status: string;
  riskIds: string[];
  gaps: unknown[];
  dependsOnIds: string[];
  priority: { level: string; reason: string; override: unknown };
}

describe("demo register and roadmap", () => {
  it("gives the comune twenty scored risks and fifteen actions, some by SIA Demo, some late, linked to risks and gaps", async () => {
    const comuneId = await orgIdOf("Comune di Demo");
    const siaId = await orgIdOf("SIA Demo");
    const register = await t.ctx.db.select().from(risks).where(eq(risks.orgId, comuneId));
    expect(register).toHaveLength(20);
    expect(new Set(register.map((r) => r.inherentLevel)).size).toBeGreaterThanOrEqual(3);

    const manager = await signIn(t.app, "sicurezza@comune.demo");
    const items: Action[] = (await get(manager.headers, `/api/orgs/${comuneId}/actions?limit=200`)).json().items;
    expect(items).toHaveLength(15);
    expect(items.filter((a) => a.ownerOrgId === siaId).length).toBeGreaterThanOrEqual(5);
    expect(items.filter((a) => a.late).length).toBeGreaterThanOrEqual(3);
    expect(items.every((a) => a.riskIds.length > 0)).toBe(true);
    expect(items.filter((a) => a.gaps.length > 0).length).toBeGreaterThanOrEqual(8);
    expect(items.some((a) => a.dependsOnIds.length > 0)).toBe(true);
    expect(items.some((a) => a.priority.override !== null)).toBe(true);
    expect(new Set(items.map((a) => a.priority.level)).size).toBeGreaterThanOrEqual(3);
    expect(items[0]!.priority.reason).toMatch(/^Riduce R-\d+ da \w+ a \w+/);

    // the provider's technician sees SIA Demo's actions only
    const technician = await signIn(t.app, "tecnico@sia.demo");
    const theirs: Action[] = (await get(technician.headers, `/api/orgs/${comuneId}/actions?limit=200`)).json().items;
    expect(theirs.map((a) => a.ref)).toEqual(items.filter((a) => a.ownerOrgId === siaId).map((a) => a.ref));
  });
});

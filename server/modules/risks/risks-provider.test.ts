import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { orgWithUser, relate, signIn, makeUser } from "../../../test/helpers/factories.ts";
import { actionRisks, improvementActions } from "./risks.tables.ts";
import { caller, riskBody } from "./risks.test-helper.ts";

// The IT provider reads only the risks linked to the actions it carries out, and of those only
// the title and the level; the coordinator reads nothing of the register.

let t: TestApp;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  t = await createTestApp();
  call = caller(t.app);
});
afterAll(() => t.close());

describe("the IT provider and the coordinator", () => {
  it("see only what the provider's actions need", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const base = `/api/orgs/${org.id}/risks`;
    const linked = (await call(session, "POST", base, riskBody({ title: "Vulnerabilità VPN", threatId: "unpatched-vulnerability", description: "Dettagli interni riservati", treatmentNotes: "Note riservate" }))).json();
    const ownOnly = (await call(session, "POST", base, riskBody({ title: "Abuso interno", threatId: "insider-misuse" }))).json();
    const provider = await orgWithUser(t.app, t.ctx.db, "it_operator", { type: "it_provider" });
    await relate(t.ctx.db, "provider_of", provider.org.id, org.id);
    const providerSession = await signIn(t.app, provider.user.email);
    const [providerAction] = await t.ctx.db.insert(improvementActions).values({ orgId: org.id, ownerOrgId: provider.org.id, number: 1, title: "Aggiornare la VPN", csfFunction: "protect" }).returning();
    const [entityAction] = await t.ctx.db.insert(improvementActions).values({ orgId: org.id, ownerOrgId: org.id, number: 2, title: "Formazione", csfFunction: "protect" }).returning();
    await t.ctx.db.insert(actionRisks).values([
      { actionId: providerAction!.id, riskId: linked.id },
      { actionId: entityAction!.id, riskId: linked.id },
      { actionId: entityAction!.id, riskId: ownOnly.id },
    ]);

    const list = await call(providerSession, "GET", base);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((r: { id: string }) => r.id)).toEqual([linked.id]);
    const seen = (await call(providerSession, "GET", `${base}/${linked.id}`)).json();
    expect(seen).toMatchObject({ title: "Vulnerabilità VPN", inherent: { level: "critical" }, description: null, treatmentNotes: null, gaps: [], actions: ["read"] });
    // only its own action, not the entity's
    expect(seen.actionIds).toEqual([providerAction!.id]);
    expect(JSON.stringify(seen)).not.toContain("riservat");
    expect((await call(providerSession, "GET", `${base}/${ownOnly.id}`)).statusCode).toBe(404);
    expect((await call(providerSession, "GET", `${base}/${linked.id}/history`)).statusCode).toBe(403);
    expect((await call(providerSession, "PATCH", `${base}/${linked.id}`, { title: "Cambiato" })).statusCode).toBe(403);
    expect((await call(providerSession, "PATCH", `${base}/${ownOnly.id}`, { title: "Cambiato" })).statusCode).toBe(404);
    for (const path of ["heatmap", "export.xlsx", "report.pdf"]) expect((await call(providerSession, "GET", `${base}/${path}`)).statusCode).toBe(404);
    expect((await call(providerSession, "POST", base, riskBody())).statusCode).toBe(404);

    // the entity sees every action linked to the risk
    expect((await call(session, "GET", `${base}/${linked.id}`)).json().actionIds).toEqual([providerAction!.id, entityAction!.id].sort());

    const coordinator = await orgWithUser(t.app, t.ctx.db, "admin", { type: "regione" });
    await relate(t.ctx.db, "coordinator_of", coordinator.org.id, org.id);
    const coordinatorSession = await signIn(t.app, coordinator.user.email);
    expect((await call(coordinatorSession, "GET", base)).statusCode).toBe(404);
    expect((await call(coordinatorSession, "GET", `${base}/${linked.id}`)).statusCode).toBe(404);

    // another provider's user sees nothing, not even the list
    const stranger = await makeUser(t.ctx.db, (await orgWithUser(t.app, t.ctx.db, "admin", { type: "it_provider" })).org.id, "admin");
    expect((await call(await signIn(t.app, stranger.email), "GET", base)).statusCode).toBe(404);
  });
});

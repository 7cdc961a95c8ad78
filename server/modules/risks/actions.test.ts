import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeOrganisation, makeStoredFile, makeUser, orgWithUser, relate, signIn, type SignedIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { buildRegistry } from "../assessments/catalogs/catalog-loader.ts";
import { installCatalogRegistry } from "../assessments/catalog-registry.ts";
import { testCatalog } from "../assessments/test-catalog.fixture.ts";
import { improvementActions } from "./risks.tables.ts";
import { makeAssessment, makeRisk } from "./roadmap.test-helper.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  installCatalogRegistry(t.ctx, buildRegistry([testCatalog]));
});
afterAll(() => t.close());

type Method = "GET" | "POST" | "PATCH" | "DELETE";
const call = (session: SignedIn, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { ...session.headers, "accept-language": "it" }, ...(payload ? { payload } : {}) });

/** An entity with its admin, its IT provider's technician, and a second client of the same provider. */
async function setup() {
  const db = t.ctx.db;
  const entity = await orgWithUser(t.app, db, "admin");
  const provider = await makeOrganisation(db, { type: "it_provider", name: "SIA Prova" });
  await relate(db, "provider_of", provider.id, entity.org.id);
  const technician = await makeUser(db, provider.id, "it_operator", { name: "Tecnico Fornitore" });
  const techSession = await signIn(t.app, technician.email);
  const otherClient = await orgWithUser(t.app, db, "admin");
  await relate(db, "provider_of", provider.id, otherClient.org.id);
  const url = `/api/orgs/${entity.org.id}/actions`;
  return { ...entity, provider, technician, techSession, otherClient, url };
}

const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; fields: { field: string; reason: string }[] } }).error;

describe("roadmap actions", () => {
  it("creates, reads, lists, changes and removes an action, auditing each change", async () => {
    const { org, session, url } = await setup();
    const risk = await makeRisk(t.ctx.db, org.id, { inherent: [4, 4, "high"], residual: [1, 2, "low"] });
    const assessment = await makeAssessment(t.ctx.db, org.id);
    const created = await call(session, "POST", url, {
      title: "Backup immutabili dei server comunali",
      csfFunction: "recover",
      riskIds: [risk.id],
      gaps: [{ assessmentId: assessment.id, requirementId: "PR.AA-01" }],
      effort: "medium",
      estimatedCostCents: 1_250_000,
      startOn: "2026-01-10",
      dueOn: "2026-03-31",
    });
    expect(created.statusCode).toBe(201);
    const action = created.json();
    expect(action).toMatchObject({
      ref: `A-${action.number}`,
      csfFunction: "recover",
      ownerOrgId: org.id,
      ownerOrgName: org.name,
      riskIds: [risk.id],
      gaps: [{ assessmentId: assessment.id, requirementId: "PR.AA-01" }],
      estimatedCostCents: 1_250_000,
      status: "planned",
      late: true,
      priority: { level: "high", derivedLevel: "high", override: null },
    });
    expect(action.priority.reason).toBe(`Riduce R-${risk.number} da alto a basso`);
    expect(action.actions).toEqual(expect.arrayContaining(["read", "update", "delete", "overridePriority"]));

    const read = await call(session, "GET", `${url}/${action.id}`);
    expect(read.json()).toEqual(action);

    const done = await call(session, "PATCH", `${url}/${action.id}`, { status: "done", progress: 100, title: "Backup immutabili" });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: "done", progress: 100, title: "Backup immutabili", late: false });
    expect(done.json().completedAt).not.toBeNull();

    await call(session, "POST", url, { title: "Formazione anti-phishing", csfFunction: "protect" });
    const all = await call(session, "GET", url);
    expect(all.json().items.map((a: { title: string }) => a.title)).toEqual(["Backup immutabili", "Formazione anti-phishing"]);
    const doneOnly = await call(session, "GET", `${url}?status=done&riskId=${risk.id}`);
    expect(doneOnly.json().items.map((a: { id: string }) => a.id)).toEqual([action.id]);
    const page = await call(session, "GET", `${url}?limit=1`);
    expect(page.json().items).toHaveLength(1);
    const next = await call(session, "GET", `${url}?limit=1&cursor=${page.json().nextCursor}`);
    expect(next.json()).toMatchObject({ items: [{ title: "Formazione anti-phishing" }], nextCursor: null });

    const summary = await call(session, "GET", `/api/orgs/${org.id}/roadmap/summary`);
    expect(summary.json()).toMatchObject({ byStatus: { done: 1, planned: 1, blocked: 0 }, byFunction: { recover: 1, protect: 1 }, late: 0, totalCostCents: 1_250_000 });

    expect((await call(session, "DELETE", `${url}/${action.id}`)).statusCode).toBe(200);
    expect((await call(session, "GET", `${url}/${action.id}`)).statusCode).toBe(404);
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.entityId, action.id))).orderBy(auditLog.seq);
    expect(audit.map((a) => a.action)).toEqual(["roadmap.action_create", "roadmap.action_update", "roadmap.action_delete"]);
    expect(audit[1]!.before).toMatchObject({ status: "planned" });
    expect(audit[1]!.after).toMatchObject({ status: "done", riskIds: [risk.id] });
  });

  it("lists the timeline's window and what is late", async () => {
    const { session, url } = await setup();
    const make = (title: string, startOn: string | undefined, dueOn: string | undefined, status = "planned") =>
      call(session, "POST", url, { title, csfFunction: "identify", status, ...(startOn ? { startOn } : {}), ...(dueOn ? { dueOn } : {}) });
    await make("Inventario", "2030-01-01", "2030-02-28");
    await make("Analisi", "2030-03-01", "2030-06-30");
    await make("Solo scadenza", undefined, "2030-04-15");
    await make("Scaduta", "2020-01-01", "2020-02-01");
    await make("Scaduta ma fatta", "2020-01-01", "2020-02-01", "done");
    const window = await call(session, "GET", `${url}?from=2030-02-15&to=2030-04-30`);
    expect(window.json().items.map((a: { title: string }) => a.title)).toEqual(["Inventario", "Analisi", "Solo scadenza"]);
    const late = await call(session, "GET", `${url}?late=true`);
    expect(late.json().items.map((a: { title: string; late: boolean }) => [a.title, a.late])).toEqual([["Scaduta", true]]);
    expect((await call(session, "GET", `${url}?q=scadut`)).json().items).toHaveLength(2);
  });

  it("refuses bad input naming the field, and changes nothing", async () => {
    const { org, session, url, otherClient } = await setup();
    const own = await makeAssessment(t.ctx.db, org.id);
    const foreign = await makeAssessment(t.ctx.db, otherClient.org.id);
    const foreignRisk = await makeRisk(t.ctx.db, otherClient.org.id, { inherent: [3, 3, "medium"] });
    const foreignAction = await call(otherClient.session, "POST", `/api/orgs/${otherClient.org.id}/actions`, { title: "Altrui", csfFunction: "govern" });
    const stranger = await makeUser(t.ctx.db, otherClient.org.id, "it_operator");
    const base = { title: "Azione", csfFunction: "protect" };
    const cases: [object, string, string][] = [
      [{ startOn: "2026-05-01", dueOn: "2026-04-30" }, "body.dueOn", "scadenza"],
      [{ gaps: [{ assessmentId: foreign.id, requirementId: "PR.AA-01" }] }, "body.gaps[0].assessmentId", ""],
      [{ gaps: [{ assessmentId: own.id, requirementId: "XX.YY-99" }] }, "body.gaps[0].requirementId", "XX.YY-99"],
      [{ riskIds: [foreignRisk.id] }, "body.riskIds[0]", "rischio"],
      [{ dependsOnIds: [foreignAction.json().id] }, "body.dependsOnIds[0]", "azione"],
      [{ ownerOrgId: otherClient.org.id }, "body.ownerOrgId", "fornitore"],
      [{ ownerUserId: stranger.id }, "body.ownerUserId", "membro"],
      [{ csfFunction: "pray" }, "body.csfFunction", ""],
      [{ progress: 101 }, "body.progress", ""],
      [{ priorityOverride: { level: "high" } }, "body.priorityOverride.reason", ""],
    ];
    for (const [extra, field, words] of cases) {
      const res = await call(session, "POST", url, { ...base, ...extra });
      expect(res.statusCode, field).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, field).toBeLessThan(500);
      const error = errorOf(res);
      expect(error.fields[0]?.field, JSON.stringify(error)).toBe(field);
      expect(error.fields[0]!.reason).toContain(words);
    }
    expect(await t.ctx.db.select().from(improvementActions).where(eq(improvementActions.orgId, org.id))).toEqual([]);

    const created = (await call(session, "POST", url, { ...base, startOn: "2026-05-01" })).json();
    const before = await t.ctx.db.select().from(improvementActions).where(eq(improvementActions.id, created.id));
    const res = await call(session, "PATCH", `${url}/${created.id}`, { title: "Cambiata", dueOn: "2026-04-01" });
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).fields[0]!.field).toBe("body.dueOn");
    expect(await t.ctx.db.select().from(improvementActions).where(eq(improvementActions.id, created.id))).toEqual(before);
  });

  it("refuses a dependency on itself or through a cycle (A-1 -> A-2 -> A-3 -> A-1)", async () => {
    const { session, url } = await setup();
    const a = (await call(session, "POST", url, { title: "Prima", csfFunction: "identify" })).json();
    const b = (await call(session, "POST", url, { title: "Seconda", csfFunction: "protect", dependsOnIds: [a.id] })).json();
    const c = (await call(session, "POST", url, { title: "Terza", csfFunction: "detect", dependsOnIds: [b.id] })).json();
    expect(c.dependsOnIds).toEqual([b.id]);

    const self = await call(session, "PATCH", `${url}/${a.id}`, { dependsOnIds: [a.id] });
    expect(self.statusCode).toBe(422);
    expect(errorOf(self).fields[0]).toMatchObject({ field: "body.dependsOnIds[0]", reason: "un'azione non può dipendere da sé stessa" });

    const cycle = await call(session, "PATCH", `${url}/${a.id}`, { title: "Rinominata", dependsOnIds: [c.id] });
    expect(cycle.statusCode).toBe(422);
    expect(errorOf(cycle).fields[0]).toMatchObject({
      field: "body.dependsOnIds[0]",
      reason: `crea un ciclo di dipendenze: ${a.ref} → ${c.ref} → ${b.ref} → ${a.ref}`,
    });
    const unchanged = (await call(session, "GET", `${url}/${a.id}`)).json();
    expect(unchanged).toMatchObject({ title: "Prima", dependsOnIds: [] });

    // a chain without a loop is fine, and so is depending on two actions that share a dependency
    const d = await call(session, "PATCH", `${url}/${c.id}`, { dependsOnIds: [b.id, a.id] });
    expect(d.statusCode).toBe(200);
  });
});

describe("the IT provider on the entity's roadmap", () => {
  it("sees and updates only its own actions; 404 on the entity's others and on another client's", async () => {
    const { org, session, url, provider, technician, techSession, otherClient } = await setup();
    const risk = await makeRisk(t.ctx.db, org.id, { inherent: [5, 5, "critical"], current: [4, 4, "high"], residual: [2, 2, "low"] });
    const entityAction = (await call(session, "POST", url, { title: "Delibera sul piano", csfFunction: "govern" })).json();
    const providerAction = (
      await call(session, "POST", url, {
        title: "Aggiornare il firewall",
        csfFunction: "protect",
        ownerOrgId: provider.id,
        ownerUserId: technician.id,
        riskIds: [risk.id],
        dependsOnIds: [entityAction.id],
        dueOn: "2030-01-31",
      })
    ).json();
    expect(providerAction).toMatchObject({ ownerOrgName: "SIA Prova", ownerUserName: "Tecnico Fornitore" });
    const otherAction = (await call(otherClient.session, "POST", `/api/orgs/${otherClient.org.id}/actions`, { title: "Di un altro cliente", csfFunction: "detect", ownerOrgId: provider.id })).json();

    // it sees its own action, without the entity's action it depends on
    const mine = await call(techSession, "GET", `${url}/${providerAction.id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: providerAction.id, riskIds: [risk.id], dependsOnIds: [] });
    expect(mine.json().actions).toEqual(["read", "update", "addEvidence"]);
    const list = await call(techSession, "GET", url);
    expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([providerAction.id]);
    const summary = await call(techSession, "GET", `/api/orgs/${org.id}/roadmap/summary`);
    expect(summary.json().byStatus.planned).toBe(1);

    // 404 on the entity's own action and on another client's action, read or write
    expect((await call(techSession, "GET", `${url}/${entityAction.id}`)).statusCode).toBe(404);
    expect((await call(techSession, "PATCH", `${url}/${entityAction.id}`, { progress: 10 })).statusCode).toBe(404);
    expect((await call(techSession, "GET", `${url}/${otherAction.id}`)).statusCode).toBe(404);
    expect((await call(techSession, "GET", `/api/orgs/${org.id}/actions/${otherAction.id}`)).statusCode).toBe(404);

    // it updates status, progress, dates, description and evidence, nothing else
    const update = await call(techSession, "PATCH", `${url}/${providerAction.id}`, { status: "in_progress", progress: 40, dueOn: "2030-02-28", description: "Firmware aggiornato su 2 di 5" });
    expect(update.statusCode).toBe(200);
    expect(update.json()).toMatchObject({ status: "in_progress", progress: 40, dueOn: "2030-02-28" });
    const title = await call(techSession, "PATCH", `${url}/${providerAction.id}`, { title: "Altro", progress: 50 });
    expect(title.statusCode).toBe(403);
    expect(errorOf(title).fields[0]!.field).toBe("body.title");
    expect((await call(techSession, "DELETE", `${url}/${providerAction.id}`)).statusCode).toBe(403);
    expect((await call(techSession, "POST", url, { title: "Nuova", csfFunction: "protect" })).statusCode).toBe(403);
    const file = await makeStoredFile(t.ctx.db, t.ctx.fileStore, provider.id, technician.id, "Rapporto di intervento");
    const evidence = await call(techSession, "POST", `${url}/${providerAction.id}/evidence`, { title: "Rapporto di intervento", fileId: file.id });
    expect(evidence.statusCode).toBe(201);

    // the entity sees who did what
    const seen = (await call(session, "GET", `${url}/${providerAction.id}`)).json();
    expect(seen).toMatchObject({ progress: 40, evidence: [{ title: "Rapporto di intervento", fileId: file.id }], dependsOnIds: [entityAction.id] });
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, providerAction.id), inArray(auditLog.action, ["roadmap.action_update", "roadmap.evidence_add"]))).orderBy(auditLog.seq);
    expect(audit.map((a) => [a.action, a.actorUserId])).toEqual([
      ["roadmap.action_update", technician.id],
      ["roadmap.evidence_add", technician.id],
    ]);
  });

  it("is invisible to other organisations, coordinators, and employees may not read it", async () => {
    const { org, url, session } = await setup();
    const action = (await call(session, "POST", url, { title: "Riservata", csfFunction: "govern" })).json();
    const stranger = await orgWithUser(t.app, t.ctx.db, "admin");
    const coordinator = await orgWithUser(t.app, t.ctx.db, "admin", { type: "regione" });
    await relate(t.ctx.db, "coordinator_of", coordinator.org.id, org.id);
    for (const outsider of [stranger.session, coordinator.session]) {
      expect((await call(outsider, "GET", url)).statusCode).toBe(404);
      expect((await call(outsider, "GET", `${url}/${action.id}`)).statusCode).toBe(404);
      expect((await call(outsider, "GET", `/api/orgs/${org.id}/roadmap/summary`)).statusCode).toBe(404);
    }
    const employee = await makeUser(t.ctx.db, org.id, "employee");
    const employeeSession = await signIn(t.app, employee.email);
    expect((await call(employeeSession, "GET", url)).statusCode).toBe(403);
    const operator = await makeUser(t.ctx.db, org.id, "it_operator");
    const operatorSession = await signIn(t.app, operator.email);
    expect((await call(operatorSession, "PATCH", `${url}/${action.id}`, { progress: 20 })).statusCode).toBe(200);
    expect((await call(operatorSession, "PATCH", `${url}/${action.id}`, { priorityOverride: { level: "high", reason: "Urgente" } })).statusCode).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeApiToken, makeOrganisation, makeUser, orgWithUser, relate, signIn } from "../../../test/helpers/factories.ts";
import type { Role } from "../../platform/authz/actor.ts";
import { buildRegistry } from "./catalogs/catalog-loader.ts";
import { installCatalogRegistry } from "./catalog-registry.ts";
import { approvedAssessment } from "./approved-assessment.test-helper.ts";
import { testCatalog } from "./test-catalog.fixture.ts";

// The coordinator view: a regione sees, side by side, the latest assessment each coordinated
// entity approved and shared upward; nothing of what was not shared.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  installCatalogRegistry(t.ctx, buildRegistry([testCatalog]));
});
afterAll(() => t.close());

async function regioneWithComuni() {
  const db = t.ctx.db;
  const regione = await makeOrganisation(db, { name: "Regione Prova", type: "regione" });
  const alfa = await makeOrganisation(db, { name: "Comune Alfa" });
  const beta = await makeOrganisation(db, { name: "Comune Beta" });
  const gamma = await makeOrganisation(db, { name: "Comune Gamma" });
  const outside = await makeOrganisation(db, { name: "Comune Esterno" });
  for (const org of [alfa, beta, gamma]) await relate(db, "coordinator_of", regione.id, org.id);

  // Alfa: last year's shared assessment, this year's shared one, and a later one kept private
  await approvedAssessment(db, alfa.id, { "GV.OC-01": "implemented" }, { approvedAt: new Date("2025-06-30T10:00:00Z") });
  const alfaLatest = await approvedAssessment(
    db,
    alfa.id,
    { "GV.OC-01": ["implemented", 3], "GV.OC-02": ["partial", 2], "PR.AA-01": ["not_applicable", 4], "PR.AA-02": ["not_implemented", 1] },
    { approvedAt: new Date("2026-06-30T10:00:00Z") },
  );
  const alfaPrivate = await approvedAssessment(db, alfa.id, { "GV.OC-01": "implemented", "GV.OC-02": "implemented" }, { approvedAt: new Date("2026-09-30T10:00:00Z"), sharedUpward: false });
  // Beta shared nothing: an approved assessment kept private and a draft
  const betaPrivate = await approvedAssessment(db, beta.id, { "GV.OC-01": "implemented" }, { sharedUpward: false });
  const betaDraft = await approvedAssessment(db, beta.id, { "GV.OC-01": "implemented" }, { status: "draft", sharedUpward: false });
  // Gamma shared one at the "alto" level
  const gammaAlto = await approvedAssessment(db, gamma.id, { "GV.RM-01": "partial" }, { level: "alto" });
  // not coordinated by the regione, though shared upward (to its own coordinators)
  const outsideShared = await approvedAssessment(db, outside.id, { "GV.OC-01": "implemented" });
  return { regione, alfa, beta, gamma, alfaLatest, hidden: [alfaPrivate.id, betaPrivate.id, betaDraft.id, outsideShared.id, outside.id], gammaAlto };
}

const get = (headers: Record<string, string>, orgId: string) => t.app.inject({ method: "GET", url: `/api/orgs/${orgId}/coordinated-assessments`, headers });

async function member(orgId: string, role: Role) {
  return (await signIn(t.app, (await makeUser(t.ctx.db, orgId, role)).email)).headers;
}

describe("coordinated assessments", () => {
  it("shows each coordinated entity's latest shared approved assessment with its scores, and nothing unshared", async () => {
    const { regione, alfa, beta, gamma, alfaLatest, hidden, gammaAlto } = await regioneWithComuni();
    const res = await get(await member(regione.id, "admin"), regione.id);
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.map((i: { organisation: { name: string } }) => i.organisation.name)).toEqual(["Comune Alfa", "Comune Beta", "Comune Gamma"]);
    expect(items[0].organisation).toEqual({ id: alfa.id, name: "Comune Alfa", type: "comune" });
    // hand-checked: GV 1.5 of 2 = 75 %, PR 0 of 1 (PR.AA-01 not applicable) = 0 %, overall 1.5 of 3 = 50 %
    expect(items[0].assessments).toEqual([
      {
        id: alfaLatest.id,
        frameworkId: "prova-csf",
        level: "base",
        scopeService: null,
        title: "Postura 2026",
        approvedAt: "2026-06-30T10:00:00.000Z",
        approvedByName: "Maria Rossi",
        compliancePercent: 50,
        averageCurrentMaturity: 2,
        functions: [
          { id: "GV", title: { it: "Governare", en: "Govern" }, compliancePercent: 75, averageCurrentMaturity: 2.5 },
          { id: "PR", title: { it: "Proteggere", en: "Protect" }, compliancePercent: 0, averageCurrentMaturity: 1 },
        ],
      },
    ]);
    expect(items[1]).toEqual({ organisation: { id: beta.id, name: "Comune Beta", type: "comune" }, assessments: [] });
    expect(items[2].organisation.id).toBe(gamma.id);
    // at "alto" GV.RM-01 is in force: 0.5 of 5
    expect(items[2].assessments).toEqual([expect.objectContaining({ id: gammaAlto.id, level: "alto", compliancePercent: 10 })]);
    for (const id of hidden) expect(res.body).not.toContain(id);
  });

  it("is for the coordinator's admins, security managers and auditors only", async () => {
    const { regione, alfa } = await regioneWithComuni();
    for (const role of ["security_manager", "auditor"] as const) expect((await get(await member(regione.id, role), regione.id)).statusCode).toBe(200);
    for (const role of ["it_operator", "employee", "viewer"] as const) expect((await get(await member(regione.id, role), regione.id)).statusCode).toBe(403);
    // a coordinated comune cannot look at its regione's view; another organisation sees nothing
    const comuneAdmin = await member(alfa.id, "admin");
    expect((await get(comuneAdmin, regione.id)).statusCode).toBe(404);
    const stranger = await orgWithUser(t.app, t.ctx.db, "admin", { type: "regione" });
    expect((await get(stranger.session.headers, regione.id)).statusCode).toBe(404);
    // on its own organisation, an organisation that coordinates nobody gets an empty view
    expect((await get(stranger.session.headers, stranger.org.id)).json()).toEqual({ items: [] });
  });

  it("needs assessments:read with an API token", async () => {
    const { regione } = await regioneWithComuni();
    const admin = await makeUser(t.ctx.db, regione.id, "admin");
    const reader = await makeApiToken(t.ctx.db, admin.id, regione.id, ["assessments:read"]);
    expect((await get({ authorization: `Bearer ${reader.token}` }, regione.id)).statusCode).toBe(200);
    const other = await makeApiToken(t.ctx.db, admin.id, regione.id, ["identity:read"]);
    expect((await get({ authorization: `Bearer ${other.token}` }, regione.id)).statusCode).toBe(403);
  });
});

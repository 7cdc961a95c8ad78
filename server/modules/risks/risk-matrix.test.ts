import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeUser, orgWithUser, relate, signIn } from "../../../test/helpers/factories.ts";
import { auditLog } from "../../platform/audit/audit.tables.ts";
import { checkMatrixShape, DEFAULT_MATRIX, levelOf, type RiskMatrix } from "./risk-matrix.ts";
import { actionRisks, improvementActions, riskMatrices, risks } from "./risks.tables.ts";
import { caller, riskBody, stage } from "./risks.test-helper.ts";

let t: TestApp;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  t = await createTestApp();
  call = caller(t.app);
});
afterAll(() => t.close());

/** A 3x3 matrix where everything is at least medium and the top row critical. */
const strict3x3: RiskMatrix = {
  likelihoodSteps: 3,
  impactSteps: 3,
  likelihoodLabels: { it: ["Bassa", "Media", "Alta"], en: ["Low", "Medium", "High"] },
  impactLabels: { it: ["Lieve", "Serio", "Grave"], en: ["Light", "Serious", "Grave"] },
  cells: [
    ["medium", "medium", "high"],
    ["medium", "high", "critical"],
    ["high", "critical", "critical"],
  ],
};

describe("the default matrix", () => {
  it("is 5x5 with Italian labels, from low in the corner to critical at the top", () => {
    expect(DEFAULT_MATRIX.likelihoodLabels.it).toEqual(["Rara", "Improbabile", "Possibile", "Probabile", "Quasi certa"]);
    expect(DEFAULT_MATRIX.impactLabels.it).toEqual(["Trascurabile", "Minore", "Moderato", "Grave", "Critico"]);
    expect(levelOf(DEFAULT_MATRIX, 1, 1)).toBe("low");
    expect(levelOf(DEFAULT_MATRIX, 3, 3)).toBe("medium");
    expect(levelOf(DEFAULT_MATRIX, 4, 4)).toBe("high");
    expect(levelOf(DEFAULT_MATRIX, 5, 5)).toBe("critical");
    expect(levelOf(DEFAULT_MATRIX, 6, 1)).toBeUndefined();
    expect(() => checkMatrixShape(DEFAULT_MATRIX)).not.toThrow();
  });

  it("refuses a grid that does not match its steps, naming the field", () => {
    const field = (m: RiskMatrix) => {
      try {
        checkMatrixShape(m);
        return null;
      } catch (error) {
        return (error as { fields: { field: string }[] }).fields[0]!.field;
      }
    };
    expect(field({ ...strict3x3, likelihoodSteps: 4 })).toBe("body.likelihoodLabels.it");
    expect(field({ ...strict3x3, cells: strict3x3.cells.slice(0, 2) })).toBe("body.cells");
    expect(field({ ...strict3x3, cells: [strict3x3.cells[0]!, ["low", "low"], strict3x3.cells[2]!] })).toBe("body.cells[1]");
    expect(field({ ...strict3x3, impactLabels: { it: ["a", "b", "c"], en: ["a", " ", "c"] } })).toBe("body.impactLabels.en[1]");
  });
});

describe("the organisation's matrix", () => {
  it("serves the default until changed, and only to the organisation's readers", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const res = await call(session, "GET", `/api/orgs/${org.id}/risk-matrix`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ likelihoodSteps: 5, impactSteps: 5, isDefault: true, actions: ["read", "update"] });
    const viewer = await signIn(t.app, (await makeUser(t.ctx.db, org.id, "viewer")).email);
    expect((await call(viewer, "GET", `/api/orgs/${org.id}/risk-matrix`)).json().actions).toEqual(["read"]);
    expect((await call(viewer, "PUT", `/api/orgs/${org.id}/risk-matrix`, strict3x3)).statusCode).toBe(403);
    const provider = await orgWithUser(t.app, t.ctx.db, "admin", { type: "it_provider" });
    await relate(t.ctx.db, "provider_of", provider.org.id, org.id);
    const providerSession = await signIn(t.app, provider.user.email);
    expect((await call(providerSession, "GET", `/api/orgs/${org.id}/risk-matrix`)).statusCode).toBe(404);
  });

  it("re-levels every risk and every action priority in one change, with the history saying why", async () => {
    const { org, user, session } = await orgWithUser(t.app, t.ctx.db, "security_manager");
    const base = `/api/orgs/${org.id}/risks`;
    const low = (await call(session, "POST", base, riskBody({ title: "Basso", inherent: stage(1, 1), current: stage(1, 1) }))).json();
    const mid = (await call(session, "POST", base, riskBody({ title: "Medio", inherent: stage(2, 3), residual: stage(1, 2) }))).json();
    expect([low.inherent.level, mid.inherent.level, mid.residual.level]).toEqual(["low", "medium", "low"]);
    // an action treating the medium risk: its priority follows the risk's levels
    const [action] = await t.ctx.db.insert(improvementActions).values({ orgId: org.id, ownerOrgId: org.id, number: 1, title: "Backup offline", csfFunction: "recover" }).returning();
    await t.ctx.db.insert(actionRisks).values({ actionId: action!.id, riskId: mid.id });

    const res = await call(session, "PUT", `/api/orgs/${org.id}/risk-matrix`, strict3x3);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ likelihoodSteps: 3, impactSteps: 3, isDefault: false, cells: strict3x3.cells });
    const after = (await call(session, "GET", base)).json().items;
    expect(after.map((r: { inherent: { level: string } }) => r.inherent.level)).toEqual(["medium", "critical"]);
    expect(after[0].current.level).toBe("medium");
    expect(after[1].residual.level).toBe("medium");
    const history = (await call(session, "GET", `${base}/${mid.id}/history`)).json().items.filter((h: { reason: string }) => h.reason === "matrix");
    expect(history.map((h: { stage: string; levelBefore: string; levelAfter: string }) => `${h.stage} ${h.levelBefore}->${h.levelAfter}`).sort()).toEqual([
      "inherent medium->critical",
      "residual low->medium",
    ]);
    expect(history[0]).toMatchObject({ changedByName: user.name, before: history[0].after });
    const [recomputed] = await t.ctx.db.select().from(improvementActions).where(eq(improvementActions.id, action!.id));
    // from critical (rank 4) to medium (rank 2): 10 x (16 - 4) + (2x3 - 1x2) = 124
    expect(recomputed!.derivedScore).toBe(124);
    expect(recomputed!.derivedPriority).toBe("critical");
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "risk_matrix.update")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ relevelledStages: 4 });
  });

  it("refuses a smaller matrix while scores fall outside it, naming how many risks, and changes nothing", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "admin");
    const base = `/api/orgs/${org.id}/risks`;
    await call(session, "POST", base, riskBody({ inherent: stage(5, 2) }));
    await call(session, "POST", base, riskBody({ inherent: stage(4, 3) }));
    await call(session, "POST", base, riskBody({ inherent: stage(2, 2), residual: stage(1, 4, "reputation") }));
    const res = await call(session, "PUT", `/api/orgs/${org.id}/risk-matrix`, strict3x3);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([{ field: "body.likelihoodSteps", reason: "2 rischi hanno punteggi oltre questo limite" }]);
    expect(await t.ctx.db.select().from(riskMatrices).where(eq(riskMatrices.orgId, org.id))).toEqual([]);
    const levels = await t.ctx.db.select({ level: risks.inherentLevel }).from(risks).where(eq(risks.orgId, org.id));
    expect(levels.map((l) => l.level).sort()).toEqual(["high", "high", "low"]);
    // the same shape but larger is fine, and 3x5 refuses on impact
    const wide = { ...strict3x3, impactSteps: 5, impactLabels: DEFAULT_MATRIX.impactLabels, cells: strict3x3.cells.map((row) => [...row, "critical", "critical"]) };
    const impact = await call(session, "PUT", `/api/orgs/${org.id}/risk-matrix`, { ...wide, likelihoodSteps: 5, likelihoodLabels: DEFAULT_MATRIX.likelihoodLabels, cells: [...wide.cells, wide.cells[2], wide.cells[2]] });
    expect(impact.statusCode).toBe(200);
    const shapeless = await call(session, "PUT", `/api/orgs/${org.id}/risk-matrix`, { ...strict3x3, impactSteps: 4 });
    expect(shapeless.statusCode).toBe(422);
    expect(shapeless.json().error.fields[0].field).toBe("body.impactLabels.it");
  });
});

describe("the heat map", () => {
  it("counts risks per cell at the stage asked, with filters, leaving unscored stages out", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "security_manager");
    const base = `/api/orgs/${org.id}/risks`;
    await call(session, "POST", base, riskBody({ inherent: stage(4, 5), residual: stage(2, 2), treatment: "mitigate" }));
    await call(session, "POST", base, riskBody({ inherent: stage(4, 5, "legal"), threatId: "data-leak" }));
    const closed = (await call(session, "POST", base, riskBody({ inherent: stage(1, 2), residual: stage(1, 1) }))).json();
    await call(session, "PATCH", `${base}/${closed.id}`, { status: "closed" });
    const map = async (query: string) => (await call(session, "GET", `${base}/heatmap?${query}`)).json();
    expect(await map("")).toEqual({
      stage: "inherent",
      likelihoodSteps: 5,
      impactSteps: 5,
      cells: [
        { likelihood: 1, impact: 2, level: "low", count: 1 },
        { likelihood: 4, impact: 5, level: "critical", count: 2 },
      ],
    });
    expect((await map("stage=residual")).cells).toEqual([
      { likelihood: 1, impact: 1, level: "low", count: 1 },
      { likelihood: 2, impact: 2, level: "low", count: 1 },
    ]);
    expect((await map("stage=current")).cells).toEqual([]);
    expect((await map("threatId=data-leak")).cells).toEqual([{ likelihood: 4, impact: 5, level: "critical", count: 1 }]);
    expect((await map("status=open&treatment=mitigate&stage=residual")).cells).toEqual([{ likelihood: 2, impact: 2, level: "low", count: 1 }]);
    // a click on a cell lists exactly its risks
    const cell = async (query: string) => (await call(session, "GET", `${base}?${query}`)).json().items.map((r: { inherent: { likelihood: number; impact: number } }) => [r.inherent.likelihood, r.inherent.impact]);
    expect(await cell("stage=inherent&likelihood=4&impact=5")).toEqual([[4, 5], [4, 5]]);
    expect(await cell("stage=residual&likelihood=2&impact=2")).toEqual([[4, 5]]);
    expect(await cell("likelihood=3&impact=3")).toEqual([]);
    expect((await call(session, "GET", `${base}?likelihood=11`)).json().error.fields[0].field).toBe("query.likelihood");
    const bad = await call(session, "GET", `${base}/heatmap?stage=futuro`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe("query.stage");
    const other = await orgWithUser(t.app, t.ctx.db);
    expect((await call(other.session, "GET", `${base}/heatmap`)).statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { orgWithUser, type SignedIn } from "../../../test/helpers/factories.ts";
import { actionRisks as riskLinks, improvementActions, risks } from "./risks.tables.ts";
import { derivedScore, levelOfScore, priorityReason, recomputeActionPriorities, riskPoints, type LinkedRisk } from "./priority.ts";
import { makeRisk } from "./roadmap.test-helper.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const risk = (values: Partial<LinkedRisk>): LinkedRisk => ({
  number: 1,
  status: "open",
  inherentLevel: "high",
  inherentLikelihood: 4,
  inherentImpact: 4,
  currentLevel: null,
  currentLikelihood: null,
  currentImpact: null,
  residualLevel: null,
  residualLikelihood: null,
  residualImpact: null,
  ...values,
});

describe("priority derived from the risk reduction an action buys", () => {
  it("weighs the level drop first, then likelihood x impact, from current (or inherent) to residual", () => {
    // high 4x4 -> low 1x2: 10 x (9 - 1) + (16 - 2) = 94
    const highToLow = risk({ number: 3, residualLevel: "low", residualLikelihood: 1, residualImpact: 2 });
    expect(riskPoints(highToLow)).toBe(94);
    // the current score, when given, is where the reduction starts: medium 2x3 -> low 1x2 = 30 + 4
    expect(riskPoints(risk({ currentLevel: "medium", currentLikelihood: 2, currentImpact: 3, residualLevel: "low", residualLikelihood: 1, residualImpact: 2 }))).toBe(34);
    // no residual estimate: credited down to the lowest cell
    expect(riskPoints(risk({ inherentLevel: "critical", inherentLikelihood: 5, inherentImpact: 5 }))).toBe(10 * 15 + 24);
    // a closed risk, or a residual no better than the current, buys nothing
    expect(riskPoints(risk({ status: "closed", residualLevel: "low" }))).toBe(0);
    expect(riskPoints(risk({ residualLevel: "high", residualLikelihood: 4, residualImpact: 4 }))).toBe(0);

    expect([0, 24, 25, 59, 60, 119, 120].map(levelOfScore)).toEqual(["low", "low", "medium", "medium", "high", "high", "critical"]);
    expect(priorityReason("it", [highToLow])).toBe("Riduce R-3 da alto a basso");
    expect(priorityReason("en", [highToLow, risk({ number: 9, residualLevel: "medium" })])).toBe("Reduces R-3 from high to low and one more risk");
    expect(priorityReason("it", [risk({ number: 5, inherentLevel: "critical" })])).toBe("Riduce R-5 da critico a basso (rischio residuo non stimato)");
    expect(priorityReason("it", [])).toBe("Nessun rischio aperto collegato: priorità minima");
  });

  it("stores the derived level, shows the reason, and keeps an override with its stated reason", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "security_manager");
    const headers = (s: SignedIn, lang = "it") => ({ ...s.headers, "accept-language": lang });
    const url = `/api/orgs/${org.id}/actions`;
    const r1 = await makeRisk(t.ctx.db, org.id, { inherent: [4, 4, "high"], residual: [1, 2, "low"] });
    const r2 = await makeRisk(t.ctx.db, org.id, { inherent: [3, 3, "medium"], residual: [2, 2, "low"] });
    const res = await t.app.inject({ method: "POST", url, headers: headers(session), payload: { title: "MFA per tutti", csfFunction: "protect", riskIds: [r1.id, r2.id] } });
    // 94 + (10 x (4 - 1) + 5) = 129: critical
    expect(res.json().priority).toEqual({ level: "critical", derivedLevel: "critical", derivedScore: 129, reason: `Riduce R-${r1.number} da alto a basso e un altro rischio`, override: null });

    const overridden = await t.app.inject({
      method: "PATCH",
      url: `${url}/${res.json().id}`,
      headers: headers(session, "en"),
      payload: { priorityOverride: { level: "medium", reason: "Budget only next year" } },
    });
    expect(overridden.json().priority).toEqual({
      level: "medium",
      derivedLevel: "critical",
      derivedScore: 129,
      reason: `Reduces R-${r1.number} from high to low and one more risk`,
      override: { level: "medium", reason: "Budget only next year" },
    });
    const cleared = await t.app.inject({ method: "PATCH", url: `${url}/${res.json().id}`, headers: headers(session), payload: { priorityOverride: null, riskIds: [r2.id] } });
    expect(cleared.json().priority).toMatchObject({ level: "medium", derivedLevel: "medium", derivedScore: 35, override: null });
  });

  it("follows its risks: re-scoring or closing a linked risk moves the action's priority at once", async () => {
    const { org, session } = await orgWithUser(t.app, t.ctx.db, "security_manager");
    const stage = (likelihood: number, impact: number) => ({ likelihood, impacts: { service: impact, personal_data: 1, legal: 1, financial: 1, reputation: 1 } });
    const risk = await makeRisk(t.ctx.db, org.id, { inherent: [4, 4, "high"], residual: [1, 2, "low"] });
    const action = (await t.app.inject({ method: "POST", url: `/api/orgs/${org.id}/actions`, headers: session.headers, payload: { title: "Backup fuori linea", csfFunction: "recover", riskIds: [risk.id] } })).json();
    expect(action.priority.derivedScore).toBe(94);
    const priority = async () => (await t.app.inject({ url: `/api/orgs/${org.id}/actions/${action.id}`, headers: session.headers })).json().priority;

    // the action is now expected to leave a medium risk behind: it buys less
    const rescored = await t.app.inject({ method: "PATCH", url: `/api/orgs/${org.id}/risks/${risk.id}`, headers: session.headers, payload: { residual: stage(3, 3), reason: "stima rivista" } });
    expect(rescored.statusCode).toBe(200);
    expect(rescored.json().residual.level).toBe("medium");
    expect(await priority()).toMatchObject({ derivedScore: 10 * (9 - 4) + (16 - 9), derivedLevel: "medium" });

    // a closed risk buys nothing
    await t.app.inject({ method: "PATCH", url: `/api/orgs/${org.id}/risks/${risk.id}`, headers: session.headers, payload: { status: "closed" } });
    expect(await priority()).toMatchObject({ derivedScore: 0, derivedLevel: "low" });
  });

  it("recomputes every action of the organisation in one statement, as the TypeScript formula does", async () => {
    const { org } = await orgWithUser(t.app, t.ctx.db, "admin");
    const other = await orgWithUser(t.app, t.ctx.db, "admin");
    const register = [
      await makeRisk(t.ctx.db, org.id, { inherent: [5, 5, "critical"] }),
      await makeRisk(t.ctx.db, org.id, { inherent: [4, 4, "high"], current: [3, 4, "high"], residual: [2, 2, "medium"] }),
      await makeRisk(t.ctx.db, org.id, { inherent: [2, 2, "low"], residual: [1, 1, "low"] }),
      await makeRisk(t.ctx.db, org.id, { inherent: [3, 3, "medium"], residual: [1, 1, "low"] }, { status: "closed" }),
    ];
    const combos = [[], [0], [1], [2], [3], [0, 1], [1, 2, 3]];
    const actionIds: string[] = [];
    for (const [n, combo] of combos.entries()) {
      const [row] = await t.ctx.db.insert(improvementActions).values({ orgId: org.id, ownerOrgId: org.id, number: n + 1, title: `A${n}`, csfFunction: "protect" }).returning();
      actionIds.push(row!.id);
      if (combo.length) await t.ctx.db.insert(riskLinks).values(combo.map((i) => ({ actionId: row!.id, riskId: register[i]!.id })));
    }
    const [foreign] = await t.ctx.db.insert(improvementActions).values({ orgId: other.org.id, ownerOrgId: other.org.id, number: 1, title: "Altra", csfFunction: "protect", derivedScore: 7 }).returning();

    const check = async () => {
      await recomputeActionPriorities(t.ctx.db, org.id);
      const fresh = await t.ctx.db.select().from(risks).where(eq(risks.orgId, org.id));
      const rows = await t.ctx.db.select().from(improvementActions).where(eq(improvementActions.orgId, org.id));
      for (const [n, combo] of combos.entries()) {
        const linked = combo.map((i) => fresh.find((r) => r.id === register[i]!.id)!);
        const row = rows.find((r) => r.id === actionIds[n])!;
        expect([row.derivedScore, row.derivedPriority], `combination ${combo}`).toEqual([derivedScore(linked), levelOfScore(derivedScore(linked))]);
      }
      return rows;
    };
    const first = await check();
    expect(first.map((r) => r.derivedPriority).sort()).toEqual(["critical", "critical", "high", "low", "low", "low", "medium"].sort());

    // a matrix change re-levels the risks; the actions follow
    await t.ctx.db.update(risks).set({ inherentLevel: "high" }).where(eq(risks.id, register[0]!.id));
    await t.ctx.db.update(risks).set({ currentLevel: "critical" }).where(eq(risks.id, register[1]!.id));
    const second = await check();
    expect(second.find((r) => r.id === actionIds[1])!.derivedPriority).toBe("high");
    // another organisation's actions are left alone
    const [untouched] = await t.ctx.db.select().from(improvementActions).where(eq(improvementActions.id, foreign!.id));
    expect(untouched!.derivedScore).toBe(7);
  });
});

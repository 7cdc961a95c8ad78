import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { makeOrganisation } from "../../../test/helpers/factories.ts";
import { approvedAssessment } from "./approved-assessment.test-helper.ts";
import { scoreAssessment, type AnswerStatus } from "./scoring.ts";
import { scoreMany } from "./score-many.ts";
import { testCatalog } from "./test-catalog.fixture.ts";

// The database's sums must give exactly what scoring.ts gives for one assessment at a time.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const cases: Record<string, AnswerStatus | [AnswerStatus, number]>[] = [
  {},
  { "GV.OC-01": ["implemented", 3], "PR.AA-01": ["partial", 2] },
  { "GV.OC-01": ["not_applicable", 4], "GV.OC-02": "not_applicable", "PR.AA-01": ["not_implemented", 1], "PR.AA-02": ["partial", 4], "GV.RM-01": ["implemented", 2] },
  { "GV.OC-01": ["partial", 1], "GV.OC-02": ["partial", 2], "PR.AA-01": "implemented", "PR.AA-02": ["implemented", 4], "GV.RM-01": "not_applicable" },
];

describe("scoreMany", () => {
  it.each(["base", "alto"])("matches scoreAssessment for every assessment at level %s, in one call", async (level) => {
    const org = await makeOrganisation(t.ctx.db);
    const rows = [];
    for (const answers of cases) rows.push({ answers, row: await approvedAssessment(t.ctx.db, org.id, answers, { level }) });
    const many = await scoreMany(t.ctx.db, testCatalog, level, rows.map((r) => r.row.id));
    for (const { answers, row } of rows) {
      const list = Object.entries(answers).map(([requirementId, given]) => {
        const [status, currentMaturity] = Array.isArray(given) ? given : [given, null];
        return { requirementId, status, currentMaturity, targetMaturity: 4 };
      });
      const one = scoreAssessment(testCatalog, level, list);
      expect(many.get(row.id)).toEqual({
        overall: { compliancePercent: one.overall.compliancePercent, averageCurrentMaturity: one.overall.averageCurrentMaturity },
        functions: one.functions.map((f) => ({ id: f.id, title: f.title, compliancePercent: f.compliancePercent, averageCurrentMaturity: f.averageCurrentMaturity })),
      });
    }
    // hand-checked: at "base", GV.OC-01 implemented and PR.AA-01 partial give 1.5 of 4
    if (level === "base") expect(many.get(rows[1]!.row.id)!.overall).toEqual({ compliancePercent: 37.5, averageCurrentMaturity: 2.5 });
  });
});

import { describe, expect, it } from "vitest";
import { scoreAssessment, type ScoredAnswer } from "./scoring.ts";
import { type Catalog, type RequirementNode } from "./catalogs/catalog-format.ts";
import { testCatalog } from "./test-catalog.fixture.ts";

const answers: ScoredAnswer[] = [
  { requirementId: "GV.OC-01", status: "implemented", currentMaturity: 3, targetMaturity: 4 },
  { requirementId: "GV.OC-02", status: "partial", currentMaturity: 2, targetMaturity: 4 },
  { requirementId: "GV.RM-01", status: "not_applicable", currentMaturity: null, targetMaturity: null },
  { requirementId: "PR.AA-01", status: "not_implemented", currentMaturity: 1, targetMaturity: 3 },
  // PR.AA-02 not answered yet: counts as not implemented
];

describe("scoring", () => {
  it("gives compliance and average maturity per function and category, checked by hand", () => {
    const results = scoreAssessment(testCatalog, null, answers);
    // (1 + 0.5 + 0 + 0) / (5 requirements - 1 not applicable)
    expect(results.overall).toMatchObject({ requirements: 5, answered: 4, notApplicable: 1, compliancePercent: 37.5, averageCurrentMaturity: 2, averageTargetMaturity: 3.67 });
    expect(results.functions.map((f) => [f.id, f.compliancePercent, f.averageCurrentMaturity, f.averageTargetMaturity])).toEqual([
      ["GV", 75, 2.5, 4],
      ["PR", 0, 1, 3],
    ]);
    expect(results.categories.map((c) => [c.id, c.requirements, c.compliancePercent])).toEqual([
      ["GV.OC", 2, 75],
      ["GV.RM", 1, null],
      ["PR.AA", 2, 0],
    ]);
  });

  it("scores only the requirements of the assessment's level", () => {
    const results = scoreAssessment(testCatalog, "base", answers);
    expect(results.overall).toMatchObject({ requirements: 4, notApplicable: 0, compliancePercent: 37.5 });
    expect(results.categories.map((c) => c.id)).toEqual(["GV.OC", "PR.AA"]);
  });

  it("orders gaps by distance to target weighted by importance, document order breaking ties", () => {
    expect(scoreAssessment(testCatalog, null, answers).gaps.map((g) => [g.requirementId, g.weightedDistance])).toEqual([
      ["GV.OC-02", 2],
      ["PR.AA-01", 2],
      ["GV.OC-01", 1],
    ]);
    const weighted = scoreAssessment(testCatalog, null, answers, (id) => (id === "GV.OC-01" ? 3 : 1));
    expect(weighted.gaps.map((g) => [g.requirementId, g.weightedDistance])).toEqual([
      ["GV.OC-01", 3],
      ["GV.OC-02", 2],
      ["PR.AA-01", 2],
    ]);
  });

  it("weighs each gap by the importance the catalog gives, inherited from the parent, default 1", () => {
    // PR.AA (a category) is critical, so both its requirements are; GV.OC-02 alone is high
    const weigh = (nodes: RequirementNode[]): RequirementNode[] =>
      nodes.map((n) => ({
        ...n,
        ...(n.id === "PR.AA" ? { importance: 3 } : n.id === "GV.OC-02" ? { importance: 2 } : {}),
        ...(n.children ? { children: weigh(n.children) } : {}),
      }));
    const weighted: Catalog = { ...testCatalog, requirements: weigh(testCatalog.requirements) };
    const gaps = scoreAssessment(weighted, null, [...answers, { requirementId: "PR.AA-02", status: "partial", currentMaturity: 3, targetMaturity: 4 }]).gaps;
    expect(gaps.map((g) => [g.requirementId, g.targetMaturity - g.currentMaturity, g.importance, g.weightedDistance])).toEqual([
      ["PR.AA-01", 2, 3, 6],
      ["GV.OC-02", 2, 2, 4],
      ["PR.AA-02", 1, 3, 3],
      ["GV.OC-01", 1, 1, 1],
    ]);
  });

  it("leaves compliance empty when nothing applies", () => {
    const none = scoreAssessment(testCatalog, "base", []);
    expect(none.overall).toMatchObject({ compliancePercent: 0, averageCurrentMaturity: null });
    const allNa = scoreAssessment(testCatalog, "alto", [{ requirementId: "GV.RM-01", status: "not_applicable", currentMaturity: null, targetMaturity: null }]);
    expect(allNa.categories.find((c) => c.id === "GV.RM")!.compliancePercent).toBeNull();
  });
});

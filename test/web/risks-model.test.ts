import { describe, expect, it } from "vitest";
import {
  barOf,
  csfFunctionOf,
  daysLate,
  fullGrid,
  levelOfStage,
  monthTicks,
  parseEuro,
  resizeMatrix,
  timelineWindow,
  type Level,
  type MatrixShape,
} from "../../web/src/features/risks/model.ts";

// The web app's own arithmetic for the register and roadmap: the level shown live in the risk
// form, the heat map's grid, the timeline's bars and the euro field. Pure functions, no DOM.

const levelRow = (...l: Level[]) => l;
const matrix: MatrixShape = {
  likelihoodSteps: 3,
  impactSteps: 3,
  likelihoodLabels: { it: ["Rara", "Possibile", "Probabile"], en: ["Rare", "Possible", "Likely"] },
  impactLabels: { it: ["Minore", "Grave", "Critico"], en: ["Minor", "Major", "Critical"] },
  cells: [levelRow("low", "low", "medium"), levelRow("low", "medium", "high"), levelRow("medium", "high", "critical")],
};

describe("risk scoring in the form", () => {
  it("takes the worst impact dimension and reads the level from the matrix", () => {
    const stage = { likelihood: 3, impacts: { service: 1, personal_data: 3, legal: 2, financial: 1, reputation: 1 } };
    expect(levelOfStage(matrix, stage)).toEqual({ impact: 3, level: "critical" });
    expect(levelOfStage(matrix, { ...stage, likelihood: 1 })).toEqual({ impact: 3, level: "medium" });
  });

  it("says null when a score lies outside the matrix", () => {
    const stage = { likelihood: 4, impacts: { service: 1, personal_data: 1, legal: 1, financial: 1, reputation: 1 } };
    expect(levelOfStage(matrix, stage).level).toBeNull();
  });
});

describe("heat map grid", () => {
  it("lays out every cell, highest likelihood first, with the server's counts", () => {
    const grid = fullGrid(matrix, [{ likelihood: 3, impact: 1, level: "medium", count: 4 }]);
    expect(grid.map((row) => row[0]!.likelihood)).toEqual([3, 2, 1]);
    expect(grid[0]![0]).toEqual({ likelihood: 3, impact: 1, level: "medium", count: 4 });
    expect(grid[2]![2]).toEqual({ likelihood: 1, impact: 3, level: "medium", count: 0 });
    expect(grid.flat()).toHaveLength(9);
  });

  it("keeps existing cells and labels when the matrix grows, and drops them when it shrinks", () => {
    const grown = resizeMatrix(matrix, 4, 3);
    expect(grown.cells).toHaveLength(4);
    expect(grown.cells[0]).toEqual(matrix.cells[0]);
    expect(grown.likelihoodLabels.it).toEqual(["Rara", "Possibile", "Probabile", "4"]);
    expect(grown.cells[3]![2]).toBe("critical");
    const shrunk = resizeMatrix(matrix, 3, 2);
    expect(shrunk.cells.every((row) => row.length === 2)).toBe(true);
    expect(shrunk.impactLabels.en).toEqual(["Minor", "Major"]);
  });
});

describe("roadmap timeline", () => {
  const actions = [
    { startOn: "2026-01-01", dueOn: "2026-03-31" },
    { startOn: null, dueOn: "2026-06-30" },
    { startOn: null, dueOn: null },
  ];

  it("spans from the earliest date to the latest, today included", () => {
    expect(timelineWindow(actions, "2026-02-01")).toEqual({ from: "2026-01-01", to: "2026-06-30" });
    expect(timelineWindow(actions, "2026-09-01").to).toBe("2026-09-01");
    expect(timelineWindow([], "2026-02-01")).toEqual({ from: "2026-02-01", to: "2026-03-03" });
  });

  it("places bars in percent of the window, a due-date-only action as a marker, none without dates", () => {
    const window = { from: "2026-01-01", to: "2026-12-31" };
    const first = barOf(actions[0]!, window)!;
    expect(first.left).toBe(0);
    expect(first.width).toBeCloseTo((90 / 364) * 100, 5);
    const marker = barOf(actions[1]!, window)!;
    expect(marker.left).toBeCloseTo((180 / 364) * 100, 5);
    expect(marker.width).toBeLessThan(1);
    expect(barOf(actions[2]!, window)).toBeNull();
  });

  it("ticks the first of each month inside the window", () => {
    expect(monthTicks({ from: "2026-01-15", to: "2026-04-01" }).map((t) => t.date)).toEqual(["2026-02-01", "2026-03-01", "2026-04-01"]);
  });

  it("counts the days an action is late only when the server says it is", () => {
    expect(daysLate({ startOn: null, dueOn: "2026-03-01", late: true }, "2026-03-11")).toBe(10);
    expect(daysLate({ startOn: null, dueOn: "2026-03-01", late: false }, "2026-03-11")).toBe(0);
  });
});

describe("the action form's values", () => {
  it("reads euro amounts written the Italian or the English way into cents", () => {
    expect(parseEuro("12.500,00")).toBe(1_250_000);
    expect(parseEuro("1.234,5")).toBe(123_450);
    expect(parseEuro("12,500.00")).toBe(1_250_000);
    expect(parseEuro("€ 800")).toBe(80_000);
    expect(parseEuro("")).toBeNull();
    expect(parseEuro("tanti")).toBeNaN();
  });

  it("maps a requirement to its CSF 2.0 function for a gap turned into an action", () => {
    expect(csfFunctionOf("GV.RM-03.1")).toBe("govern");
    expect(csfFunctionOf("rc")).toBe("recover");
    expect(csfFunctionOf("ABSC-1")).toBeNull();
  });
});

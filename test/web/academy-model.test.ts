import { describe, expect, it } from "vitest";
import {
  drawQuestions,
  emptyDraft,
  formatRemaining,
  formatScore,
  isAnswered,
  mergeResult,
  moduleProgress,
  moveStep,
  parseLocalProgress,
  toAnswer,
  type LearnerQuestion,
  type PathShape,
} from "../../web/src/features/academy/model.ts";

// The academy's rules in the browser: answers shaped as the server expects, the random draw for
// learners without an account, and the progress kept in localStorage with the server's rules.

const single: LearnerQuestion = { id: "q1", type: "single", prompt: "?", choices: [{ id: "a", text: "A" }, { id: "b", text: "B" }] };
const matching: LearnerQuestion = { id: "q2", type: "matching", prompt: "?", left: ["L1", "L2"], right: ["R2", "R1"] };
const ordering: LearnerQuestion = { id: "q3", type: "ordering", prompt: "?", steps: ["c", "a", "b"] };
const trueFalse: LearnerQuestion = { id: "q4", type: "true_false", prompt: "?" };

describe("academy quiz answers", () => {
  it("sends only the field of the question's type, and nothing for an unanswered question", () => {
    expect(toAnswer(single, emptyDraft(single))).toEqual({ questionId: "q1" });
    expect(toAnswer(single, { ...emptyDraft(single), choiceIds: ["b"] })).toEqual({ questionId: "q1", choiceIds: ["b"] });
    expect(toAnswer(trueFalse, { ...emptyDraft(trueFalse), value: false })).toEqual({ questionId: "q4", value: false });
    expect(toAnswer(matching, emptyDraft(matching))).toEqual({ questionId: "q2" });
    expect(toAnswer(matching, { ...emptyDraft(matching), matches: ["R1", ""] })).toEqual({ questionId: "q2", matches: ["R1", ""] });
    expect(toAnswer(ordering, emptyDraft(ordering))).toEqual({ questionId: "q3", order: ["c", "a", "b"] });
  });

  it("counts a matching question answered only when every item has its match", () => {
    expect(isAnswered(matching, { ...emptyDraft(matching), matches: ["R1", ""] })).toBe(false);
    expect(isAnswered(matching, { ...emptyDraft(matching), matches: ["R1", "R2"] })).toBe(true);
    expect(isAnswered(trueFalse, emptyDraft(trueFalse))).toBe(false);
  });

  it("moves an ordering step up and down, and not past either end", () => {
    expect(moveStep(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveStep(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveStep(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveStep(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });

  it("draws the requested number of distinct questions from the bank", () => {
    const bank = Array.from({ length: 10 }, (_, i) => i);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const drawn = drawQuestions(bank, 8, random);
    expect(drawn).toHaveLength(8);
    expect(new Set(drawn).size).toBe(8);
    expect(drawn.every((q) => bank.includes(q))).toBe(true);
    expect(drawQuestions(bank, 20)).toHaveLength(10);
  });

  it("formats the time left", () => {
    expect(formatRemaining(65_000)).toBe("01:05");
    expect(formatRemaining(3_600_000 + 61_000)).toBe("1:01:01");
    expect(formatRemaining(-5)).toBe("00:00");
    expect(formatRemaining(1)).toBe("00:01");
  });

  it("writes scores as the learner's language does", () => {
    expect(formatScore(87.5, "it")).toBe("87,5");
    expect(formatScore(87.5, "en")).toBe("87.5");
    expect(formatScore(66.66666, "it")).toBe("66,7");
    expect(formatScore(100, "it")).toBe("100");
  });
});

describe("academy progress in the browser", () => {
  const path: PathShape = {
    modules: [
      { id: "m1", prerequisites: [], completion: "pass_quiz", items: [{ id: "a1", kind: "article" }, { id: "q1", kind: "quiz" }] },
      { id: "m2", prerequisites: ["m1"], completion: "all_items", items: [{ id: "a2", kind: "article" }, { id: "e2", kind: "exercise" }] },
    ],
  };
  const at = "2026-11-25T08:00:00.000Z";

  it("locks a module until its prerequisites are complete, by each module's rule", () => {
    expect(moduleProgress(path, {}).map((m) => [m.id, m.completed, m.locked])).toEqual([
      ["m1", false, false],
      ["m2", false, true],
    ]);
    // pass_quiz: the article need not be read, a failed quiz is not enough
    expect(moduleProgress(path, { q1: { status: "failed", score: 50, completedAt: null } })[1]!.locked).toBe(true);
    const passed = moduleProgress(path, { q1: { status: "passed", score: 90, completedAt: at } });
    expect(passed.map((m) => [m.completed, m.locked])).toEqual([
      [true, false],
      [false, false],
    ]);
    // all_items: every item done
    const all = moduleProgress(path, {
      q1: { status: "passed", score: 90, completedAt: at },
      a2: { status: "completed", score: null, completedAt: at },
      e2: { status: "completed", score: 60, completedAt: at },
    });
    expect(all.every((m) => m.completed)).toBe(true);
    expect(all[1]!.items.find((i) => i.id === "e2")).toEqual({ id: "e2", status: "completed", score: 60, completedAt: at });
  });

  it("keeps a pass and the best score when a later attempt fails", () => {
    const pass = { status: "passed" as const, score: 80, completedAt: at };
    expect(mergeResult(pass, { status: "failed", score: 40, completedAt: null })).toEqual(pass);
    expect(mergeResult({ status: "failed", score: 60, completedAt: null }, { status: "failed", score: 40, completedAt: null })).toEqual({ status: "failed", score: 60, completedAt: null });
    expect(mergeResult({ status: "failed", score: 60, completedAt: null }, pass)).toEqual(pass);
    expect(mergeResult(pass, { status: "passed", score: 100, completedAt: "2026-12-01T00:00:00.000Z" })).toEqual({ status: "passed", score: 100, completedAt: at });
  });

  it("reads only well-formed progress from storage", () => {
    expect(parseLocalProgress(null)).toEqual({ version: 1, items: {} });
    expect(parseLocalProgress("{not json")).toEqual({ version: 1, items: {} });
    expect(parseLocalProgress(JSON.stringify({ version: 2, items: {} }))).toEqual({ version: 1, items: {} });
    expect(
      parseLocalProgress(JSON.stringify({ version: 1, items: { a: { status: "completed", score: "x", completedAt: at }, b: { status: "hacked" }, c: null } })),
    ).toEqual({ version: 1, items: { a: { status: "completed", score: null, completedAt: at } } });
  });
});

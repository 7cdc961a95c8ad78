import { describe, expect, it } from "vitest";
import type { Question } from "./content/path-package.ts";
import { answerShapeProblem, gradeQuestion, gradeQuiz } from "./grading.ts";
import type { Quiz } from "./path-content.ts";

// The grading rules of docs/ACADEMY-FORMAT.md, one by one.

const multiple: Question = {
  id: "m",
  type: "multiple",
  prompt: "Quali?",
  choices: [
    { id: "a", text: "A", correct: true, feedback: "Sì, A" },
    { id: "b", text: "B", correct: true },
    { id: "c", text: "C", correct: false, feedback: "No, C" },
  ],
  explanation: "A e B",
};
const matching: Question = {
  id: "x",
  type: "matching",
  prompt: "Abbina",
  pairs: [
    { left: "1", right: "uno" },
    { left: "2", right: "due" },
    { left: "3", right: "tre" },
    { left: "4", right: "quattro" },
  ],
};
const ordering: Question = { id: "o", type: "ordering", prompt: "Ordina", steps: ["primo", "secondo", "terzo", "quarto"] };
const trueFalse: Question = { id: "t", type: "true_false", prompt: "Vero?", answer: false, feedbackTrue: "Falso, invece", feedbackFalse: "Giusto" };

describe("grading", () => {
  it("gives multiple choice full marks only for exactly the right set, with the feedback of what was chosen", () => {
    expect(gradeQuestion(multiple, { questionId: "m", choiceIds: ["a", "b"] })).toMatchObject({ right: true, points: 1, feedback: ["Sì, A", "A e B"] });
    expect(gradeQuestion(multiple, { questionId: "m", choiceIds: ["a"] }).points).toBe(0);
    expect(gradeQuestion(multiple, { questionId: "m", choiceIds: ["a", "b", "c"] })).toMatchObject({ points: 0, feedback: ["Sì, A", "No, C", "A e B"] });
    expect(gradeQuestion(multiple, { questionId: "m", choiceIds: ["a", "a"] }).points).toBe(0);
  });

  it("gives matching and ordering the share of positions right", () => {
    expect(gradeQuestion(matching, { questionId: "x", matches: ["uno", "due", "quattro", "tre"] }).points).toBe(0.5);
    expect(gradeQuestion(ordering, { questionId: "o", order: ["primo", "terzo", "secondo", "quarto"] })).toMatchObject({ right: false, points: 0.5 });
    expect(gradeQuestion(ordering, { questionId: "o", order: ["primo", "secondo", "terzo", "quarto"] })).toMatchObject({ right: true, points: 1 });
    expect(gradeQuestion(ordering, { questionId: "o" }).points).toBe(0);
  });

  it("answers true/false with the feedback of the side chosen", () => {
    expect(gradeQuestion(trueFalse, { questionId: "t", value: true })).toMatchObject({ points: 0, feedback: ["Falso, invece"] });
    expect(gradeQuestion(trueFalse, { questionId: "t", value: false })).toMatchObject({ points: 1, feedback: ["Giusto"] });
  });

  it("scores points over questions and passes at the pass mark", () => {
    const quiz: Quiz = { id: "q", kind: "quiz", title: "Quiz", passMark: 60, questions: [multiple, matching, ordering, trueFalse] };
    const result = gradeQuiz(quiz, ["m", "x", "o", "t"], [
      { questionId: "m", choiceIds: ["a", "b"] },
      { questionId: "x", matches: ["uno", "due", "quattro", "tre"] },
      { questionId: "o", order: ["primo", "terzo", "secondo", "quarto"] },
    ]);
    expect(result).toMatchObject({ points: 2, maxPoints: 4, scorePercent: 50, passed: false });
    const better = gradeQuiz(quiz, ["m", "x", "o", "t"], [
      { questionId: "m", choiceIds: ["a", "b"] },
      { questionId: "x", matches: ["uno", "due", "quattro", "tre"] },
      { questionId: "t", value: false },
    ]);
    expect(better).toMatchObject({ points: 2.5, scorePercent: 62.5, passed: true });
  });

  it("names the field of an answer in the wrong shape for its question", () => {
    expect(answerShapeProblem(multiple, { questionId: "m", value: true })).toBe("value");
    expect(answerShapeProblem(multiple, { questionId: "m", choiceIds: ["z"] })).toBe("choiceIds");
    expect(answerShapeProblem(ordering, { questionId: "o", order: ["primo"] })).toBeNull();
    expect(answerShapeProblem({ ...multiple, type: "single" }, { questionId: "m", choiceIds: ["a", "b"] })).toBe("choiceIds");
  });
});

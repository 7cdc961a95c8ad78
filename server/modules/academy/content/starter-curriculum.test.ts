import { describe, expect, it } from "vitest";
import { loadPathPackages } from "./starter-curriculum.ts";
import { validatePathPackage } from "./validate-path.ts";

// What issue 6 promises of the curriculum we ship: six modules on named topics, each with an
// article, a quiz of at least eight questions and an exercise, all in Italian.
describe("the starter curriculum", () => {
  it("has the six promised modules, each with an article, a quiz of at least eight questions and an exercise", async () => {
    const paths = await loadPathPackages();
    const modules = paths.flatMap((p) => p.modules);
    expect(modules.map((m) => m.id).sort()).toEqual(
      [
        "aggiornamenti-e-dispositivi",
        "cyberbullismo",
        "incidente-in-ufficio",
        "ingegneria-sociale-e-doxing",
        "password-e-mfa",
        "phishing-e-frodi-online",
      ].sort(),
    );
    for (const module of modules) {
      const kinds = module.items.map((i) => i.kind);
      expect(kinds, module.id).toEqual(expect.arrayContaining(["article", "quiz", "exercise"]));
      for (const item of module.items) if (item.kind === "quiz") expect(item.questions.length, item.id).toBeGreaterThanOrEqual(8);
    }
    expect(paths.every((p) => p.language === "it")).toBe(true);
  });

  it("uses every question type and both kinds of exercise somewhere", async () => {
    const items = (await loadPathPackages()).flatMap((p) => p.modules.flatMap((m) => m.items));
    const types = new Set(items.flatMap((i) => (i.kind === "quiz" ? i.questions.map((q) => q.type) : [])));
    expect([...types].sort()).toEqual(["matching", "multiple", "ordering", "single", "true_false"]);
    const exercises = new Set(items.flatMap((i) => (i.kind === "exercise" ? [i.exercise.type] : [])));
    expect([...exercises].sort()).toEqual(["branching", "spot_the_phishing"]);
  });
});

const minimal = () => ({
  format: "cittadella-academy-path/1",
  id: "prova",
  version: "1.0.0",
  language: "it",
  title: "Prova",
  summary: "Un percorso di prova",
  audiences: ["citizens"],
  level: "base",
  author: "Test",
  licence: "CC BY-SA 4.0",
  modules: [
    {
      id: "m1",
      title: "Modulo",
      summary: "Riassunto",
      completion: "pass_quiz",
      items: [
        {
          id: "q",
          kind: "quiz",
          title: "Quiz",
          passMark: 75,
          questions: [
            {
              id: "q1",
              type: "single",
              prompt: "Domanda?",
              choices: [
                { id: "a", text: "Sì", correct: true },
                { id: "b", text: "No", correct: false },
              ],
            },
          ],
        },
      ],
    },
  ] as Record<string, unknown>[],
});

describe("validatePathPackage", () => {
  it("accepts a minimal path", () => {
    expect(validatePathPackage(minimal()).ok).toBe(true);
  });

  it("names the field of a schema error", () => {
    const input = minimal();
    input.level = "expert";
    const result = validatePathPackage(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.field).toBe("level");
  });

  it("refuses a single-choice question nobody can answer right", () => {
    const input = minimal();
    const quiz = (input.modules[0]!.items as { questions: { choices: { correct: boolean }[] }[] }[])[0]!;
    quiz.questions[0]!.choices[0]!.correct = false;
    const result = validatePathPackage(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([{ field: "modules[0].items[0].questions[0]", reason: expect.stringContaining("exactly one correct") }]);
  });

  it("refuses a prerequisite that is not an earlier module, and a draw larger than the bank", () => {
    const input = minimal();
    input.modules[0]!.prerequisites = ["m2"];
    (input.modules[0]!.items as Record<string, unknown>[])[0]!.drawCount = 3;
    const result = validatePathPackage(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.field).sort()).toEqual(["modules[0].items[0].drawCount", "modules[0].prerequisites[0]"]);
  });

  it("refuses a scenario with a step that cannot be reached and a loop without an ending", () => {
    const input = minimal();
    input.modules[0]!.completion = "all_items";
    input.modules[0]!.items = [
      {
        id: "s",
        kind: "exercise",
        title: "Scenario",
        instructions: "Scegli",
        exercise: {
          type: "branching",
          start: "a",
          debrief: "Fine",
          nodes: [
            { id: "a", situation: "A", choices: [{ text: "vai", next: "b", feedback: "ok" }] },
            { id: "b", situation: "B", choices: [{ text: "torna", next: "a", feedback: "ok" }] },
            { id: "c", situation: "C", outcome: "good" },
          ],
        },
      },
    ];
    const result = validatePathPackage(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const reasons = result.issues.map((i) => i.reason).join(" | ");
      expect(reasons).toContain('"c" cannot be reached');
      expect(reasons).toContain('no ending can be reached from "a"');
    }
  });
});

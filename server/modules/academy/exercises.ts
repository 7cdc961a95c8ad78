import type { Exercise } from "./path-content.ts";

type SpotThePhishing = Extract<Exercise["exercise"], { type: "spot_the_phishing" }>;
type Scenario = Extract<Exercise["exercise"], { type: "branching" }>;

/**
 * "Spot the phishing": every part of the message, header and body, is judged. A part is right
 * when the learner marked it and it is suspicious, or left it and it is innocent; the score is the
 * share of parts judged right, so marking everything is no way to win.
 */
export function checkSpotThePhishing(exercise: SpotThePhishing, marked: readonly string[]) {
  const parts = [...exercise.header.map((h) => h.part), ...exercise.body];
  const chosen = new Set(marked);
  const results = parts.map((p) => {
    const wasMarked = chosen.has(p.id);
    return { partId: p.id, marked: wasMarked, suspicious: p.suspicious, right: wasMarked === p.suspicious, feedback: p.feedback };
  });
  const right = results.filter((r) => r.right).length;
  return {
    parts: results,
    found: results.filter((r) => r.suspicious && r.marked).length,
    suspiciousParts: results.filter((r) => r.suspicious).length,
    scorePercent: Math.round((right / parts.length) * 1000) / 10,
    debrief: exercise.debrief,
  };
}

export const unknownParts = (exercise: SpotThePhishing, marked: readonly string[]) => {
  const ids = new Set([...exercise.header.map((h) => h.part.id), ...exercise.body.map((p) => p.id)]);
  return marked.findIndex((id) => !ids.has(id));
};

const outcomeScore = { good: 100, acceptable: 50, bad: 0 } as const;

/**
 * Replays a branching scenario from its start through the choices made (each an index into the
 * node's choices), so the server, not the browser, says where the learner stands. Only the node
 * reached is shown, with the feedback on the last choice; an ending adds its outcome and the debrief.
 * Returns the index of the first impossible choice instead when the walk goes nowhere.
 */
export function walkScenario(scenario: Scenario, choices: readonly number[]) {
  const byId = new Map(scenario.nodes.map((n) => [n.id, n]));
  let node = byId.get(scenario.start)!;
  let feedback: string | null = null;
  for (const [i, choice] of choices.entries()) {
    const option = node.choices[choice];
    if (!option) return { invalidAt: i } as const;
    feedback = option.feedback;
    node = byId.get(option.next)!;
  }
  const ending = node.choices.length === 0;
  return {
    invalidAt: null,
    node: { id: node.id, situation: node.situation, choices: node.choices.map((c) => ({ text: c.text })) },
    feedback,
    ending: ending ? { outcome: node.outcome ?? "acceptable", scorePercent: outcomeScore[node.outcome ?? "acceptable"], debrief: scenario.debrief } : null,
  } as const;
}

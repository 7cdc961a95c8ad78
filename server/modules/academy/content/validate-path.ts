import { pathPackage, type PathPackage, type PathItem, type Question } from "./path-package.ts";

/** A problem in a path package: where (a JSON path a person can find in the file) and why. */
export interface PathIssue {
  field: string;
  reason: string;
}

export type PathValidation = { ok: true; path: PathPackage } | { ok: false; issues: PathIssue[] };

const formatPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");

/**
 * The schema, then what a schema cannot say: ids unique, prerequisites earlier in the path and
 * existing, questions answerable (exactly one right choice for single choice...), a scenario whose
 * every step is reachable and that ends somewhere. A learner must never meet a quiz nobody can pass.
 */
export function validatePathPackage(input: unknown): PathValidation {
  const parsed = pathPackage.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ field: formatPath(i.path) || "(package)", reason: i.message })) };
  }
  const path = parsed.data;
  const issues: PathIssue[] = [];
  const seen = new Map<string, string>();
  const unique = (value: string, field: string) => {
    const first = seen.get(value);
    if (first) issues.push({ field, reason: `duplicate id "${value}" (already at ${first})` });
    else seen.set(value, field);
  };

  const earlierModules = new Set<string>();
  path.modules.forEach((module, m) => {
    const at = `modules[${m}]`;
    unique(module.id, `${at}.id`);
    module.prerequisites.forEach((pre, p) => {
      if (!earlierModules.has(pre)) issues.push({ field: `${at}.prerequisites[${p}]`, reason: `"${pre}" is not a module earlier in this path` });
    });
    earlierModules.add(module.id);
    if (module.completion === "pass_quiz" && !module.items.some((item) => item.kind === "quiz")) {
      issues.push({ field: `${at}.completion`, reason: "pass_quiz needs a quiz in the module" });
    }
    module.items.forEach((item, i) => {
      unique(item.id, `${at}.items[${i}].id`);
      issues.push(...checkItem(item, `${at}.items[${i}]`));
    });
  });
  return issues.length ? { ok: false, issues } : { ok: true, path };
}

function checkItem(item: PathItem, at: string): PathIssue[] {
  if (item.kind === "quiz") {
    const issues: PathIssue[] = [];
    const ids = new Set<string>();
    item.questions.forEach((q, i) => {
      if (ids.has(q.id)) issues.push({ field: `${at}.questions[${i}].id`, reason: `duplicate question id "${q.id}"` });
      ids.add(q.id);
      const problem = questionProblem(q);
      if (problem) issues.push({ field: `${at}.questions[${i}]`, reason: problem });
    });
    if (item.drawCount !== undefined && item.drawCount > item.questions.length) {
      issues.push({ field: `${at}.drawCount`, reason: `draws ${item.drawCount} of only ${item.questions.length} questions` });
    }
    return issues;
  }
  if (item.kind === "exercise" && item.exercise.type === "branching") return checkScenario(item.exercise, `${at}.exercise`);
  if (item.kind === "exercise" && item.exercise.type === "spot_the_phishing") {
    const parts = [...item.exercise.header.map((h) => h.part), ...item.exercise.body];
    const issues: PathIssue[] = [];
    if (!parts.some((p) => p.suspicious)) issues.push({ field: `${at}.exercise.body`, reason: "no part is marked suspicious" });
    if (!parts.some((p) => !p.suspicious)) issues.push({ field: `${at}.exercise.body`, reason: "every part is suspicious: nothing to tell apart" });
    const ids = new Set<string>();
    parts.forEach((p) => {
      if (ids.has(p.id)) issues.push({ field: `${at}.exercise`, reason: `duplicate part id "${p.id}"` });
      ids.add(p.id);
    });
    return issues;
  }
  return [];
}

function questionProblem(q: Question): string | null {
  if (q.type === "single" || q.type === "multiple") {
    const right = q.choices.filter((c) => c.correct).length;
    if (q.type === "single" && right !== 1) return `a single-choice question needs exactly one correct choice, has ${right}`;
    if (q.type === "multiple" && right < 1) return "a multiple-choice question needs at least one correct choice";
    if (new Set(q.choices.map((c) => c.id)).size !== q.choices.length) return "choice ids repeat";
  }
  if (q.type === "matching" && new Set(q.pairs.map((p) => p.right)).size !== q.pairs.length) return "two pairs share a right-hand side";
  if (q.type === "ordering" && new Set(q.steps).size !== q.steps.length) return "two steps are the same";
  return null;
}

type Scenario = Extract<Extract<PathItem, { kind: "exercise" }>["exercise"], { type: "branching" }>;

function checkScenario(scenario: Scenario, at: string): PathIssue[] {
  const issues: PathIssue[] = [];
  const byId = new Map(scenario.nodes.map((n) => [n.id, n]));
  if (byId.size !== scenario.nodes.length) issues.push({ field: `${at}.nodes`, reason: "node ids repeat" });
  if (!byId.has(scenario.start)) issues.push({ field: `${at}.start`, reason: `no node "${scenario.start}"` });
  scenario.nodes.forEach((node, n) =>
    node.choices.forEach((c, i) => {
      if (!byId.has(c.next)) issues.push({ field: `${at}.nodes[${n}].choices[${i}].next`, reason: `no node "${c.next}"` });
    }),
  );
  if (issues.length) return issues;
  // Every node reachable from the start, and an ending reachable from every node: no dead ends
  // a learner can wander into and no loop without a way out.
  const reached = new Set<string>();
  const walk = [scenario.start];
  while (walk.length) {
    const id = walk.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    walk.push(...byId.get(id)!.choices.map((c) => c.next));
  }
  scenario.nodes.forEach((node, n) => {
    if (!reached.has(node.id)) issues.push({ field: `${at}.nodes[${n}]`, reason: `"${node.id}" cannot be reached from the start` });
  });
  const ends = new Set(scenario.nodes.filter((n) => n.choices.length === 0).map((n) => n.id));
  if (ends.size === 0) issues.push({ field: `${at}.nodes`, reason: "the scenario has no ending" });
  let grew = true;
  while (grew) {
    grew = false;
    for (const node of scenario.nodes) {
      if (!ends.has(node.id) && node.choices.some((c) => ends.has(c.next))) {
        ends.add(node.id);
        grew = true;
      }
    }
  }
  scenario.nodes.forEach((node, n) => {
    if (!ends.has(node.id)) issues.push({ field: `${at}.nodes[${n}]`, reason: `no ending can be reached from "${node.id}"` });
  });
  scenario.nodes.forEach((node, n) => {
    if (node.choices.length === 0 && !node.outcome) issues.push({ field: `${at}.nodes[${n}].outcome`, reason: "an ending needs an outcome" });
  });
  return issues;
}

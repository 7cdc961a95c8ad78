// The academy's pure rules in the browser: a quiz's answers as the server expects them, a random
// draw for learners without an account, and the progress of a path kept in the browser, with the
// same completion and prerequisite rules as the server (docs/ACADEMY-FORMAT.md, "Completion").
// No DOM and no React here: test/web/academy-model.test.ts tests it.

export type QuestionType = "single" | "multiple" | "true_false" | "matching" | "ordering";

export interface LearnerQuestion {
  id: string;
  type: QuestionType;
  prompt: string;
  choices?: { id: string; text: string }[];
  left?: string[];
  right?: string[];
  steps?: string[];
}

/** What the learner has put in so far, per question. */
export interface AnswerDraft {
  choiceIds: string[];
  value: boolean | null;
  /** matching: the right-hand text chosen for each left-hand item, "" when none */
  matches: string[];
  /** ordering: the steps in the learner's order */
  order: string[];
}

export interface QuizAnswer {
  questionId: string;
  choiceIds?: string[];
  value?: boolean;
  matches?: string[];
  order?: string[];
}

export function emptyDraft(q: LearnerQuestion): AnswerDraft {
  return { choiceIds: [], value: null, matches: (q.left ?? []).map(() => ""), order: [...(q.steps ?? [])] };
}

/** The answer sent to the server: only the field of the question's type; nothing when unanswered. */
export function toAnswer(q: LearnerQuestion, draft: AnswerDraft): QuizAnswer {
  switch (q.type) {
    case "single":
    case "multiple":
      return draft.choiceIds.length ? { questionId: q.id, choiceIds: draft.choiceIds } : { questionId: q.id };
    case "true_false":
      return draft.value === null ? { questionId: q.id } : { questionId: q.id, value: draft.value };
    case "matching":
      return draft.matches.some(Boolean) ? { questionId: q.id, matches: draft.matches } : { questionId: q.id };
    case "ordering":
      return { questionId: q.id, order: draft.order };
  }
}

export function isAnswered(q: LearnerQuestion, draft: AnswerDraft): boolean {
  switch (q.type) {
    case "single":
    case "multiple":
      return draft.choiceIds.length > 0;
    case "true_false":
      return draft.value !== null;
    case "matching":
      return draft.matches.every(Boolean);
    case "ordering":
      return true;
  }
}

/** Moves one step of an ordering question up (-1) or down (+1); out of range changes nothing. */
export function moveStep(order: readonly string[], index: number, by: -1 | 1): string[] {
  const target = index + by;
  if (index < 0 || index >= order.length || target < 0 || target >= order.length) return [...order];
  const next = [...order];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** `count` questions of the bank in random order (the server draws them itself for signed-in learners). */
export function drawQuestions<T>(bank: readonly T[], count: number, random: () => number = Math.random): T[] {
  const out = [...bank];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out.slice(0, Math.min(count, out.length));
}

/** "mm:ss" (or "h:mm:ss") of the milliseconds left, never negative. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

// ---- progress ----

export type ItemStatus = "not_started" | "completed" | "passed" | "failed";

export interface ItemProgress {
  status: ItemStatus;
  score: number | null;
  completedAt: string | null;
}

export interface PathShape {
  modules: { id: string; prerequisites: string[]; completion: "all_items" | "pass_quiz"; items: { id: string; kind: string }[] }[];
}

export interface ModuleProgress {
  id: string;
  completed: boolean;
  /** its prerequisites are not all complete */
  locked: boolean;
  items: ({ id: string } & ItemProgress)[];
}

const done = (status: ItemStatus | undefined) => status === "completed" || status === "passed";

/** The modules' state from the items' state, by the server's rules. */
export function moduleProgress(path: PathShape, items: Record<string, ItemProgress>): ModuleProgress[] {
  const complete = new Map<string, boolean>();
  return path.modules.map((m) => {
    // prerequisites are earlier modules (the package validator checks it), so they are known here
    const locked = m.prerequisites.some((p) => !complete.get(p));
    const ruleHolds =
      m.completion === "all_items" ? m.items.every((i) => done(items[i.id]?.status)) : m.items.filter((i) => i.kind === "quiz").every((i) => items[i.id]?.status === "passed");
    const completed = ruleHolds && !locked;
    complete.set(m.id, completed);
    return {
      id: m.id,
      completed,
      locked,
      items: m.items.map((i) => ({ id: i.id, ...(items[i.id] ?? { status: "not_started" as const, score: null, completedAt: null }) })),
    };
  });
}

/**
 * A new result for an item, as the server keeps it: a pass is never undone by a later fail, the
 * best score is kept, and a completed item stays completed.
 */
export function mergeResult(previous: ItemProgress | undefined, next: ItemProgress): ItemProgress {
  if (!previous) return next;
  const best = previous.score === null ? next.score : next.score === null ? previous.score : Math.max(previous.score, next.score);
  if (done(previous.status) && !done(next.status)) return { ...previous, score: best };
  return { ...next, score: best, completedAt: done(previous.status) ? previous.completedAt : next.completedAt };
}

/** The browser's copy of a path's progress for a learner without an account. */
export interface LocalProgress {
  version: 1;
  items: Record<string, ItemProgress>;
}

export const localProgressKey = (pathSlug: string) => `cittadella.academy.${pathSlug}`;

/** Reads what localStorage holds; anything unreadable counts as no progress. */
export function parseLocalProgress(raw: string | null): LocalProgress {
  if (!raw) return { version: 1, items: {} };
  try {
    const parsed = JSON.parse(raw) as Partial<LocalProgress>;
    if (parsed.version !== 1 || typeof parsed.items !== "object" || parsed.items === null) return { version: 1, items: {} };
    const items: Record<string, ItemProgress> = {};
    for (const [id, value] of Object.entries(parsed.items)) {
      if (value && ["not_started", "completed", "passed", "failed"].includes(value.status)) {
        items[id] = { status: value.status, score: typeof value.score === "number" ? value.score : null, completedAt: typeof value.completedAt === "string" ? value.completedAt : null };
      }
    }
    return { version: 1, items };
  } catch {
    return { version: 1, items: {} };
  }
}

/** A score or points as the learner's language writes it (87,5 in Italian), one decimal at most. */
export function formatScore(n: number, locale: string): string {
  return n.toLocaleString(locale === "en" ? "en-GB" : "it-IT", { maximumFractionDigits: 1 });
}

import { randomInt } from "node:crypto";
import type { PathItem, Question } from "./content/path-package.ts";
import type { LoadedPath } from "./path-content.ts";

// What a learner's browser receives: the path without anything that gives an answer away. No
// `correct` on choices, no true/false answer, no feedback (it comes back with grading), no
// `suspicious` on message parts, matching and ordering shown shuffled, a scenario's first step only
// (the next ones come from walking it, see scenario.ts). Built field by field, never by deleting
// from the authored object, so a field added to the format later stays on the server by default.

export function shuffled<T>(list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Shuffled, but never in the authored (right) order when there is another one. */
function shuffledAway<T>(list: readonly T[]): T[] {
  for (let tries = 0; tries < 5; tries++) {
    const out = shuffled(list);
    if (out.some((v, i) => v !== list[i])) return out;
  }
  return [...list].reverse();
}

export function learnerQuestion(q: Question) {
  switch (q.type) {
    case "single":
    case "multiple":
      return { id: q.id, type: q.type, prompt: q.prompt, choices: q.choices.map((c) => ({ id: c.id, text: c.text })) };
    case "true_false":
      return { id: q.id, type: q.type, prompt: q.prompt };
    case "matching":
      return { id: q.id, type: q.type, prompt: q.prompt, left: q.pairs.map((p) => p.left), right: shuffledAway(q.pairs.map((p) => p.right)) };
    case "ordering":
      return { id: q.id, type: q.type, prompt: q.prompt, steps: shuffledAway(q.steps) };
  }
}
export type LearnerQuestion = ReturnType<typeof learnerQuestion>;

export function learnerItem(item: PathItem) {
  const base = { id: item.id, kind: item.kind, title: item.title };
  switch (item.kind) {
    case "article":
      return { ...base, markdown: item.markdown, estimatedMinutes: item.estimatedMinutes };
    case "video":
      return { ...base, media: item.media, captions: item.captions, transcript: item.transcript, estimatedMinutes: item.estimatedMinutes };
    case "resource":
      return { ...base, description: item.description, file: item.file };
    case "quiz":
      return {
        ...base,
        passMark: item.passMark,
        drawCount: item.drawCount ?? item.questions.length,
        maxAttempts: item.maxAttempts ?? null,
        timeLimitMinutes: item.timeLimitMinutes ?? null,
        // the whole bank, for learners without an account (checked statelessly); signed-in
        // learners get their own draw when they start an attempt
        questions: item.questions.map(learnerQuestion),
      };
    case "exercise": {
      const exercise = item.exercise;
      if (exercise.type === "spot_the_phishing") {
        const part = (p: { id: string; text: string }) => ({ id: p.id, text: p.text });
        return {
          ...base,
          instructions: item.instructions,
          exercise: {
            type: exercise.type,
            channel: exercise.channel,
            header: exercise.header.map((h) => ({ label: h.label, part: part(h.part) })),
            body: exercise.body.map(part),
          },
        };
      }
      const start = exercise.nodes.find((n) => n.id === exercise.start)!;
      return {
        ...base,
        instructions: item.instructions,
        exercise: { type: exercise.type, start: { id: start.id, situation: start.situation, choices: start.choices.map((c) => ({ text: c.text })) } },
      };
    }
  }
}

export function learnerPath(path: LoadedPath) {
  const { row, content } = path;
  return {
    id: row.id,
    slug: row.slug,
    language: row.language,
    version: row.version,
    title: content.title,
    summary: content.summary,
    audiences: content.audiences,
    level: content.level,
    author: content.author,
    licence: content.licence,
    visibility: row.visibility,
    ownerOrgId: row.ownerOrgId,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    estimatedMinutes: path.minutes,
    modules: content.modules.map((m) => ({
      id: m.id,
      title: m.title,
      summary: m.summary,
      prerequisites: m.prerequisites,
      completion: m.completion,
      items: m.items.map(learnerItem),
    })),
  };
}

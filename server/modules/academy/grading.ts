import type { Question } from "./content/path-package.ts";
import type { Quiz } from "./path-content.ts";

// Grading rules (docs/ACADEMY-FORMAT.md, "Grading"): single choice, true/false and multiple
// choice are all or nothing (multiple: exactly the right set); matching and ordering earn the share
// of positions right. The score is the points over the number of questions; pass at passMark %.

export interface QuizAnswer {
  questionId: string;
  /** single (one id) and multiple choice */
  choiceIds?: string[] | undefined;
  /** true/false */
  value?: boolean | undefined;
  /** matching: for each left-hand item, in the order shown, the right-hand text chosen */
  matches?: string[] | undefined;
  /** ordering: the steps' texts in the learner's order */
  order?: string[] | undefined;
}

export interface QuestionResult {
  questionId: string;
  /** full marks */
  right: boolean;
  /** 0..1 */
  points: number;
  /** feedback on what the learner chose, then the question's explanation */
  feedback: string[];
}

export interface QuizResult {
  questions: QuestionResult[];
  points: number;
  maxPoints: number;
  /** points / questions, in %, one decimal */
  scorePercent: number;
  passed: boolean;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set(a).size === a.length && a.every((x) => b.includes(x));

function share(given: readonly string[] | undefined, expected: readonly string[]): number {
  if (!given) return 0;
  let right = 0;
  expected.forEach((value, i) => {
    if (given[i] === value) right++;
  });
  return right / expected.length;
}

export function gradeQuestion(q: Question, answer: QuizAnswer | undefined): QuestionResult {
  const feedback: string[] = [];
  let points = 0;
  switch (q.type) {
    case "single":
    case "multiple": {
      const chosen = answer?.choiceIds ?? [];
      const right = q.choices.filter((c) => c.correct).map((c) => c.id);
      points = sameSet(chosen, right) ? 1 : 0;
      for (const choice of q.choices) if (chosen.includes(choice.id) && choice.feedback) feedback.push(choice.feedback);
      break;
    }
    case "true_false": {
      if (answer?.value !== undefined) {
        points = answer.value === q.answer ? 1 : 0;
        const said = answer.value ? q.feedbackTrue : q.feedbackFalse;
        if (said) feedback.push(said);
      }
      break;
    }
    case "matching":
      points = share(answer?.matches, q.pairs.map((p) => p.right));
      break;
    case "ordering":
      points = share(answer?.order, q.steps);
      break;
  }
  if (q.explanation) feedback.push(q.explanation);
  return { questionId: q.id, right: points === 1, points, feedback };
}

/** Grades the given questions of a quiz; a question without an answer scores nothing. */
export function gradeQuiz(quiz: Quiz, questionIds: readonly string[], answers: readonly QuizAnswer[]): QuizResult {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const given = new Map(answers.map((a) => [a.questionId, a]));
  const questions = questionIds.map((id) => gradeQuestion(byId.get(id)!, given.get(id)));
  const points = questions.reduce((sum, q) => sum + q.points, 0);
  const maxPoints = questions.length;
  const scorePercent = maxPoints ? Math.round((points / maxPoints) * 1000) / 10 : 0;
  return { questions, points, maxPoints, scorePercent, passed: scorePercent >= quiz.passMark };
}

/** The answer fields each question type takes; anything else is the learner's client confused. */
export function answerShapeProblem(q: Question, answer: QuizAnswer): string | null {
  const expected = q.type === "single" || q.type === "multiple" ? "choiceIds" : q.type === "true_false" ? "value" : q.type === "matching" ? "matches" : "order";
  const fields = (["choiceIds", "value", "matches", "order"] as const).filter((f) => answer[f] !== undefined);
  const extra = fields.find((f) => f !== expected);
  if (extra) return extra;
  if (q.type === "single" && answer.choiceIds && answer.choiceIds.length > 1) return "choiceIds";
  if ((q.type === "single" || q.type === "multiple") && answer.choiceIds?.some((id) => !q.choices.some((c) => c.id === id))) return "choiceIds";
  return null;
}

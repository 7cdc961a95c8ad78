import type { Db } from "../../db/client.ts";
import { academyPaths } from "./academy.tables.ts";
import type { PathPackage, Question } from "./content/path-package.ts";
import type { QuizAnswer } from "./grading.ts";
import type { Quiz } from "./path-content.ts";
import { loadPathPackages } from "./content/starter-curriculum.ts";

// What a learner who knows (or gets wrong) every answer would send, worked out from the authored
// package on the server side: the tests grade through the API against it.

export function rightAnswer(q: Question): QuizAnswer {
  switch (q.type) {
    case "single":
    case "multiple":
      return { questionId: q.id, choiceIds: q.choices.filter((c) => c.correct).map((c) => c.id) };
    case "true_false":
      return { questionId: q.id, value: q.answer };
    case "matching":
      return { questionId: q.id, matches: q.pairs.map((p) => p.right) };
    case "ordering":
      return { questionId: q.id, order: [...q.steps] };
  }
}

export function wrongAnswer(q: Question): QuizAnswer {
  switch (q.type) {
    case "single":
    case "multiple":
      return { questionId: q.id, choiceIds: [q.choices.find((c) => !c.correct)?.id ?? q.choices[0]!.id].slice(0, 1) };
    case "true_false":
      return { questionId: q.id, value: !q.answer };
    case "matching":
      return { questionId: q.id, matches: q.pairs.map((p) => p.right).reverse() };
    case "ordering":
      return { questionId: q.id, order: [...q.steps].reverse() };
  }
}

export async function starterQuiz(slug: string, quizId: string): Promise<Quiz> {
  const path = (await loadPathPackages()).find((p) => p.id === slug)!;
  const quiz = path.modules.flatMap((m) => m.items).find((i) => i.id === quizId);
  if (quiz?.kind !== "quiz") throw new Error(`no quiz ${quizId} in ${slug}`);
  return quiz;
}

export const answersFor = (quiz: Quiz, questionIds: string[], answer: (q: Question) => QuizAnswer) =>
  questionIds.map((id) => answer(quiz.questions.find((q) => q.id === id)!));

/**
 * An organisation's own published path: the incident module of the starter curriculum under a
 * new id, visible to the organisation's members only.
 */
export async function makeOrganisationPath(db: Db, orgId: string, slug: string, title = "Percorso interno") {
  const source = (await loadPathPackages()).find((p) => p.id === "incidenti-in-ufficio")!;
  const content: PathPackage = { ...source, id: slug, title };
  const [row] = await db
    .insert(academyPaths)
    .values({
      slug,
      language: "it",
      version: "1.0.0",
      status: "published",
      ownerOrgId: orgId,
      visibility: "organisation",
      title,
      summary: content.summary,
      level: content.level,
      audiences: [...content.audiences],
      content,
      publishedAt: new Date(),
    })
    .returning();
  return row!;
}

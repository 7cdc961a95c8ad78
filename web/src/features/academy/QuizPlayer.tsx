import { useEffect, useRef, useState, type FormEvent } from "react";
import { FormErrors, useFormErrors } from "../../ui/index.ts";
import { useLocale } from "../../i18n/locale.tsx";
import { useT } from "../../i18n/use-t.ts";
import type { QuizResult } from "./academy-api.ts";
import { messages } from "./messages.ts";
import { emptyDraft, formatScore, isAnswered, toAnswer, type AnswerDraft, type LearnerQuestion, type QuizAnswer } from "./model.ts";
import { QuestionView } from "./QuestionView.tsx";
import { QuizTimer } from "./QuizTimer.tsx";

export interface QuizPlayerProps {
  questions: LearnerQuestion[];
  passMark: number;
  /** epoch ms when the answers must be in; null without a time limit */
  deadline: number | null;
  /** grades the answers (stateless check, or an attempt's submission) */
  onSubmit: (answers: QuizAnswer[]) => Promise<QuizResult>;
  /** after the result: start again; absent when no attempt is left */
  onRetry?: () => void;
  /** the content's language, when it differs from the interface's */
  lang?: string;
}

/**
 * A quiz on one page: every question as a fieldset, a timer when there is a time limit (answers
 * are handed in when it runs out), then the score, pass or fail, and each question's feedback.
 * Focus moves to the result, which is also announced.
 */
export function QuizPlayer({ questions, passMark, deadline, onSubmit, onRetry, lang }: QuizPlayerProps) {
  const t = useT(messages);
  const { locale } = useLocale();
  const number = (n: number) => formatScore(n, locale);
  const [drafts, setDrafts] = useState<Record<string, AnswerDraft>>(() => Object.fromEntries(questions.map((q) => [q.id, emptyDraft(q)])));
  const [result, setResult] = useState<QuizResult | null>(null);
  const [busy, setBusy] = useState(false);
  const { error, run } = useFormErrors();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const latest = useRef(drafts);
  latest.current = drafts;

  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const submit = async () => {
    if (busy || result) return;
    setBusy(true);
    const answers = questions.map((q) => toAnswer(q, latest.current[q.id] ?? emptyDraft(q)));
    const graded = await run(() => onSubmit(answers));
    setBusy(false);
    if (graded) setResult(graded);
  };
  const onForm = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  const answered = questions.filter((q) => isAnswered(q, drafts[q.id] ?? emptyDraft(q))).length;
  const gradedOf = (id: string) => result?.questions.find((g) => g.questionId === id);

  return (
    <div className="academy-quiz">
      {deadline !== null && !result && <QuizTimer deadline={deadline} onExpire={() => void submit()} />}
      <div aria-live="polite">
        {result && (
          <section className={`academy-result p-3 mb-4 rounded ${result.passed ? "academy-result-passed" : "academy-result-failed"}`} aria-labelledby="quiz-result-heading">
            <h2 id="quiz-result-heading" ref={resultHeading} tabIndex={-1} className="h4">
              {result.passed ? t("quiz.passed") : t("quiz.failed")}
            </h2>
            <p className="mb-1">{t("quiz.score", { score: number(result.scorePercent), passMark: result.passMark })}</p>
            <p className="mb-2">{t("quiz.points", { points: number(result.points), max: result.maxPoints })}</p>
            <p className="small mb-0">{t("quiz.feedbackBelow")}</p>
          </section>
        )}
      </div>
      <FormErrors error={error} />
      <form onSubmit={onForm} noValidate>
        {questions.map((q, i) => (
          <QuestionView
            key={q.id}
            question={q}
            number={i + 1}
            total={questions.length}
            draft={drafts[q.id] ?? emptyDraft(q)}
            onChange={(d) => setDrafts((all) => ({ ...all, [q.id]: d }))}
            graded={gradedOf(q.id)}
            lang={lang}
          />
        ))}
        {!result && (
          <div className="d-flex flex-wrap align-items-center gap-3">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t("quiz.submitting") : t("quiz.submit")}
            </button>
            <span className="small">
              {t("quiz.answered", { answered, total: questions.length, passMark })}
            </span>
          </div>
        )}
      </form>
      {result && onRetry && (
        <button type="button" className="btn btn-outline-primary mt-2" onClick={onRetry}>
          {t("quiz.retry")}
        </button>
      )}
    </div>
  );
}

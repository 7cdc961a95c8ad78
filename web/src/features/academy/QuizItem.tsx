import { useState } from "react";
import { useLocale } from "../../i18n/locale.tsx";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, useFormErrors } from "../../ui/index.ts";
import { academyApi, type AcademyItem, type AcademyPath } from "./academy-api.ts";
import { messages } from "./messages.ts";
import { drawQuestions, formatScore, type LearnerQuestion } from "./model.ts";
import { QuizPlayer } from "./QuizPlayer.tsx";
import type { LearnerProgress } from "./use-progress.ts";

interface Round {
  /** changes on every new draw or attempt, so the player starts clean */
  key: string;
  questions: LearnerQuestion[];
  deadline: number | null;
  attemptId: string | null;
  attemptNumber: number | null;
  maxAttempts: number | null;
}

/**
 * A quiz item: what it asks (questions, pass mark, attempts, time), then a round. A signed-in
 * learner's round is a server attempt (its own draw and deadline; the result is recorded); anyone
 * else gets a draw made here and a stateless check, the result kept in the browser.
 */
export function QuizItem({ path, item, progress }: { path: AcademyPath; item: AcademyItem; progress: LearnerProgress }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const [round, setRound] = useState<Round | null>(null);
  const [busy, setBusy] = useState(false);
  const { error, run } = useFormErrors();
  const bank = (item.questions ?? []) as LearnerQuestion[];
  const drawCount = item.drawCount ?? bank.length;
  const timeLimit = item.timeLimitMinutes ?? null;
  const signedIn = progress.source === "server";

  const start = async () => {
    setBusy(true);
    const next = await run(async (): Promise<Round> => {
      if (!signedIn) {
        return {
          key: String(Date.now()),
          questions: drawQuestions(bank, drawCount),
          deadline: timeLimit ? Date.now() + timeLimit * 60_000 : null,
          attemptId: null,
          attemptNumber: null,
          maxAttempts: null,
        };
      }
      const { attempt } = await academyApi.startAttempt(path.slug, item.id);
      await progress.reload();
      return {
        key: attempt.id,
        questions: attempt.questions as LearnerQuestion[],
        deadline: attempt.deadlineAt ? new Date(attempt.deadlineAt).getTime() : null,
        attemptId: attempt.id,
        attemptNumber: attempt.attemptNumber,
        maxAttempts: attempt.maxAttempts,
      };
    });
    setBusy(false);
    if (next) setRound(next);
  };

  const submit = async (answers: Parameters<typeof academyApi.checkQuiz>[2]) => {
    if (round?.attemptId) {
      const result = await academyApi.submitAttempt(round.attemptId, answers);
      await progress.reload();
      return result;
    }
    const result = await academyApi.checkQuiz(path.slug, item.id, answers);
    progress.record(item.id, { status: result.passed ? "passed" : "failed", score: result.scorePercent, completedAt: result.passed ? new Date().toISOString() : null });
    return result;
  };

  const attemptsLeft = round?.maxAttempts == null || round.attemptNumber == null ? true : round.attemptNumber < round.maxAttempts;
  const previous = progress.itemOf(item.id);

  if (round) {
    return (
      <>
        {round.attemptNumber !== null && (
          <p className="small">{round.maxAttempts ? t("quiz.attemptOf", { n: round.attemptNumber, max: round.maxAttempts }) : t("quiz.attempt", { n: round.attemptNumber })}</p>
        )}
        <QuizPlayer
          key={round.key}
          questions={round.questions}
          passMark={item.passMark ?? 0}
          deadline={round.deadline}
          onSubmit={submit}
          onRetry={attemptsLeft ? () => void start() : undefined}
          lang={path.language}
        />
        {!attemptsLeft && <p className="mt-3">{t("quiz.noAttemptsLeft")}</p>}
        <FormErrors error={error} />
      </>
    );
  }
  return (
    <section aria-labelledby="quiz-intro" className="academy-quiz-intro">
      <h2 id="quiz-intro" className="h4">
        {t("quiz.introTitle")}
      </h2>
      <ul>
        <li>{t("quiz.introQuestions", { count: drawCount, bank: bank.length })}</li>
        <li>{t("quiz.introPassMark", { passMark: item.passMark ?? 0 })}</li>
        {signedIn && item.maxAttempts ? <li>{t("quiz.introAttempts", { max: item.maxAttempts })}</li> : null}
        <li>{timeLimit ? t("quiz.introTime", { minutes: timeLimit }) : t("quiz.introNoTime")}</li>
      </ul>
      {previous.status !== "not_started" && previous.score !== null && (
        <p>{t("quiz.previous", { score: formatScore(previous.score, locale), status: t(`status.${previous.status}`) })}</p>
      )}
      <FormErrors error={error} />
      <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void start()}>
        {t("quiz.start")}
      </button>
    </section>
  );
}

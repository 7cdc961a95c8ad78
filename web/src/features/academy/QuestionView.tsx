import { useEffect, useId, useRef, useState } from "react";
import { useT } from "../../i18n/use-t.ts";
import type { QuizResult } from "./academy-api.ts";
import { messages } from "./messages.ts";
import { moveStep, type AnswerDraft, type LearnerQuestion } from "./model.ts";

type Graded = QuizResult["questions"][number];

interface Props {
  question: LearnerQuestion;
  number: number;
  total: number;
  draft: AnswerDraft;
  onChange: (draft: AnswerDraft) => void;
  /** after submitting: the grading of this question; the inputs are then read-only */
  graded?: Graded;
  /** the content's language (prompts, choices), when it differs from the interface's */
  lang?: string | undefined;
}

/** One question of a quiz as a fieldset, with the input its type needs and, once graded, its feedback. */
export function QuestionView({ question: q, number, total, draft, onChange, graded, lang }: Props) {
  const t = useT(messages);
  const name = useId();
  const locked = graded !== undefined;
  const legend = (
    <legend className="h6 mb-3 academy-question-prompt">
      <span className="d-block small text-secondary fw-normal">{t("quiz.questionOf", { n: number, total })}</span>
      <span lang={lang}>{q.prompt}</span>
      {q.type === "multiple" && <span className="d-block small fw-normal mt-1">{t("quiz.multipleHint")}</span>}
    </legend>
  );
  return (
    <fieldset className="academy-question mb-4 p-3 border rounded" data-question={q.id}>
      {legend}
      {(q.type === "single" || q.type === "multiple") &&
        q.choices?.map((c) => {
          const id = `${name}-${c.id}`;
          const checked = draft.choiceIds.includes(c.id);
          return (
            <div className="form-check" key={c.id}>
              <input
                id={id}
                type={q.type === "single" ? "radio" : "checkbox"}
                name={name}
                className="form-check-input"
                checked={checked}
                disabled={locked}
                onChange={(e) => {
                  const choiceIds = q.type === "single" ? [c.id] : e.target.checked ? [...draft.choiceIds, c.id] : draft.choiceIds.filter((x) => x !== c.id);
                  onChange({ ...draft, choiceIds });
                }}
              />
              <label htmlFor={id} className="form-check-label" lang={lang}>
                {c.text}
              </label>
            </div>
          );
        })}
      {q.type === "true_false" &&
        ([true, false] as const).map((value) => {
          const id = `${name}-${value}`;
          return (
            <div className="form-check form-check-inline" key={String(value)}>
              <input id={id} type="radio" name={name} className="form-check-input" checked={draft.value === value} disabled={locked} onChange={() => onChange({ ...draft, value })} />
              <label htmlFor={id} className="form-check-label">
                {value ? t("quiz.true") : t("quiz.false")}
              </label>
            </div>
          );
        })}
      {q.type === "matching" && <Matching question={q} draft={draft} onChange={onChange} locked={locked} />}
      {q.type === "ordering" && <Ordering draft={draft} onChange={onChange} locked={locked} />}
      {graded && <Feedback graded={graded} />}
    </fieldset>
  );
}

function Matching({ question: q, draft, onChange, locked }: { question: LearnerQuestion; draft: AnswerDraft; onChange: (d: AnswerDraft) => void; locked: boolean }) {
  const t = useT(messages);
  const base = useId();
  return (
    <div className="academy-matching">
      {q.left?.map((left, i) => {
        const id = `${base}-${i}`;
        return (
          <div className="row g-2 align-items-center mb-2" key={left}>
            <label htmlFor={id} className="col-12 col-md-5 mb-0">
              {left}
            </label>
            <div className="col-12 col-md-7">
              <select
                id={id}
                className="form-select"
                value={draft.matches[i] ?? ""}
                disabled={locked}
                onChange={(e) => onChange({ ...draft, matches: draft.matches.map((m, j) => (j === i ? e.target.value : m)) })}
              >
                <option value="">{t("quiz.chooseMatch")}</option>
                {q.right?.map((right) => (
                  <option key={right} value={right}>
                    {right}
                  </option>
                ))}
              </select>
            </div>
          </div>
        );
      })}
    </div>
  );
}

function Ordering({ draft, onChange, locked }: { draft: AnswerDraft; onChange: (d: AnswerDraft) => void; locked: boolean }) {
  const t = useT(messages);
  const base = useId();
  const [announcement, setAnnouncement] = useState("");
  // the button pressed moves with its step: focus follows it to the new position
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (pendingFocus.current) document.getElementById(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  }, [draft.order]);
  const move = (index: number, by: -1 | 1) => {
    const next = moveStep(draft.order, index, by);
    const target = index + by;
    const stillThere = by === -1 ? target > 0 : target < next.length - 1;
    pendingFocus.current = `${base}-${target}-${stillThere ? (by === -1 ? "up" : "down") : by === -1 ? "down" : "up"}`;
    setAnnouncement(t("quiz.movedTo", { step: draft.order[index]!, position: target + 1, total: next.length }));
    onChange({ ...draft, order: next });
  };
  return (
    <>
      <p className="small">{t("quiz.orderingHint")}</p>
      <ol className="list-unstyled academy-ordering">
        {draft.order.map((step, i) => (
          <li key={step} className="d-flex align-items-center gap-2 mb-2 p-2 border rounded">
            <span className="fw-semibold" aria-hidden="true">
              {i + 1}.
            </span>
            <span className="flex-grow-1">{step}</span>
            {!locked && (
              <span className="d-flex gap-1">
                <button type="button" id={`${base}-${i}-up`} className="btn btn-sm btn-outline-primary" disabled={i === 0} aria-label={t("quiz.moveUp", { step })} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button
                  type="button"
                  id={`${base}-${i}-down`}
                  className="btn btn-sm btn-outline-primary"
                  disabled={i === draft.order.length - 1}
                  aria-label={t("quiz.moveDown", { step })}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
    </>
  );
}

function Feedback({ graded }: { graded: Graded }) {
  const t = useT(messages);
  const kind = graded.right ? "success" : graded.points > 0 ? "warning" : "danger";
  const verdict = graded.right ? t("quiz.right") : graded.points > 0 ? t("quiz.partly", { percent: Math.round(graded.points * 100) }) : t("quiz.wrong");
  return (
    <div className={`academy-feedback academy-feedback-${kind} mt-3 p-3 rounded`}>
      <p className="fw-semibold mb-1">
        <span aria-hidden="true">{graded.right ? "✓ " : graded.points > 0 ? "◐ " : "✗ "}</span>
        {verdict}
      </p>
      {graded.feedback.map((f, i) => (
        <p key={i} className="mb-1">
          {f}
        </p>
      ))}
    </div>
  );
}

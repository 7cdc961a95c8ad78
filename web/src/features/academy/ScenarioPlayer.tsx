import { useEffect, useRef, useState } from "react";
import { FormErrors, useFormErrors } from "../../ui/index.ts";
import { useT } from "../../i18n/use-t.ts";
import type { ScenarioStep } from "./academy-api.ts";
import { messages } from "./messages.ts";

export interface ScenarioNode {
  id: string;
  situation: string;
  choices: { text: string }[];
}

export interface ScenarioPlayerProps {
  start: ScenarioNode;
  /** the step reached by these choices from the start (the server walks the scenario) */
  onWalk: (choices: number[]) => Promise<ScenarioStep>;
  lang?: string;
}

const outcomeKind = { good: "success", acceptable: "warning", bad: "danger" } as const;

/**
 * A branching scenario: a situation and its choices; a choice shows its consequence and the next
 * situation, until an ending with its outcome and debrief; "start again" goes back to the start.
 * After each choice focus moves to the consequence, so it is read first.
 */
export function ScenarioPlayer({ start, onWalk, lang }: ScenarioPlayerProps) {
  const t = useT(messages);
  const [choices, setChoices] = useState<number[]>([]);
  const [step, setStep] = useState<ScenarioStep | null>(null);
  const [busy, setBusy] = useState(false);
  const { error, run } = useFormErrors();
  const focusTarget = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) focusTarget.current?.focus();
  }, [step]);

  const node = step?.node ?? start;
  const choose = async (index: number) => {
    setBusy(true);
    const next = [...choices, index];
    const reached = await run(() => onWalk(next));
    setBusy(false);
    if (reached) {
      moved.current = true;
      setChoices(next);
      setStep(reached);
    }
  };
  const restart = () => {
    moved.current = true;
    setChoices([]);
    setStep(null);
  };
  const ending = step?.ending ?? null;

  return (
    <div className="academy-scenario">
      <p className="small text-secondary">{t("scenario.stepCount", { n: choices.length + 1 })}</p>
      {step?.feedback && (
        <section className="academy-feedback academy-feedback-info p-3 mb-3 rounded" aria-labelledby="scenario-consequence">
          <h2 id="scenario-consequence" className="h5" ref={focusTarget} tabIndex={-1}>
            {t("scenario.consequence")}
          </h2>
          <p className="mb-0" lang={lang}>
            {step.feedback}
          </p>
        </section>
      )}
      <section aria-labelledby="scenario-situation" className="mb-3">
        <h2 id="scenario-situation" className="h5" ref={step?.feedback ? undefined : focusTarget} tabIndex={-1}>
          {ending ? t("scenario.endSituation") : t("scenario.situation")}
        </h2>
        <p lang={lang} className="academy-situation">
          {node.situation}
        </p>
      </section>
      <FormErrors error={error} />
      {ending ? (
        <section className={`academy-feedback academy-feedback-${outcomeKind[ending.outcome]} p-3 rounded`} aria-labelledby="scenario-ending">
          <h2 id="scenario-ending" className="h4">
            {t(`scenario.outcome.${ending.outcome}`)}
          </h2>
          <p>{t("scenario.score", { score: ending.scorePercent })}</p>
          <h3 className="h5">{t("debrief")}</h3>
          <p lang={lang}>{ending.debrief}</p>
          <button type="button" className="btn btn-outline-primary" onClick={restart}>
            {t("scenario.restart")}
          </button>
        </section>
      ) : (
        <fieldset>
          <legend className="h6">{t("scenario.whatDoYouDo")}</legend>
          <ul className="list-unstyled d-grid gap-2">
            {node.choices.map((c, i) => (
              <li key={i}>
                <button type="button" className="btn btn-outline-primary text-start w-100" disabled={busy} onClick={() => void choose(i)} lang={lang}>
                  {c.text}
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </div>
  );
}

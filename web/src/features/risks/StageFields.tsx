import { useLocale, useT } from "../../i18n/index.ts";
import { FormField } from "../../ui/index.ts";
import { messages } from "./messages.ts";
import { impactDimensions, labelOf, levelOfStage, type MatrixShape, type StageInput, type StageName } from "./model.ts";
import { LevelBadge } from "./RiskHeatMap.tsx";

export const blankStage = (): StageInput => ({ likelihood: 1, impacts: { service: 1, personal_data: 1, legal: 1, financial: 1, reputation: 1 } });

/**
 * One stage's score: likelihood and the five impact dimensions, each a select of the matrix's
 * steps with their labels, and the level the matrix gives (the worst impact), announced as it
 * changes.
 */
export function StageFields({ matrix, stage, value, onChange, errorOf }: {
  matrix: MatrixShape;
  stage: StageName;
  value: StageInput;
  onChange: (next: StageInput) => void;
  /** the server's reason for a field under body.<stage> */
  errorOf: (field: string) => string | undefined;
}) {
  const t = useT(messages);
  const { locale } = useLocale();
  const steps = (count: number, labels: MatrixShape["likelihoodLabels"]) =>
    Array.from({ length: count }, (_, i) => ({ value: String(i + 1), label: `${i + 1} · ${labelOf(labels, i + 1, locale)}` }));
  const { impact, level } = levelOfStage(matrix, value);
  return (
    <fieldset className="border rounded p-3 mb-3" data-stage={stage}>
      <legend className="h6 float-none w-auto px-2 mb-0">{t(`stage.${stage}`)}</legend>
      <div className="row">
        <FormField
          className="col-12 col-md-4"
          id={`${stage}-likelihood`}
          label={t("likelihood")}
          value={String(value.likelihood)}
          onChange={(v) => onChange({ ...value, likelihood: Number(v) })}
          error={errorOf(`body.${stage}.likelihood`)}
          options={steps(matrix.likelihoodSteps, matrix.likelihoodLabels)}
        />
        {impactDimensions.map((d) => (
          <FormField
            key={d}
            className="col-12 col-sm-6 col-md-4"
            id={`${stage}-impact-${d}`}
            label={`${t("impact")}: ${t(`impact.${d}`)}`}
            value={String(value.impacts[d])}
            onChange={(v) => onChange({ ...value, impacts: { ...value.impacts, [d]: Number(v) } })}
            error={errorOf(`body.${stage}.impacts.${d}`)}
            options={steps(matrix.impactSteps, matrix.impactLabels)}
          />
        ))}
      </div>
      <p className="mb-0" aria-live="polite" data-level={level ?? "none"}>
        {t("resultingLevel", { level: level ? t(`level.${level}`) : t("outsideMatrix"), impact: labelOf(matrix.impactLabels, impact, locale) })}{" "}
        <span aria-hidden="true">
          <LevelBadge level={level} />
        </span>
      </p>
    </fieldset>
  );
}

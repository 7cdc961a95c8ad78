import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { FormErrors, FormField, Notice, PageTitle, useAsync, useFormErrors } from "../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../organisation/page-access.tsx";
import { messages } from "./messages.ts";
import { labelOf, levels, resizeMatrix, type Level, type MatrixShape } from "./model.ts";
import { RiskHeatMap } from "./RiskHeatMap.tsx";
import { loadMatrix, type RiskMatrix } from "./risks-api.ts";

const MIN_STEPS = 3;
const MAX_STEPS = 10;
const stepOptions = Array.from({ length: MAX_STEPS - MIN_STEPS + 1 }, (_, i) => ({ value: String(i + MIN_STEPS), label: String(i + MIN_STEPS) }));

/** /rischi/matrice: the organisation's risk matrix (size, labels, levels), for those who manage the register. */
export function MatrixSettingsPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  return (
    <>
      <PageTitle>{t("matrixTitle")}</PageTitle>
      {orgId ? <Settings key={orgId} orgId={orgId} /> : <NoOrganisation />}
    </>
  );
}

function Settings({ orgId }: { orgId: string }) {
  const state = useAsync(() => loadMatrix(orgId), [orgId]);
  return <PageData state={state}>{(matrix) => <MatrixForm orgId={orgId} initial={matrix} />}</PageData>;
}

function MatrixForm({ orgId, initial }: { orgId: string; initial: RiskMatrix }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const { error, fieldError, run } = useFormErrors();
  const [matrix, setMatrix] = useState<MatrixShape>(initial);
  const [isDefault, setIsDefault] = useState(initial.isDefault);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const editable = initial.actions.includes("update");

  const setLabel = (axis: "likelihoodLabels" | "impactLabels", locale: "it" | "en", index: number, value: string) =>
    setMatrix((m) => ({ ...m, [axis]: { ...m[axis], [locale]: m[axis][locale].map((l, i) => (i === index ? value : l)) } }));
  const setCell = (l: number, i: number, level: Level) =>
    setMatrix((m) => ({ ...m, cells: m.cells.map((row, li) => (li === l ? row.map((c, ii) => (ii === i ? level : c)) : row)) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setNotice(undefined);
    const { likelihoodSteps, impactSteps, likelihoodLabels, impactLabels, cells } = matrix;
    const saved = await run(() =>
      unwrap(api.PUT("/api/orgs/{orgId}/risk-matrix", { params: { path: { orgId } }, body: { likelihoodSteps, impactSteps, likelihoodLabels, impactLabels, cells } })),
    );
    setBusy(false);
    if (saved) {
      setMatrix(saved);
      setIsDefault(saved.isDefault);
      setNotice(t("matrixSaved"));
    }
  };

  const labelFields = (axis: "likelihoodLabels" | "impactLabels", steps: number, key: "likelihoodLabel" | "impactLabel") =>
    Array.from({ length: steps }, (_, i) => (
      <div className="row" key={i}>
        {(["it", "en"] as const).map((locale) => (
          <FormField
            key={locale}
            className="col-12 col-md-6"
            id={`${axis}-${locale}-${i}`}
            label={t(key, { step: i + 1, locale: t(`locale.${locale}`) })}
            value={matrix[axis][locale][i] ?? ""}
            onChange={(v) => setLabel(axis, locale, i, v)}
            disabled={!editable}
            error={fieldError(`body.${axis}.${locale}.${i}`)}
          />
        ))}
      </div>
    ));

  return (
    <>
      <p className="lead">{t("matrixIntro")}</p>
      <p>
        <Link to="/rischi">{t("backToRegister")}</Link>
      </p>
      {isDefault && <Notice kind="info">{t("matrixDefault")}</Notice>}
      {notice && <Notice kind="success">{notice}</Notice>}
      <FormErrors error={error} />
      <form onSubmit={submit} noValidate>
        <div className="row">
          <FormField
            className="col-6 col-md-3"
            id="matrix-likelihood-steps"
            label={t("likelihoodSteps")}
            value={String(matrix.likelihoodSteps)}
            onChange={(v) => setMatrix((m) => resizeMatrix(m, Number(v), m.impactSteps))}
            options={stepOptions}
            disabled={!editable}
            error={fieldError("body.likelihoodSteps")}
          />
          <FormField
            className="col-6 col-md-3"
            id="matrix-impact-steps"
            label={t("impactSteps")}
            value={String(matrix.impactSteps)}
            onChange={(v) => setMatrix((m) => resizeMatrix(m, m.likelihoodSteps, Number(v)))}
            options={stepOptions}
            disabled={!editable}
            error={fieldError("body.impactSteps")}
          />
        </div>
        <h2 className="h4 mt-3">{t("labelsTitle")}</h2>
        {labelFields("likelihoodLabels", matrix.likelihoodSteps, "likelihoodLabel")}
        {labelFields("impactLabels", matrix.impactSteps, "impactLabel")}
        <fieldset className="mb-4">
          <legend className="h4">{t("cellsTitle")}</legend>
          <div className="row">
            {matrix.cells.map((row, l) =>
              row.map((level, i) => (
                <FormField
                  key={`${l}:${i}`}
                  className="col-6 col-md-4 col-lg-3"
                  id={`matrix-cell-${l + 1}-${i + 1}`}
                  label={t("cellLevel", { likelihood: labelOf(matrix.likelihoodLabels, l + 1, locale), impact: labelOf(matrix.impactLabels, i + 1, locale) })}
                  value={level}
                  onChange={(v) => setCell(l, i, v as Level)}
                  options={levels.map((x) => ({ value: x, label: t(`level.${x}`) }))}
                  disabled={!editable}
                  error={fieldError(`body.cells.${l}.${i}`)}
                />
              )),
            )}
          </div>
        </fieldset>
        <RiskHeatMap matrix={matrix} stage="inherent" cells={[]} />
        {/* always on the page, so not an alert: read in order before the button */}
        <div className="alert alert-warning mb-4">{t("matrixWarning")}</div>
        {editable && (
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t("saveMatrix")}
          </button>
        )}
      </form>
    </>
  );
}

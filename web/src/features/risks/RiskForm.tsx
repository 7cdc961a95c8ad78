import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { FormErrors, FormField, useFormErrors } from "../../ui/index.ts";
import { ChoiceList, gapKey, gapOf } from "./ChoiceList.tsx";
import { messages } from "./messages.ts";
import { treatments, type StageInput, type Treatment } from "./model.ts";
import type { GapOption, Member, Risk, RiskMatrix, Threat } from "./risks-api.ts";
import { blankStage, StageFields } from "./StageFields.tsx";

const inputOf = (stage: Risk["inherent"] | null | undefined): StageInput | null =>
  stage ? { likelihood: stage.likelihood, impacts: { ...stage.impacts } } : null;

/** New risk or edit: description, threat, owner, the three stages, treatment, acceptance and gaps. */
export function RiskForm({ orgId, matrix, threats, members, gaps, risk }: {
  orgId: string;
  matrix: RiskMatrix;
  threats: Threat[];
  members: Member[];
  gaps: GapOption[];
  risk?: Risk;
}) {
  const t = useT(messages);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { error, fieldError, run } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [title, setTitle] = useState(risk?.title ?? "");
  const [description, setDescription] = useState(risk?.description ?? "");
  const [threatId, setThreatId] = useState(risk?.threatId ?? threats[0]?.id ?? "");
  const [affected, setAffected] = useState(risk?.affectedServices ?? "");
  const [ownerId, setOwnerId] = useState(risk?.ownerId ?? "");
  const [inherent, setInherent] = useState<StageInput>(inputOf(risk?.inherent) ?? blankStage());
  const [current, setCurrent] = useState<StageInput | null>(inputOf(risk?.current));
  const [residual, setResidual] = useState<StageInput | null>(inputOf(risk?.residual));
  const [treatment, setTreatment] = useState<string>(risk?.treatment ?? "");
  const [notes, setNotes] = useState(risk?.treatmentNotes ?? "");
  const [approverId, setApproverId] = useState(risk?.acceptance?.approverId ?? "");
  const [acceptReason, setAcceptReason] = useState(risk?.acceptance?.reason ?? "");
  const [expiresOn, setExpiresOn] = useState(risk?.acceptance?.expiresOn ?? "");
  const [reviewEvery, setReviewEvery] = useState(String(risk?.reviewEveryMonths ?? 12));
  const [linked, setLinked] = useState<string[]>(risk?.gaps.map(gapKey) ?? []);
  const [reason, setReason] = useState("");

  const scoresChanged =
    !!risk &&
    (JSON.stringify(inputOf(risk.inherent)) !== JSON.stringify(inherent) ||
      JSON.stringify(inputOf(risk.current)) !== JSON.stringify(current) ||
      JSON.stringify(inputOf(risk.residual)) !== JSON.stringify(residual));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const body = {
      title,
      description: description.trim() || null,
      threatId,
      affectedServices: affected.trim() || null,
      ownerId: ownerId || null,
      inherent,
      current,
      residual,
      treatment: (treatment || null) as Treatment | null,
      treatmentNotes: notes.trim() || null,
      // an acceptance is sent as typed: the server names what is missing
      acceptance: treatment === "accept" ? { approverId, reason: acceptReason, expiresOn } : null,
      reviewEveryMonths: Number(reviewEvery),
      gaps: linked.map(gapOf),
    };
    const saved = await run(() =>
      risk
        ? unwrap(api.PATCH("/api/orgs/{orgId}/risks/{riskId}", { params: { path: { orgId, riskId: risk.id } }, body: { ...body, ...(reason.trim() ? { reason } : {}) } }))
        : unwrap(api.POST("/api/orgs/{orgId}/risks", { params: { path: { orgId } }, body })),
    );
    setBusy(false);
    if (saved) navigate(`/rischi/${saved.id}`);
  };

  const people = members.map((m) => ({ value: m.userId, label: m.name }));
  // an owner no longer listed (or not listable by this role) stays choosable by name
  if (risk?.ownerId && !people.some((p) => p.value === risk.ownerId)) people.push({ value: risk.ownerId, label: risk.ownerName ?? risk.ownerId });
  const approvers = [...people];
  if (risk?.acceptance?.approverId && !approvers.some((p) => p.value === risk.acceptance!.approverId))
    approvers.push({ value: risk.acceptance.approverId, label: risk.acceptance.approverName ?? "" });
  // gaps already linked stay listed even when their assessment is older than the ones loaded
  const gapChoices = gaps.map((g) => ({ value: gapKey(g), label: t("gapLabel", { requirement: g.requirementId, assessment: g.assessmentTitle }) }));
  for (const key of linked) if (!gapChoices.some((c) => c.value === key)) gapChoices.push({ value: key, label: gapOf(key).requirementId });
  const optionalStage = (name: "current" | "residual", value: StageInput | null, set: (v: StageInput | null) => void) =>
    value ? (
      <div key={name}>
        <StageFields matrix={matrix} stage={name} value={value} onChange={set} errorOf={fieldError} />
        <button type="button" className="btn btn-link p-0 mb-3" onClick={() => set(null)}>
          {t("removeStage", { stage: t(`stage.${name}`).split(" (")[0]! })}
        </button>
      </div>
    ) : (
      <p key={name}>
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => {
            // a new stage starts from the one before it: the user lowers what the controls reduce
            const from = (name === "residual" ? current : null) ?? inherent;
            set({ likelihood: from.likelihood, impacts: { ...from.impacts } });
          }}>
          {t("addStage", { stage: t(`stage.${name}`).split(" (")[0]! })}
        </button>
      </p>
    );

  return (
    <>
      <FormErrors error={error} />
      <form onSubmit={submit} noValidate>
        <FormField id="risk-title" label={t("title")} value={title} onChange={setTitle} required error={fieldError("body.title")} />
        <div className="form-group mb-4">
          <label htmlFor="risk-description" className="active">
            {t("description")}
          </label>
          <textarea id="risk-description" className="form-control" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <FormField
          id="risk-threat"
          label={t("threat")}
          value={threatId}
          onChange={setThreatId}
          error={fieldError("body.threatId")}
          options={threats.map((th) => ({ value: th.id, label: locale === "en" ? th.title.en : th.title.it }))}
        />
        <FormField id="risk-affected" label={t("affectedServices")} hint={t("affectedServicesHint")} value={affected} onChange={setAffected} error={fieldError("body.affectedServices")} />
        <FormField id="risk-owner" label={t("owner")} value={ownerId} onChange={setOwnerId} error={fieldError("body.ownerId")} options={[{ value: "", label: t("ownerNone") }, ...people]} />

        <h2 className="h4 mt-4">{t("scoresTitle")}</h2>
        <p>{t("scoresHint")}</p>
        <StageFields matrix={matrix} stage="inherent" value={inherent} onChange={setInherent} errorOf={fieldError} />
        {optionalStage("current", current, setCurrent)}
        {optionalStage("residual", residual, setResidual)}
        {scoresChanged && <FormField id="risk-reason" label={t("reason")} hint={t("reasonHint")} value={reason} onChange={setReason} error={fieldError("body.reason")} />}

        <h2 className="h4 mt-4">{t("treatment")}</h2>
        <FormField
          id="risk-treatment"
          label={t("treatment")}
          value={treatment}
          onChange={setTreatment}
          error={fieldError("body.treatment")}
          options={[{ value: "", label: t("treatment.none") }, ...treatments.map((x) => ({ value: x, label: t(`treatment.${x}`) }))]}
        />
        {treatment === "accept" && (
          <fieldset className="border rounded p-3 mb-3">
            <legend className="h6 float-none w-auto px-2 mb-0">{t("acceptanceTitle")}</legend>
            <FormField
              id="risk-approver"
              label={t("approver")}
              value={approverId}
              onChange={setApproverId}
              required
              error={fieldError("body.acceptance.approverId")}
              options={[{ value: "", label: "—" }, ...approvers]}
            />
            <FormField id="risk-accept-reason" label={t("acceptanceReason")} value={acceptReason} onChange={setAcceptReason} required error={fieldError("body.acceptance.reason")} />
            <FormField id="risk-expires" type="date" label={t("expiresOn")} value={expiresOn} onChange={setExpiresOn} required error={fieldError("body.acceptance.expiresOn")} />
          </fieldset>
        )}
        <FormField id="risk-treatment-notes" label={t("treatmentNotes")} value={notes} onChange={setNotes} error={fieldError("body.treatmentNotes")} />
        <FormField id="risk-review-every" type="number" min={1} max={60} label={t("reviewEveryMonths")} value={reviewEvery} onChange={setReviewEvery} error={fieldError("body.reviewEveryMonths")} />
        <ChoiceList
          legend={t("gapsTitle")}
          hint={t("gapsHint")}
          empty={t("gapsNone")}
          choices={gapChoices}
          selected={linked}
          onChange={setLinked}
          error={error?.fields.find((f) => f.field.startsWith("body.gaps"))?.reason}
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {risk ? t("saveRisk") : t("createRisk")}
        </button>
      </form>
    </>
  );
}

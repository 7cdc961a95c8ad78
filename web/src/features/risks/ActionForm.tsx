import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api, ApiError, unwrap } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { FormErrors, FormField, useFormErrors } from "../../ui/index.ts";
import { ChoiceList, gapKey, gapOf } from "./ChoiceList.tsx";
import { actionStatuses, csfFunctions, efforts, formatEuro, levels, parseEuro, type ActionStatus, type CsfFunction, type Effort, type Level } from "./model.ts";
import { roadmapMessages } from "./roadmap-messages.ts";
import type { Action, GapOption, Member, Risk } from "./risks-api.ts";

export interface ActionFormChoices {
  /** the entity itself and its providers */
  owners: { id: string; name: string }[];
  members: Member[];
  risks: Risk[];
  gaps: GapOption[];
  others: Action[];
}

/** What a new action starts with: from a gap, from a risk, or blank. */
export interface ActionDraft {
  title?: string;
  csfFunction?: CsfFunction;
  riskIds?: string[];
  gaps?: { assessmentId: string; requirementId: string }[];
  /** the assessment the gap comes from, to say so on the page */
  fromAssessment?: string;
}

const centsText = (cents: number | null | undefined, locale: string) => (cents == null ? "" : formatEuro(cents, locale).replace(/[^\d.,]/g, ""));

/**
 * New action or edit. Fields the caller may not change are shown disabled: a provider updates
 * only status, progress, dates and description; only the entity's managers override priority.
 */
export function ActionForm({ orgId, choices, action, draft, asProvider, onSaved }: {
  orgId: string;
  /** an edit saved: the page shows the new record */
  onSaved?: (updated: Action) => void;
  choices: ActionFormChoices;
  action?: Action;
  draft?: ActionDraft;
  asProvider: boolean;
}) {
  const t = useT(roadmapMessages);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { error, setError, fieldError, run } = useFormErrors();
  // list fields are reported per item ("body.dependsOnIds[1]": the action closing a cycle)
  const listError = (field: string) => error?.fields.find((f) => f.field.startsWith(field))?.reason;
  const [busy, setBusy] = useState(false);
  const can = (a: string) => (action ? action.actions.includes(a) : !asProvider);
  const plans = can("plan") || !action;
  const [title, setTitle] = useState(action?.title ?? draft?.title ?? "");
  const [description, setDescription] = useState(action?.description ?? "");
  const [fn, setFn] = useState<string>(action?.csfFunction ?? draft?.csfFunction ?? "govern");
  const [ownerOrgId, setOwnerOrgId] = useState(action?.ownerOrgId ?? orgId);
  const [ownerUserId, setOwnerUserId] = useState(action?.ownerUserId ?? "");
  const [riskIds, setRiskIds] = useState<string[]>(action?.riskIds ?? draft?.riskIds ?? []);
  const [gaps, setGaps] = useState<string[]>((action?.gaps ?? draft?.gaps ?? []).map(gapKey));
  const [dependsOn, setDependsOn] = useState<string[]>(action?.dependsOnIds ?? []);
  const [override, setOverride] = useState(!!action?.priority.override);
  const [overrideLevel, setOverrideLevel] = useState<string>(action?.priority.override?.level ?? action?.priority.derivedLevel ?? "medium");
  const [overrideReason, setOverrideReason] = useState(action?.priority.override?.reason ?? "");
  const [effort, setEffort] = useState<string>(action?.effort ?? "");
  const [cost, setCost] = useState(centsText(action?.estimatedCostCents, locale));
  const [startOn, setStartOn] = useState(action?.startOn ?? "");
  const [dueOn, setDueOn] = useState(action?.dueOn ?? "");
  const [status, setStatus] = useState<string>(action?.status ?? "planned");
  const [progress, setProgress] = useState(String(action?.progress ?? 0));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseEuro(cost);
    if (Number.isNaN(cents)) {
      setError(new ApiError(422, "validation", t("costInvalid"), [{ field: "body.estimatedCostCents", reason: t("costInvalid") }]));
      return;
    }
    const all = {
      title,
      description: description.trim() || null,
      csfFunction: fn as CsfFunction,
      ownerOrgId,
      // the entity names its own people; a provider's person is named by the provider and kept
      ownerUserId: ownerOrgId === orgId ? ownerUserId || null : ownerOrgId === action?.ownerOrgId ? action.ownerUserId : null,
      riskIds,
      gaps: gaps.map(gapOf),
      dependsOnIds: dependsOn,
      priorityOverride: override ? { level: overrideLevel as Level, reason: overrideReason } : null,
      effort: (effort || null) as Effort | null,
      estimatedCostCents: cents,
      startOn: startOn || null,
      dueOn: dueOn || null,
      status: status as ActionStatus,
      progress: Number(progress),
    };
    setBusy(true);
    if (!action) {
      // a new action leaves out what is empty: the server's defaults apply
      const { description: text, ownerUserId: person, priorityOverride, effort: size, estimatedCostCents, startOn: start, dueOn: due, ...rest } = all;
      const body = {
        ...rest,
        ...(text ? { description: text } : {}),
        ...(person ? { ownerUserId: person } : {}),
        ...(priorityOverride ? { priorityOverride } : {}),
        ...(size ? { effort: size } : {}),
        ...(estimatedCostCents !== null ? { estimatedCostCents } : {}),
        ...(start ? { startOn: start } : {}),
        ...(due ? { dueOn: due } : {}),
      };
      const created = await run(() => unwrap(api.POST("/api/orgs/{orgId}/actions", { params: { path: { orgId } }, body })));
      setBusy(false);
      if (created) navigate(`/piano/azioni/${created.id}`);
      return;
    }
    // an edit sends only what changed, so a provider never touches fields it may not change
    const before: Record<string, unknown> = {
      title: action.title,
      description: action.description,
      csfFunction: action.csfFunction,
      ownerOrgId: action.ownerOrgId,
      ownerUserId: action.ownerUserId,
      riskIds: action.riskIds,
      gaps: action.gaps.map((g) => ({ assessmentId: g.assessmentId, requirementId: g.requirementId })),
      dependsOnIds: action.dependsOnIds,
      priorityOverride: action.priority.override,
      effort: action.effort,
      estimatedCostCents: action.estimatedCostCents,
      startOn: action.startOn,
      dueOn: action.dueOn,
      status: action.status,
      progress: action.progress,
    };
    const body: Partial<typeof all> = Object.fromEntries(Object.entries(all).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])));
    const updated = await run(() => unwrap(api.PATCH("/api/orgs/{orgId}/actions/{actionId}", { params: { path: { orgId, actionId: action.id } }, body })));
    setBusy(false);
    if (updated) onSaved?.(updated);
  };

  const people = choices.members.map((m) => ({ value: m.userId, label: m.name }));
  if (action?.ownerUserId && !people.some((p) => p.value === action.ownerUserId)) people.push({ value: action.ownerUserId, label: action.ownerUserName ?? "" });
  const owners = choices.owners.map((o) => ({ value: o.id, label: o.name }));
  if (action && !owners.some((o) => o.value === action.ownerOrgId)) owners.push({ value: action.ownerOrgId, label: action.ownerOrgName });
  const riskChoices = choices.risks.map((r) => ({ value: r.id, label: `${r.ref} ${r.title}` }));
  for (const id of riskIds) if (!riskChoices.some((c) => c.value === id)) riskChoices.push({ value: id, label: id });
  const gapChoices = choices.gaps.map((g) => ({ value: gapKey(g), label: `${g.requirementId} (${g.assessmentTitle})` }));
  for (const key of gaps) if (!gapChoices.some((c) => c.value === key)) gapChoices.push({ value: key, label: gapOf(key).requirementId });
  const dependencyChoices = choices.others.filter((o) => o.id !== action?.id).map((o) => ({ value: o.id, label: `${o.ref} ${o.title}` }));

  return (
    <>
      <FormErrors error={error} />
      <form onSubmit={submit} noValidate>
        <FormField id="action-title" label={t("title")} value={title} onChange={setTitle} required disabled={!plans} error={fieldError("body.title")} />
        <div className="form-group mb-4">
          <label htmlFor="action-description" className="active">
            {t("description")}
          </label>
          <textarea id="action-description" className="form-control" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
          {fieldError("body.description") && <div className="invalid-feedback d-block">{fieldError("body.description")}</div>}
        </div>
        <div className="row">
          <FormField className="col-12 col-md-6" id="action-function" label={t("csfFunction")} value={fn} onChange={setFn} disabled={!plans} error={fieldError("body.csfFunction")} options={csfFunctions.map((f) => ({ value: f, label: t(`fn.${f}`) }))} />
          <FormField className="col-12 col-md-6" id="action-owner-org" label={t("ownerOrg")} value={ownerOrgId} onChange={setOwnerOrgId} disabled={!plans} error={fieldError("body.ownerOrgId")} options={owners} />
        </div>
        {ownerOrgId === orgId ? (
          <FormField id="action-owner-user" label={t("ownerUser")} value={ownerUserId} onChange={setOwnerUserId} disabled={!plans} error={fieldError("body.ownerUserId")} options={[{ value: "", label: t("ownerUserNone") }, ...people]} />
        ) : (
          <p className="small">{action?.ownerUserName ? `${t("ownerUser")}: ${action.ownerUserName}` : t("ownerUserProvider")}</p>
        )}
        <fieldset className="border rounded p-3 mb-4">
          <legend className="h6 float-none w-auto px-2 mb-0">{t("priorityTitle")}</legend>
          <p className="mb-2" data-priority={action?.priority.level}>
            {action ? t("derivedPriority", { level: t(`priority.${action.priority.derivedLevel}`), reason: action.priority.reason }) : t("derivedLater")}
          </p>
          {can("overridePriority") && (
            <div className="form-check">
              <input id="action-override" type="checkbox" className="form-check-input" checked={override} onChange={(e) => setOverride(e.target.checked)} />
              <label htmlFor="action-override" className="form-check-label">
                {t("overridePriority")}
              </label>
            </div>
          )}
          {override && (
            <div className="row">
              <FormField className="col-12 col-md-4" id="action-override-level" label={t("overrideLevel")} value={overrideLevel} onChange={setOverrideLevel} disabled={!can("overridePriority")} error={fieldError("body.priorityOverride.level")} options={levels.map((l) => ({ value: l, label: t(`priority.${l}`) }))} />
              <FormField className="col-12 col-md-8" id="action-override-reason" label={t("overrideReason")} value={overrideReason} onChange={setOverrideReason} required disabled={!can("overridePriority")} error={fieldError("body.priorityOverride.reason") ?? fieldError("body.priorityOverride")} />
            </div>
          )}
        </fieldset>
        <div className="row">
          <FormField className="col-6 col-md-3" id="action-start" type="date" label={t("startOn")} value={startOn} onChange={setStartOn} error={fieldError("body.startOn")} />
          <FormField className="col-6 col-md-3" id="action-due" type="date" label={t("dueOn")} value={dueOn} onChange={setDueOn} error={fieldError("body.dueOn")} />
          <FormField className="col-6 col-md-3" id="action-status" label={t("status")} value={status} onChange={setStatus} error={fieldError("body.status")} options={actionStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
          <FormField className="col-6 col-md-3" id="action-progress" type="number" min={0} max={100} label={t("progress")} value={progress} onChange={setProgress} error={fieldError("body.progress")} />
        </div>
        <div className="row">
          <FormField className="col-12 col-md-6" id="action-effort" label={t("effort")} value={effort} onChange={setEffort} disabled={!plans} error={fieldError("body.effort")} options={[{ value: "", label: t("effortNone") }, ...efforts.map((e) => ({ value: e, label: t(`effort.${e}`) }))]} />
          <FormField className="col-12 col-md-6" id="action-cost" inputMode="decimal" label={t("cost")} hint={t("costHint")} value={cost} onChange={setCost} disabled={!plans} error={fieldError("body.estimatedCostCents")} />
        </div>
        <ChoiceList legend={t("risks")} empty={t("risksNone")} choices={riskChoices} selected={riskIds} onChange={setRiskIds} disabled={!plans} error={listError("body.riskIds")} />
        <ChoiceList legend={t("gaps")} empty={t("gapsNone")} choices={gapChoices} selected={gaps} onChange={setGaps} disabled={!plans} error={listError("body.gaps")} />
        <ChoiceList legend={t("dependsOn")} hint={t("dependsOnHint")} empty={t("dependsOnNone")} choices={dependencyChoices} selected={dependsOn} onChange={setDependsOn} disabled={!plans} error={listError("body.dependsOnIds")} />
        {(!action || can("update")) && (
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {action ? t("saveAction") : t("createAction")}
          </button>
        )}
      </form>
    </>
  );
}

import "./assessments.css";
import { useCallback, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { api, ApiError, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useSession } from "../../app/session.tsx";
import { type Translate, useLocale, useT } from "../../i18n/index.ts";
import { FormErrors, Notice, PageTitle } from "../../ui/index.ts";
import { AnswerRow, type RowErrors } from "./AnswerRow.tsx";
import { AnswersTransfer } from "./AnswersTransfer.tsx";
import { type AnswerDraft, type AnswerStatus, draftOf, sameDraft, toAnswerInput } from "./answer-draft.ts";
import { type Catalog, requirementsOf, textOf, type Requirement } from "./catalogs.ts";
import { messages } from "./messages.ts";
import { WorkflowPanel } from "./WorkflowPanel.tsx";

type Assessment = Schemas["Assessment"];

/** The answering form: every requirement grouped by function and category, saved in one PUT. */
export function AnswerSheet({ orgId, initial, catalog }: { orgId: string; initial: Assessment; catalog: Catalog }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const [assessment, setAssessment] = useState(initial);
  const requirements = useMemo(() => requirementsOf(catalog, assessment.level), [catalog, assessment.level]);
  const saved = useMemo(() => new Map(assessment.answers.map((a) => [a.requirementId, a])), [assessment.answers]);
  const [drafts, setDrafts] = useState<Record<string, AnswerDraft>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, RowErrors>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [unansweredOnly, setUnansweredOnly] = useState(false);
  const [busy, setBusy] = useState(false);
  // the rows of the last PUT, so the summary names "GV.OC-04.1 · Motivo" rather than an index
  const [sentIds, setSentIds] = useState<string[]>([]);

  const answerable = assessment.answerable ? new Set(assessment.answerable) : null;
  const canAnswer = assessment.actions.includes("answer");
  const own = useSession().session?.currentOrgId === orgId;
  const draftFor = (id: string) => drafts[id] ?? draftOf(saved.get(id));
  const onChange = useCallback((id: string, draft: AnswerDraft) => setDrafts((d) => ({ ...d, [id]: draft })), []);
  const changed = Object.entries(drafts).filter(([id, d]) => !sameDraft(d, draftOf(saved.get(id))));
  const answered = requirements.filter((r) => draftFor(r.id).status !== "").length;

  const save = async () => {
    setNotice(null);
    setError(null);
    // a row needs a status before it can be sent: say so on the row, send nothing
    const local: Record<string, RowErrors> = {};
    for (const [id, d] of changed) {
      if (d.status === "") local[id] = { status: t("statusRequired") };
      else if (d.status === "not_applicable" && d.reason.trim() === "") local[id] = { reason: t("reasonRequired") };
    }
    // an N/A without reason goes to the server, which names the row; other local problems stop here
    const blocking = Object.values(local).some((e) => e.status);
    if (changed.length === 0) return setNotice(t("noChanges"));
    if (blocking) {
      setRowErrors(local);
      setError(new ApiError(422, "validation_failed", t("rowErrors")));
      return;
    }
    const rows = changed.map(([id, d]) => toAnswerInput(id, d as AnswerDraft & { status: AnswerStatus }));
    setBusy(true);
    setSentIds(rows.map((r) => r.requirementId));
    try {
      const result = await unwrap(api.PUT("/api/orgs/{orgId}/assessments/{assessmentId}/answers", { params: { path: { orgId, assessmentId: assessment.id } }, body: { answers: rows } }));
      const updated = new Map(assessment.answers.map((a) => [a.requirementId, a]));
      for (const a of result.answers) updated.set(a.requirementId, a);
      setAssessment({ ...assessment, answers: [...updated.values()] });
      setDrafts({});
      setRowErrors({});
      setNotice(t("savedCount", { count: String(result.answers.length) }));
    } catch (caught) {
      const failure = caught instanceof ApiError ? caught : new ApiError(0, "internal", String(caught));
      setRowErrors(rowErrorsOf(failure, rows.map((r) => r.requirementId)));
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const groups = groupRequirements(
    // by saved answers, so a row answered from the keyboard stays put (and focused) until saved
    requirements.filter((r) => !unansweredOnly || !saved.has(r.id) || rowErrors[r.id]));
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : "");
  const percent = requirements.length ? Math.round((answered / requirements.length) * 100) : 0;

  // above and below the rows, so neither end of a long list is far from saving (never sticky: it would hide the focused row)
  const saveButton = canAnswer && (
    <div className="my-3">
      <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save()}>
        {t("saveChanges", { count: String(changed.length) })}
      </button>
    </div>
  );

  return (
    <>
      <PageTitle>{assessment.title}</PageTitle>
      <p>
        {textOf(catalog.title, locale)}
        {assessment.level && ` · ${textOf(catalog.levels?.find((l) => l.id === assessment.level)?.title, locale) || assessment.level}`}
        {` · ${t(`status.${assessment.status}`)}`}
      </p>
      <p>
        <Link to="/valutazioni">{t("backToList")}</Link>
        {/* the results pages are the organisation's own; a provider's user works on the answers */}
        {own && (
          <>
            {" · "}
            <Link to={`/valutazioni/${assessment.id}/risultati`}>{t("resultsLink")}</Link>
          </>
        )}
      </p>
      {assessment.status === "approved" && <Notice kind="info">{t("locked", { name: assessment.approvedByName ?? "", date: date(assessment.approvedAt) })}</Notice>}
      {assessment.status === "in_review" && <Notice kind="info">{t("inReview")}</Notice>}
      {assessment.status !== "approved" && !canAnswer && <Notice kind="info">{t("readOnly")}</Notice>}
      <WorkflowPanel orgId={orgId} assessment={assessment} onChanged={(a) => { setAssessment(a); setDrafts({}); setRowErrors({}); }} />
      <AnswersTransfer orgId={orgId} assessment={assessment} onReloaded={(a) => { setAssessment(a); setDrafts({}); setRowErrors({}); }} />

      <div className="mb-3">
        <label htmlFor="answer-progress" className="form-label">
          {t("progressLabel")}: {t("progress", { answered: String(answered), total: String(requirements.length) })}
        </label>
        <progress id="answer-progress" className="w-100 d-block" max={requirements.length} value={answered}>
          {percent}%
        </progress>
      </div>
      {canAnswer && <p id="keyboard-help" className="small">{t("keyboardHelp")}</p>}
      <div className="form-check mb-3">
        <input id="unanswered-only" type="checkbox" className="form-check-input" checked={unansweredOnly} onChange={(e) => setUnansweredOnly(e.target.checked)} />
        <label htmlFor="unanswered-only" className="form-check-label">
          {t("unansweredOnly")}
        </label>
      </div>
      {saveButton}
      <FormErrors error={error} labels={summaryLabels(sentIds, t)} />
      {notice && <Notice kind="success">{notice}</Notice>}

      {groups.map((fn) => (
        <section key={fn.node.id} aria-labelledby={`fn-${fn.node.id}`} className="mb-4">
          <h2 id={`fn-${fn.node.id}`} className="h4">
            {fn.node.id} {textOf(fn.node.title, locale)}
          </h2>
          {fn.categories.map((cat) => (
            <div key={cat.key}>
              {cat.node && (
                <h3 className="h5 mt-3">
                  {cat.node.id} {textOf(cat.node.title, locale)}
                </h3>
              )}
              {cat.requirements.map((r) => (
                <AnswerRow
                  key={r.id}
                  requirement={r}
                  draft={draftFor(r.id)}
                  derived={isDerived(saved.get(r.id))}
                  scale={catalog.maturityScale}
                  editable={canAnswer && (!answerable || answerable.has(r.id))}
                  errors={rowErrors[r.id]}
                  onChange={onChange}
                  orgId={orgId}
                  assessmentId={assessment.id}
                  locked={assessment.status === "approved"}
                />
              ))}
            </div>
          ))}
        </section>
      ))}
      {saveButton}
    </>
  );
}

/** "body.answers[3].reason" → the reason error of the fourth row sent. */
function rowErrorsOf(error: ApiError, sentIds: string[]): Record<string, RowErrors> {
  const out: Record<string, RowErrors> = {};
  for (const f of error.fields) {
    const match = /^body\.answers\[(\d+)\](?:\.(\w+))?/.exec(f.field);
    const id = match ? sentIds[Number(match[1])] : undefined;
    if (!id) continue;
    const field = (match?.[2] ?? "status") as keyof RowErrors;
    out[id] = { ...out[id], [field]: f.reason };
  }
  return out;
}

function summaryLabels(ids: string[], t: Translate<keyof typeof messages.it>): Record<string, string> {
  const labels: Record<string, string> = {};
  ids.forEach((id, i) => {
    for (const field of ["status", "reason", "currentMaturity", "targetMaturity", "notes", "requirementId"] as const) {
      labels[`body.answers[${i}].${field}`] = `${id} · ${field === "requirementId" ? t("colRequirement") : field === "status" ? t("answerStatus") : t(field)}`;
    }
  });
  return labels;
}

interface FunctionGroup {
  node: Requirement["functionNode"];
  categories: { key: string; node: Requirement["categoryNode"]; requirements: Requirement[] }[];
}

function groupRequirements(requirements: Requirement[]): FunctionGroup[] {
  const functions: FunctionGroup[] = [];
  for (const r of requirements) {
    let fn = functions.find((f) => f.node.id === r.functionNode.id);
    if (!fn) functions.push((fn = { node: r.functionNode, categories: [] }));
    const key = r.categoryNode?.id ?? "";
    let cat = fn.categories.find((c) => c.key === key);
    if (!cat) fn.categories.push((cat = { key, node: r.categoryNode, requirements: [] }));
    cat.requirements.push(r);
  }
  return functions;
}

/** pre-filled from a mapped framework and not yet confirmed (older servers do not say) */
function isDerived(answer: Schemas["AssessmentAnswer"] | undefined): boolean {
  return !!answer && "derived" in answer && answer.derived === true;
}

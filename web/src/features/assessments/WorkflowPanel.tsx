import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useT } from "../../i18n/index.ts";
import { FormErrors, FormField, Notice, useFormErrors } from "../../ui/index.ts";
import { messages } from "./messages.ts";

type Assessment = Schemas["Assessment"];

/** Submit, return, approve (with the signer's name) and new cycle, as the assessment's actions allow. */
export function WorkflowPanel({ orgId, assessment, onChanged }: { orgId: string; assessment: Assessment; onChanged: (a: Assessment) => void }) {
  const t = useT(messages);
  const navigate = useNavigate();
  const { error, fieldError, run } = useFormErrors();
  const [signedBy, setSignedBy] = useState("");
  const [shareUpward, setShareUpward] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const path = { orgId, assessmentId: assessment.id };
  const can = (action: string) => assessment.actions.includes(action);
  if (!["submit", "return", "approve", "newCycle"].some(can)) return null;

  const act = async (call: () => Promise<Assessment>) => {
    setBusy(true);
    setDone(null);
    const updated = await run(call);
    setBusy(false);
    if (updated) {
      setDone(t("workflowDone", { status: t(`status.${updated.status}`) }));
      onChanged(updated);
    }
  };
  const approve = (event: FormEvent) => {
    event.preventDefault();
    void act(() => unwrap(api.POST("/api/orgs/{orgId}/assessments/{assessmentId}/approve", { params: { path }, body: { signedBy, shareUpward } })));
  };
  const newCycle = async () => {
    setBusy(true);
    const created = await run(() => unwrap(api.POST("/api/orgs/{orgId}/assessments/{assessmentId}/new-cycle", { params: { path } })));
    setBusy(false);
    if (created) navigate(`/valutazioni/${created.id}`);
  };

  return (
    <section aria-labelledby="workflow-title" className="mb-4 p-3 border rounded">
      <h2 id="workflow-title" className="h5">
        {t("workflowTitle")}
      </h2>
      <FormErrors error={error} />
      {done && <Notice kind="success">{done}</Notice>}
      <div className="d-flex flex-wrap gap-2 mb-2">
        {can("submit") && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void act(() => unwrap(api.POST("/api/orgs/{orgId}/assessments/{assessmentId}/submit", { params: { path } })))}>
            {t("submit")}
          </button>
        )}
        {can("return") && (
          <button type="button" className="btn btn-outline-primary" disabled={busy} onClick={() => void act(() => unwrap(api.POST("/api/orgs/{orgId}/assessments/{assessmentId}/return", { params: { path } })))}>
            {t("return")}
          </button>
        )}
      </div>
      {can("approve") && (
        <form onSubmit={approve} noValidate>
          <FormField id="approve-signed-by" label={t("signedBy")} hint={t("signedByHint")} value={signedBy} onChange={setSignedBy} required error={fieldError("body.signedBy")} />
          <div className="form-check mb-3">
            <input id="approve-share" type="checkbox" className="form-check-input" checked={shareUpward} onChange={(e) => setShareUpward(e.target.checked)} />
            <label htmlFor="approve-share" className="form-check-label">
              {t("shareUpward")}
            </label>
          </div>
          <button type="submit" className="btn btn-success" disabled={busy}>
            {t("approve")}
          </button>
        </form>
      )}
      {can("newCycle") && (
        <>
          <p id="new-cycle-hint" className="small">{t("newCycleHint")}</p>
          <button type="button" className="btn btn-outline-primary" aria-describedby="new-cycle-hint" disabled={busy} onClick={() => void newCycle()}>
            {t("newCycle")}
          </button>
        </>
      )}
    </section>
  );
}

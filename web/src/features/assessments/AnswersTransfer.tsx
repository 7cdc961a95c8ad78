import { useState, type FormEvent } from "react";
import { api, ApiError, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useT } from "../../i18n/index.ts";
import { FormField, Notice, useAsync } from "../../ui/index.ts";
import { collaborationMessages } from "./collaboration-messages.ts";

type Assessment = Schemas["Assessment"];

/**
 * Export and import of the answers (what consultants and auditors exchange), pre-filling from a
 * mapped assessment and the PDF report. Import and pre-fill only when the server allows answering.
 */
export function AnswersTransfer({ orgId, assessment, onReloaded }: { orgId: string; assessment: Assessment; onReloaded: (a: Assessment) => void }) {
  const t = useT(collaborationMessages);
  const base = `/api/orgs/${orgId}/assessments/${assessment.id}`;
  const canAnswer = assessment.actions.includes("answer");
  const reload = async () => onReloaded(await unwrap(api.GET("/api/orgs/{orgId}/assessments/{assessmentId}", { params: { path: { orgId, assessmentId: assessment.id } } })));
  return (
    <section aria-labelledby="answers-transfer" className="mb-4">
      <h2 id="answers-transfer" className="h5">
        {t("transferTitle")}
      </h2>
      <p className="d-flex flex-wrap gap-2">
        <a className="btn btn-outline-primary btn-sm" href={`${base}/answers/export?format=xlsx`} download>
          {t("exportXlsx")}
        </a>
        <a className="btn btn-outline-primary btn-sm" href={`${base}/answers/export?format=csv`} download>
          {t("exportCsv")}
        </a>
        <a className="btn btn-outline-secondary btn-sm" href={`${base}/report.pdf?lang=it`} download>
          {t("reportPdf")}
        </a>
        <a className="btn btn-outline-secondary btn-sm" href={`${base}/report.pdf?lang=en`} download hrefLang="en">
          {t("reportPdfEn")}
        </a>
      </p>
      {canAnswer && <ImportForm orgId={orgId} assessmentId={assessment.id} onDone={reload} />}
      {canAnswer && <PrefillForm orgId={orgId} assessment={assessment} onDone={reload} />}
    </section>
  );
}

function ImportForm({ orgId, assessmentId, onDone }: { orgId: string; assessmentId: string; onDone: () => Promise<void> }) {
  const t = useT(collaborationMessages);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setDone(null);
    setError(null);
    try {
      const form = new FormData();
      form.append("file", file);
      const result = await unwrap(
        api.POST("/api/orgs/{orgId}/assessments/{assessmentId}/answers/import", {
          params: { path: { orgId, assessmentId } },
          body: form as unknown as { file: string },
          bodySerializer: (b) => b as unknown as FormData,
        }),
      );
      // the sheet shows the saved answers before the notice says they are there
      await onDone();
      setDone(t("importDone", { count: String(result.answers.length) }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "internal", String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="answers-import" className="mb-3" noValidate>
      <h3 id="answers-import" className="h6">
        {t("importAnswers")}
      </h3>
      {done && <Notice kind="success">{done}</Notice>}
      {error && (
        <div className="alert alert-danger" role="alert">
          <p className="mb-1">{t("importErrors")}</p>
          <p className="mb-1">{error.message}</p>
          {error.fields.length > 0 && (
            <ul className="mb-0">
              {error.fields.map((f, i) => (
                <li key={i}>{`${f.field}: ${f.reason}`}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <label htmlFor="answers-import-file" className="form-label small mb-1">
        {t("importFile")}
      </label>
      <input id="answers-import-file" type="file" accept=".xlsx,.csv" className="form-control" aria-describedby="answers-import-hint" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <p id="answers-import-hint" className="small">
        {t("importHint")}
      </p>
      <button type="submit" className="btn btn-outline-primary btn-sm" disabled={busy || !file} aria-busy={busy}>
        {busy ? t("working") : t("importAnswers")}
      </button>
    </form>
  );
}

function PrefillForm({ orgId, assessment, onDone }: { orgId: string; assessment: Assessment; onDone: () => Promise<void> }) {
  const t = useT(collaborationMessages);
  const list = useAsync(() => unwrap(api.GET("/api/orgs/{orgId}/assessments", { params: { path: { orgId } } })), [orgId]);
  const [source, setSource] = useState("");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sources = (list.data?.items ?? []).filter((a) => a.id !== assessment.id);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setDone(null);
    setError(null);
    try {
      const result = await unwrap(
        api.POST("/api/orgs/{orgId}/assessments/{assessmentId}/prefill", { params: { path: { orgId, assessmentId: assessment.id } }, body: { fromAssessmentId: source } }),
      );
      await onDone();
      setDone(t("prefillDone", { count: String(result.prefilled.length) }));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  if (list.data && sources.length === 0) return <p className="small">{t("prefillNone")}</p>;
  return (
    <form onSubmit={submit} aria-labelledby="answers-prefill" className="mb-3" noValidate>
      <h3 id="answers-prefill" className="h6">
        {t("prefillTitle")}
      </h3>
      {done && <Notice kind="success">{done}</Notice>}
      {error && <Notice kind="danger">{error}</Notice>}
      <FormField id="answers-prefill-source" label={t("prefillSource")} value={source} onChange={setSource} options={[{ value: "", label: "—" }, ...sources.map((a) => ({ value: a.id, label: a.title }))]} />
      <button type="submit" className="btn btn-outline-primary btn-sm" disabled={busy || !source} aria-busy={busy}>
        {busy ? t("working") : t("prefillRun")}
      </button>
    </form>
  );
}

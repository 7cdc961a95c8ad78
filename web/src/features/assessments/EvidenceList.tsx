import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { ConfirmButton, FormErrors, FormField, Loading, Notice, useAsync, useFormErrors } from "../../ui/index.ts";
import { collaborationMessages } from "./collaboration-messages.ts";

type Evidence = Schemas["AssessmentEvidence"];

interface Props {
  orgId: string;
  assessmentId: string;
  requirementId: string;
  /** the caller may answer this requirement (and the assessment is not approved) */
  editable: boolean;
  idBase: string;
  /**
   * the caller belongs to the organisation, so may pick one of its stored files; a provider's user
   * may only upload a new one, which the organisation then owns
   */
  member: boolean;
}

/** The evidence of one answer: links and files with their expiry; expired ones say so in words. */
export function EvidenceList({ orgId, assessmentId, requirementId, editable, idBase, member }: Props) {
  const t = useT(collaborationMessages);
  const { locale } = useLocale();
  const path = { orgId, assessmentId };
  const state = useAsync(
    async () => (await unwrap(api.GET("/api/orgs/{orgId}/assessments/{assessmentId}/evidence", { params: { path, query: { requirementId } } }))).items,
    [orgId, assessmentId, requirementId],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const { error, run } = useFormErrors();
  const date = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

  const remove = (e: Evidence) =>
    run(async () => {
      await unwrap(api.DELETE("/api/orgs/{orgId}/assessments/{assessmentId}/evidence/{evidenceId}", { params: { path: { ...path, evidenceId: e.id } } }));
      setNotice(t("evidenceRemoved"));
      await state.reload();
    });
  const added = async () => {
    setNotice(t("evidenceAdded"));
    await state.reload();
  };

  return (
    <section aria-labelledby={`${idBase}-evidence`} className="mb-3">
      <h4 id={`${idBase}-evidence`} className="h6">
        {t("evidenceTitle")}
      </h4>
      {notice && <Notice kind="success">{notice}</Notice>}
      <FormErrors error={error} />
      {state.loading && !state.data && <Loading />}
      {state.error && <Notice kind="danger">{state.error.message}</Notice>}
      {state.data && state.data.length === 0 && <p className="small">{t("evidenceEmpty")}</p>}
      {state.data && state.data.length > 0 && (
        <ul className="list-unstyled" aria-label={t("evidenceCaption", { id: requirementId })}>
          {state.data.map((e) => (
            <li key={e.id} className="d-flex flex-wrap align-items-center gap-2 mb-2" data-evidence={e.id}>
              {e.url ? (
                <a href={e.url} rel="noopener noreferrer" target="_blank">
                  {e.title}
                </a>
              ) : (
                // through the evidence, so a provider's user assigned to the requirement can open it too
                <a href={`/api/orgs/${orgId}/assessments/${assessmentId}/evidence/${e.id}/file`}>{e.title}</a>
              )}
              {e.expiresOn === null ? (
                <span className="small">{t("noExpiry")}</span>
              ) : e.expired ? (
                <strong className="badge bg-danger">{t("expired", { date: date(e.expiresOn) })}</strong>
              ) : (
                <span className="small">{t("validUntil", { date: date(e.expiresOn) })}</span>
              )}
              {editable && (
                <ConfirmButton question={t("removeQuestion")} onConfirm={() => remove(e)}>
                  {t("removeEvidence")}
                </ConfirmButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && <AddLinkForm orgId={orgId} assessmentId={assessmentId} requirementId={requirementId} idBase={idBase} onAdded={added} />}
      {editable && <AddFileForm orgId={orgId} assessmentId={assessmentId} requirementId={requirementId} idBase={idBase} onAdded={added} member={member} />}
    </section>
  );
}

type FormProps = { orgId: string; assessmentId: string; requirementId: string; idBase: string; onAdded: () => Promise<void> };

function AddLinkForm({ orgId, assessmentId, requirementId, idBase, onAdded }: FormProps) {
  const t = useT(collaborationMessages);
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [busy, setBusy] = useState(false);
  const { error, fieldError, run } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const done = await run(async () => {
      await unwrap(
        api.POST("/api/orgs/{orgId}/assessments/{assessmentId}/evidence", {
          params: { path: { orgId, assessmentId } },
          body: { requirementId, url, ...(title ? { title } : {}), ...(expiresOn ? { expiresOn } : {}) },
        }),
      );
      return true;
    });
    setBusy(false);
    if (done) {
      setUrl("");
      setTitle("");
      setExpiresOn("");
      await onAdded();
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby={`${idBase}-link`} className="mb-3" noValidate>
      <h5 id={`${idBase}-link`} className="h6 small fw-semibold">
        {t("addLinkTitle")}
      </h5>
      <FormErrors error={error} labels={{ "body.url": t("linkUrl"), "body.expiresOn": t("expiresOn"), "body.title": t("linkTitle") }} />
      <div className="row g-2">
        <div className="col-12 col-md-5">
          <FormField id={`${idBase}-link-url`} label={t("linkUrl")} type="url" required value={url} onChange={setUrl} error={fieldError("body.url")} />
        </div>
        <div className="col-12 col-md-4">
          <FormField id={`${idBase}-link-title`} label={t("linkTitle")} value={title} onChange={setTitle} error={fieldError("body.title")} />
        </div>
        <div className="col-12 col-md-3">
          <FormField id={`${idBase}-link-expiry`} label={t("expiresOn")} type="date" value={expiresOn} onChange={setExpiresOn} error={fieldError("body.expiresOn")} />
        </div>
      </div>
      <button type="submit" className="btn btn-outline-primary btn-sm" disabled={busy} aria-busy={busy}>
        {busy ? t("working") : t("addLink")}
      </button>
    </form>
  );
}

function AddFileForm({ orgId, assessmentId, requirementId, idBase, onAdded, member }: FormProps & { member: boolean }) {
  const t = useT(collaborationMessages);
  const [file, setFile] = useState<File | null>(null);
  const [existing, setExisting] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [busy, setBusy] = useState(false);
  const { error, run } = useFormErrors();
  const files = useAsync(
    async () => (member ? (await unwrap(api.GET("/api/orgs/{orgId}/files", { params: { path: { orgId }, query: { limit: 50 } } }))).items : []),
    [orgId, member],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const done = await run(async () => {
      if (file) {
        const form = new FormData();
        form.append("file", file);
        // one request stores the file with the organisation and attaches it; the serializer hands the
        // FormData through untouched, so the browser sets the multipart boundary
        await unwrap(
          api.POST("/api/orgs/{orgId}/assessments/{assessmentId}/evidence/files", {
            params: { path: { orgId, assessmentId }, query: { requirementId, ...(expiresOn ? { expiresOn } : {}) } },
            body: form as unknown as { file: string },
            bodySerializer: (b) => b as unknown as FormData,
          }),
        );
        return true;
      }
      if (!existing) return false;
      const fileId = existing;
      await unwrap(
        api.POST("/api/orgs/{orgId}/assessments/{assessmentId}/evidence", {
          params: { path: { orgId, assessmentId } },
          body: { requirementId, fileId, ...(expiresOn ? { expiresOn } : {}) },
        }),
      );
      return true;
    });
    setBusy(false);
    if (done) {
      setFile(null);
      setExisting("");
      setExpiresOn("");
      await files.reload();
      await onAdded();
    }
  };
  const options = [{ value: "", label: t("noFile") }, ...(files.data ?? []).map((f) => ({ value: f.id, label: f.name }))];
  return (
    <form onSubmit={submit} aria-labelledby={`${idBase}-file`} className="mb-3" noValidate>
      <h5 id={`${idBase}-file`} className="h6 small fw-semibold">
        {t("addFileTitle")}
      </h5>
      <FormErrors error={error} />
      <div className="row g-2">
        <div className="col-12 col-md-5">
          <label htmlFor={`${idBase}-file-input`} className="form-label small mb-1">
            {t("fileInput")}
          </label>
          <input id={`${idBase}-file-input`} type="file" className="form-control" aria-describedby={`${idBase}-file-hint`} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <p id={`${idBase}-file-hint`} className="small mb-0">
            {t("fileHint")}
          </p>
        </div>
        {member && (
          <div className="col-12 col-md-4">
            <FormField id={`${idBase}-file-existing`} label={t("existingFile")} value={existing} options={options} onChange={setExisting} />
          </div>
        )}
        <div className="col-12 col-md-3">
          <FormField id={`${idBase}-file-expiry`} label={t("expiresOn")} type="date" value={expiresOn} onChange={setExpiresOn} />
        </div>
      </div>
      <button type="submit" className="btn btn-outline-primary btn-sm" disabled={busy || (!file && !existing)} aria-busy={busy}>
        {busy ? t("working") : file ? t("addFile") : t("attachExisting")}
      </button>
    </form>
  );
}

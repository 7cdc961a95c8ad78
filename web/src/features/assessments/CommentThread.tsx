import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { FormErrors, Loading, Notice, useAsync, useFormErrors } from "../../ui/index.ts";
import { collaborationMessages } from "./collaboration-messages.ts";

/** The comments between the entity and its provider on one answer, oldest first, and a form to add one. */
export function CommentThread({ orgId, assessmentId, requirementId, locked, idBase }: {
  orgId: string;
  assessmentId: string;
  requirementId: string;
  /** approved: the thread is read-only */
  locked: boolean;
  idBase: string;
}) {
  const t = useT(collaborationMessages);
  const { locale } = useLocale();
  const path = { orgId, assessmentId };
  const state = useAsync(
    async () => (await unwrap(api.GET("/api/orgs/{orgId}/assessments/{assessmentId}/comments", { params: { path, query: { requirementId } } }))).items,
    [orgId, assessmentId, requirementId],
  );
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { error, fieldError, run } = useFormErrors();
  const bodyError = fieldError("body.body");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    const done = await run(() => unwrap(api.POST("/api/orgs/{orgId}/assessments/{assessmentId}/comments", { params: { path }, body: { requirementId, body } })));
    setBusy(false);
    if (done) {
      setBody("");
      setNotice(t("commentAdded"));
      await state.reload();
    }
  };

  return (
    <section aria-labelledby={`${idBase}-comments`}>
      <h4 id={`${idBase}-comments`} className="h6">
        {t("commentsTitle")}
      </h4>
      {state.loading && !state.data && <Loading />}
      {state.error && <Notice kind="danger">{state.error.message}</Notice>}
      {state.data && state.data.length === 0 && <p className="small">{t("commentsEmpty")}</p>}
      {state.data && state.data.length > 0 && (
        <ol className="list-unstyled">
          {state.data.map((c) => (
            <li key={c.id} className="mb-2 border-start ps-2">
              <p className="small mb-0">
                {t("commentMeta", { author: c.authorName, date: new Date(c.createdAt).toLocaleString(locale) })}
                {c.fromPreviousCycle && <span className="badge bg-secondary ms-2">{t("commentFromPreviousCycle")}</span>}
              </p>
              <p className="mb-0 text-break">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {notice && <Notice kind="success">{notice}</Notice>}
      {!locked && (
        <form onSubmit={submit} noValidate>
          <FormErrors error={error} labels={{ "body.body": t("commentBody") }} />
          <label htmlFor={`${idBase}-comment`} className="form-label small mb-1">
            {t("commentBody")}
          </label>
          <textarea
            id={`${idBase}-comment`}
            className={`form-control${bodyError ? " is-invalid" : ""}`}
            rows={2}
            value={body}
            required
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={bodyError ? `${idBase}-comment-error` : undefined}
            onChange={(e) => setBody(e.target.value)}
          />
          {bodyError && (
            <div id={`${idBase}-comment-error`} className="invalid-feedback d-block">
              {bodyError}
            </div>
          )}
          <button type="submit" className="btn btn-outline-primary btn-sm mt-2" disabled={busy || !body.trim()} aria-busy={busy}>
            {busy ? t("working") : t("addComment")}
          </button>
        </form>
      )}
    </section>
  );
}

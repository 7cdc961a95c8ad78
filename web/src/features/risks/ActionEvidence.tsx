import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { ConfirmButton, FormErrors, FormField, Notice, useFormErrors } from "../../ui/index.ts";
import { roadmapMessages } from "./roadmap-messages.ts";
import type { Action } from "./risks-api.ts";

/** Evidence that an action was done: links the entity (or its provider) can show an auditor. */
export function ActionEvidence({ orgId, action, onChange }: { orgId: string; action: Action; onChange: (updated: Action) => void }) {
  const t = useT(roadmapMessages);
  const { locale } = useLocale();
  const { error, fieldError, run } = useFormErrors();
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const [notice, setNotice] = useState<string>();
  const path = { orgId, actionId: action.id };
  const may = action.actions.includes("addEvidence");
  const reload = async () => onChange(await unwrap(api.GET("/api/orgs/{orgId}/actions/{actionId}", { params: { path } })));

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(undefined);
    const done = await run(async () => {
      await unwrap(api.POST("/api/orgs/{orgId}/actions/{actionId}/evidence", { params: { path }, body: { title, ...(url.trim() ? { url: url.trim() } : {}) } }));
      await reload();
      return true;
    });
    if (done) {
      setTitle("");
      setUrl("");
      setNotice(t("evidenceAdded"));
    }
  };
  const remove = async (evidenceId: string) => {
    await run(async () => {
      await unwrap(api.DELETE("/api/orgs/{orgId}/actions/{actionId}/evidence/{evidenceId}", { params: { path: { ...path, evidenceId } } }));
      await reload();
    });
  };

  return (
    <section aria-labelledby="evidence-title" className="mt-5">
      <h2 id="evidence-title" className="h4">
        {t("evidenceTitle")}
      </h2>
      {action.evidence.length === 0 ? (
        <p>{t("evidenceEmpty")}</p>
      ) : (
        <ul>
          {action.evidence.map((e) => (
            <li key={e.id} className="mb-2">
              {e.url ? (
                <a href={e.url} rel="noopener noreferrer" target="_blank">
                  {e.title}
                </a>
              ) : e.fileId ? (
                <a href={`/api/orgs/${orgId}/files/${e.fileId}`}>{e.title}</a>
              ) : (
                e.title
              )}{" "}
              <span className="small">· {new Date(e.createdAt).toLocaleDateString(locale)}</span>{" "}
              {may && <ConfirmButton onConfirm={() => remove(e.id)}>{t("removeEvidence", { title: e.title })}</ConfirmButton>}
            </li>
          ))}
        </ul>
      )}
      {notice && <Notice kind="success">{notice}</Notice>}
      <FormErrors error={error} />
      {may && (
        <form onSubmit={add} noValidate aria-labelledby="evidence-add-title">
          <h3 id="evidence-add-title" className="h6">
            {t("addEvidence")}
          </h3>
          <FormField id="evidence-title-field" label={t("evidenceTitleField")} value={title} onChange={setTitle} required error={fieldError("body.title")} />
          <FormField id="evidence-url" type="url" label={t("evidenceUrl")} value={url} onChange={setUrl} error={fieldError("body.url")} />
          <button type="submit" className="btn btn-outline-primary">
            {t("addEvidence")}
          </button>
        </form>
      )}
    </section>
  );
}

import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { useT } from "../../../i18n/index.ts";
import { ConfirmButton, DataTable, FormErrors, Notice, PageTitle, useAsync, useFormErrors } from "../../../ui/index.ts";
import { PageData } from "../../organisation/page-access.tsx";
import { authoringApi, type AuthoredSummary, type Owner } from "./authoring-api.ts";
import { messages, scormHref } from "./messages.ts";
import { OwnerSelect } from "./OwnerSelect.tsx";
import { PackageEditor } from "./PackageEditor.tsx";

/** /formazione/redazione: paths and their versions, the JSON editor, package and SCORM uploads. */
export function AuthoringPage() {
  const t = useT(messages);
  const list = useAsync(() => authoringApi.list(), []);
  const scorm = useAsync(() => authoringApi.scormList(), []);
  const [editing, setEditing] = useState<{ id: string | null; text: string; title?: string; version?: string } | null>(null);
  const [preview, setPreview] = useState<Awaited<ReturnType<typeof authoringApi.preview>> | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { error, run } = useFormErrors();

  const act = async (fn: () => Promise<unknown>, message?: string) => {
    setDone(null);
    const ok = await run(async () => {
      await fn();
      return true;
    });
    if (ok && message) setDone(message);
    await list.reload();
  };
  const edit = (row: AuthoredSummary) =>
    act(async () => {
      const path = await authoringApi.get(row.id);
      setEditing({ id: row.id, text: JSON.stringify(path.content, null, 2), title: path.title, version: path.version });
    });

  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <p>{t("intro")}</p>
      {done && <Notice kind="success">{done}</Notice>}
      <FormErrors error={error} />
      <PageData state={list}>
        {(data) => {
          const owners: Owner[] = [...(data.organisationEditor ? (["organisation"] as const) : []), ...(data.platformEditor ? (["platform"] as const) : [])];
          return (
            <>
              <DataTable
                caption={t("listCaption")}
                rows={data.items}
                rowKey={(r) => r.id}
                empty={t("none")}
                columns={[
                  { header: t("path"), cell: (r) => `${r.title} (${r.slug}, ${r.language})`, rowHeader: true },
                  { header: t("version"), cell: (r) => r.version },
                  { header: t("status"), cell: (r) => t(`status.${r.status}`) },
                  { header: t("owner"), cell: (r) => (r.ownerOrgId ? t("ownerOrganisation") : t("ownerPlatform")) },
                  {
                    header: t("actions"),
                    cell: (r) => (
                      <div className="d-flex flex-wrap gap-2">
                        <button type="button" className="btn btn-outline-primary btn-xs" onClick={() => void act(async () => setPreview(await authoringApi.preview(r.id)))}>
                          {t("preview")}
                        </button>
                        {r.actions.includes("edit") && (
                          <button type="button" className="btn btn-outline-primary btn-xs" onClick={() => void edit(r)}>
                            {t("edit")}
                          </button>
                        )}
                        {r.actions.includes("publish") && (
                          <button type="button" className="btn btn-primary btn-xs" onClick={() => void act(() => authoringApi.publish(r.id), `${t("status.published")}: ${r.title} ${r.version}`)}>
                            {t("publish")}
                          </button>
                        )}
                        {r.actions.includes("newVersion") && (
                          <button type="button" className="btn btn-outline-primary btn-xs" onClick={() => void act(() => authoringApi.newVersion(r.id), t("saved"))}>
                            {t("newVersion")}
                          </button>
                        )}
                        {r.actions.includes("retire") && (
                          <ConfirmButton question={t("retireQuestion")} onConfirm={() => act(() => authoringApi.retire(r.id))}>
                            {t("retire")}
                          </ConfirmButton>
                        )}
                        <a className="btn btn-outline-secondary btn-xs" href={authoringApi.exportHref(r.id)} download>
                          {t("export")}
                        </a>
                      </div>
                    ),
                  },
                ]}
              />
              {preview && (
                <section aria-labelledby="academy-preview-title" className="mb-4">
                  <h2 id="academy-preview-title">{t("previewTitle", { title: preview.title })}</h2>
                  {preview.modules.map((m) => (
                    <div key={m.id}>
                      <h3 className="h5">{m.title}</h3>
                      <ul>
                        {m.items.map((i) => (
                          <li key={i.id}>{i.title}</li>
                        ))}
                      </ul>
                    </div>
                  ))}
                  <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => setPreview(null)}>
                    {t("close")}
                  </button>
                </section>
              )}
              {owners.length > 0 && (
                <>
                  <PackageEditor
                    key={editing?.id ?? "new"}
                    owners={owners}
                    editing={editing}
                    onSaved={() => {
                      setEditing(null);
                      setDone(t("saved"));
                      void list.reload();
                    }}
                    onCancel={() => setEditing(null)}
                  />
                  <ZipUpload idPrefix="academy-import" title={t("importTitle")} label={t("importLabel")} button={t("importButton")} owners={owners} onUpload={(owner, file) => act(() => authoringApi.importZip(owner, file), t("imported"))} />
                  <ZipUpload
                    idPrefix="academy-scorm"
                    title={t("scormTitle")}
                    label={t("scormLabel")}
                    button={t("scormButton")}
                    owners={owners}
                    onUpload={(owner, file) =>
                      act(async () => {
                        await authoringApi.scormUpload(owner, file);
                        await scorm.reload();
                      }, t("scormUploaded"))
                    }
                  />
                </>
              )}
            </>
          );
        }}
      </PageData>
      <PageData state={scorm}>
        {(data) => (
          <DataTable
            caption={t("scormCaption")}
            rows={data.items}
            rowKey={(p) => p.id}
            empty={t("scormNone")}
            columns={[
              { header: t("path"), cell: (p) => p.title, rowHeader: true },
              { header: t("status"), cell: (p) => t(`status.${p.status}`) },
              { header: t("actions"), cell: (p) => <Link to={scormHref(p.id)}>{t("launch")}</Link> },
            ]}
          />
        )}
      </PageData>
    </>
  );
}

function ZipUpload({ idPrefix, title, label, button, owners, onUpload }: { idPrefix: string; title: string; label: string; button: string; owners: Owner[]; onUpload: (owner: Owner, file: File) => Promise<void> }) {
  const t = useT(messages);
  const [file, setFile] = useState<File | null>(null);
  const [owner, setOwner] = useState<Owner>(owners[0]!);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (file) await onUpload(owner, file);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="mb-4" aria-labelledby={`${idPrefix}-title`}>
      <h2 id={`${idPrefix}-title`} className="h4">
        {title}
      </h2>
      <OwnerSelect id={`${idPrefix}-owner`} owners={owners} value={owner} onChange={setOwner} label={t("ownerLabel")} />
      <div className="mb-3">
        <label htmlFor={`${idPrefix}-file`} className="form-label">
          {label}
        </label>
        <input id={`${idPrefix}-file`} className="form-control" type="file" accept=".zip,application/zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={!file}>
        {button}
      </button>
    </form>
  );
}

import { useState, type FormEvent } from "react";
import { api, ApiError, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { FormField } from "../../ui/index.ts";
import { textOf } from "./catalogs.ts";
import { frameworksMessages } from "./frameworks-messages.ts";

type Framework = Schemas["OrganisationFramework"];

/**
 * Uploads a framework file (or both ACN annexes). The server checks the whole file; when it
 * refuses, each problem is listed with the sheet, row and column it names, and nothing changed.
 */
export function FrameworkUploadForm({ orgId, frameworks, onUploaded }: { orgId: string; frameworks: Framework[]; onUploaded: (message: string) => Promise<void> }) {
  const t = useT(frameworksMessages);
  const { locale } = useLocale();
  const [files, setFiles] = useState<File[]>([]);
  const [csvFramework, setCsvFramework] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!files.length) return;
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      for (const file of files) body.append("file", file);
      if (csvFramework) body.append("frameworkId", csvFramework);
      const result = await unwrap(
        api.POST("/api/orgs/{orgId}/frameworks", {
          params: { path: { orgId } },
          body: body as unknown as { file: string },
          bodySerializer: (b) => b as unknown as FormData,
        }),
      );
      const name = textOf(result.framework.title, locale);
      form.reset();
      setFiles([]);
      setCsvFramework("");
      await onUploaded(
        result.replacedRequirements === null
          ? t("uploadDone", { framework: name })
          : t("uploadDoneWording", { framework: name, count: String(result.replacedRequirements) }),
      );
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "internal", String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="framework-upload" className="mb-4" noValidate>
      <h2 id="framework-upload" className="h5">
        {t("uploadTitle")}
      </h2>
      {error && (
        <div className="alert alert-danger" role="alert">
          <p className="mb-1">{t("uploadErrors")}</p>
          {error.fields.length > 0 ? (
            <ul className="mb-0" aria-label={t("uploadErrors")}>
              {error.fields.map((f, i) => (
                <li key={i}>
                  <strong>{f.field}</strong>: {f.reason}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-0">{error.message}</p>
          )}
        </div>
      )}
      <div className="form-group mb-3">
        <label htmlFor="framework-upload-file" className="form-label">
          {t("uploadFile")}
        </label>
        <input
          id="framework-upload-file"
          name="file"
          type="file"
          multiple
          accept=".json,.xlsx,.csv,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="form-control"
          aria-describedby="framework-upload-hint"
          onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
        />
        <p id="framework-upload-hint" className="small mt-1">
          {t("uploadHint")}
        </p>
      </div>
      <FormField
        id="framework-upload-csv"
        label={t("csvFramework")}
        hint={t("csvFrameworkHint")}
        value={csvFramework}
        onChange={setCsvFramework}
        options={[{ value: "", label: t("csvFrameworkNone") }, ...frameworks.map((f) => ({ value: f.id, label: `${textOf(f.title, locale)} (${f.id})` }))]}
      />
      {busy && (
        <div className="mb-3">
          <div className="progress progress-indeterminate" role="progressbar" aria-label={t("uploading")}>
            <div className="progress-bar" />
          </div>
          <p className="small" role="status">
            {t("uploading")}
          </p>
        </div>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy || !files.length} aria-busy={busy}>
        {t("upload")}
      </button>
    </form>
  );
}

import { useState, type FormEvent } from "react";
import { ApiError } from "../../../api/client.ts";
import { useT } from "../../../i18n/index.ts";
import { useFormErrors } from "../../../ui/index.ts";
import { authoringApi, type Owner } from "./authoring-api.ts";
import { OwnerSelect } from "./OwnerSelect.tsx";
import { messages } from "./messages.ts";

/** The package as JSON in a textarea; the server's problems listed by their JSON path. */
export function PackageEditor({ owners, editing, onSaved, onCancel }: {
  owners: Owner[];
  editing: { id: string | null; text: string; title?: string; version?: string } | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useT(messages);
  const [text, setText] = useState(editing?.text ?? "");
  const [owner, setOwner] = useState<Owner>(owners[0]!);
  const { error, setError, run } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let pkg: unknown;
    try {
      pkg = JSON.parse(text);
    } catch {
      setError(new ApiError(422, "not_json", t("notJson")));
      return;
    }
    const saved = await run(() => (editing?.id ? authoringApi.update(editing.id, pkg) : authoringApi.create(owner, pkg)));
    if (saved) onSaved();
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="mb-4" aria-labelledby="academy-editor-title">
      <h2 id="academy-editor-title" className="h4">
        {editing?.id ? t("editorEditing", { title: editing.title ?? "", version: editing.version ?? "" }) : t("editorNew")}
      </h2>
      {!editing?.id && <OwnerSelect id="academy-editor-owner" owners={owners} value={owner} onChange={setOwner} label={t("ownerLabel")} />}
      <div className="mb-3">
        <label htmlFor="academy-package" className="form-label">
          {t("packageLabel")}
        </label>
        <textarea
          id="academy-package"
          className={`form-control font-monospace${error ? " is-invalid" : ""}`}
          rows={14}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={error ? "academy-package-problems" : undefined}
          spellCheck={false}
        />
      </div>
      {error && (
        <div id="academy-package-problems" role="alert" className="alert alert-danger" tabIndex={-1}>
          <p className="mb-1">{error.message}</p>
          {error.fields.length > 0 && (
            <ul className="mb-0">
              {error.fields.map((f) => (
                <li key={`${f.field}:${f.reason}`}>
                  <code>{f.field}</code>: {f.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="d-flex gap-2">
        <button type="submit" className="btn btn-primary">
          {t("save")}
        </button>
        {editing?.id && (
          <button type="button" className="btn btn-outline-secondary" onClick={onCancel}>
            {t("cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

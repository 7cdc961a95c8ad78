import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { FormErrors, FormField, useFormErrors } from "../../ui/index.ts";
import { type FrameworkSummary, textOf } from "./catalogs.ts";
import { messages } from "./messages.ts";

/** "Nuova valutazione": framework, level, title, scope and target date; opens the new draft. */
export function NewAssessmentForm({ orgId, catalogs }: { orgId: string; catalogs: FrameworkSummary[] }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { error, fieldError, run } = useFormErrors();
  const [frameworkId, setFrameworkId] = useState(catalogs[0]?.id ?? "");
  const catalog = catalogs.find((c) => c.id === frameworkId);
  const [level, setLevel] = useState(catalog?.levels?.[0]?.id ?? "");
  const [title, setTitle] = useState("");
  const [scope, setScope] = useState("");
  const [targetDate, setTargetDate] = useState("");
  const [busy, setBusy] = useState(false);

  const chooseFramework = (id: string) => {
    setFrameworkId(id);
    setLevel(catalogs.find((c) => c.id === id)?.levels?.[0]?.id ?? "");
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const created = await run(() =>
      unwrap(
        api.POST("/api/orgs/{orgId}/assessments", {
          params: { path: { orgId } },
          body: {
            frameworkId,
            title,
            ...(level ? { level } : {}),
            ...(scope.trim() ? { scopeService: scope } : {}),
            ...(targetDate ? { targetDate } : {}),
          },
        }),
      ),
    );
    setBusy(false);
    if (created) navigate(`/valutazioni/${created.id}`);
  };

  const levels = catalog?.levels ?? [];
  return (
    <section aria-labelledby="new-assessment-title" className="mt-5">
      <h2 id="new-assessment-title" className="h4">
        {t("newTitle")}
      </h2>
      <FormErrors error={error} />
      <form onSubmit={submit} noValidate>
        <FormField
          id="assessment-framework"
          label={t("framework")}
          value={frameworkId}
          onChange={chooseFramework}
          error={fieldError("body.frameworkId")}
          options={catalogs.map((c) => ({ value: c.id, label: textOf(c.title, locale) }))}
        />
        {levels.length > 0 && (
          <FormField
            id="assessment-level"
            label={t("level")}
            value={level}
            onChange={setLevel}
            error={fieldError("body.level")}
            options={levels.map((l) => ({ value: l.id, label: textOf(l.title, locale) }))}
          />
        )}
        <FormField id="assessment-title" label={t("title")} value={title} onChange={setTitle} required error={fieldError("body.title")} />
        <FormField id="assessment-scope" label={t("scope")} hint={t("scopeHint")} value={scope} onChange={setScope} error={fieldError("body.scopeService")} />
        <FormField id="assessment-target-date" type="date" label={t("targetDate")} value={targetDate} onChange={setTargetDate} error={fieldError("body.targetDate")} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t("create")}
        </button>
      </form>
    </section>
  );
}

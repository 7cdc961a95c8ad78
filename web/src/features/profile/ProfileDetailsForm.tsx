import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { SessionInfo } from "../../api/types.ts";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, FormField, Notice, useFormErrors } from "../../ui/index.ts";
import { profileMessages } from "./messages.ts";

export function ProfileDetailsForm({ user }: { user: SessionInfo["user"] }) {
  const t = useT(profileMessages);
  const { refresh } = useSession();
  const { error, fieldError, run } = useFormErrors();
  const [name, setName] = useState(user.name);
  const [locale, setLocale] = useState<"it" | "en">(user.locale);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setBusy(true);
    await run(async () => {
      await unwrap(api.PATCH("/api/me", { body: { name: name.trim(), locale } }));
      await refresh();
      setSaved(true);
    });
    setBusy(false);
  };

  return (
    <section aria-labelledby="details-title" className="mb-5">
      <h2 id="details-title" className="h4">
        {t("detailsTitle")}
      </h2>
      {saved && <Notice kind="success">{t("saved")}</Notice>}
      <FormErrors error={error} labels={{ "body.name": t("name"), "body.locale": t("language") }} />
      <form onSubmit={submit} noValidate>
        <FormField label={t("email")} name="email" value={user.email} onChange={() => {}} readOnly />
        <FormField label={t("name")} name="name" autoComplete="name" required value={name} onChange={setName} error={fieldError("body.name")} />
        <FormField
          label={t("language")}
          name="locale"
          value={locale}
          onChange={(v) => setLocale(v === "en" ? "en" : "it")}
          options={[
            { value: "it", label: t("italian") },
            { value: "en", label: t("english") },
          ]}
          error={fieldError("body.locale")}
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t("save")}
        </button>
      </form>
    </section>
  );
}

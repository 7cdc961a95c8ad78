import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { SessionInfo } from "../../api/types.ts";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, FormField, Notice, useFormErrors } from "../../ui/index.ts";
import { NewPasswordFields } from "../auth/NewPasswordFields.tsx";
import { profileMessages } from "./messages.ts";

export function PasswordChangeForm({ user }: { user: SessionInfo["user"] }) {
  const t = useT(profileMessages);
  const { error, fieldError, run } = useFormErrors();
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [repeat, setRepeat] = useState("");
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (newPassword !== repeat) return;
    setDone(false);
    setBusy(true);
    await run(async () => {
      await unwrap(api.POST("/api/me/password", { body: { currentPassword, newPassword } }));
      setCurrent("");
      setNew("");
      setRepeat("");
      setDone(true);
    });
    setBusy(false);
  };

  return (
    <section aria-labelledby="password-title" className="mb-5">
      <h2 id="password-title" className="h4">
        {t("passwordTitle")}
      </h2>
      <p>{t("passwordIntro")}</p>
      {done && <Notice kind="success">{t("passwordChanged")}</Notice>}
      <FormErrors error={error} labels={{ "body.currentPassword": t("currentPassword"), "body.newPassword": t("changePassword") }} />
      <form onSubmit={submit} noValidate>
        <FormField
          label={t("currentPassword")}
          type="password"
          name="current-password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={setCurrent}
          error={fieldError("body.currentPassword")}
        />
        <NewPasswordFields
          password={newPassword}
          repeat={repeat}
          onPassword={setNew}
          onRepeat={setRepeat}
          email={user.email}
          name={user.name}
          error={fieldError("body.newPassword")}
        />
        <button type="submit" className="btn btn-primary" disabled={busy || !currentPassword || !newPassword || newPassword !== repeat}>
          {t("changePassword")}
        </button>
      </form>
    </section>
  );
}

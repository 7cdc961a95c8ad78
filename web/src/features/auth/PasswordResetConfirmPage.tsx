import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { paths } from "../../app/routes.tsx";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, Notice, PageTitle, useFormErrors } from "../../ui/index.ts";
import { authMessages } from "./messages.ts";
import { NewPasswordFields } from "./NewPasswordFields.tsx";

/** The page the reset email links to: /reimposta-password?token=... */
export function PasswordResetConfirmPage() {
  const t = useT(authMessages);
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const { refresh } = useSession();
  const { error, fieldError, run } = useFormErrors();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeat) return;
    setBusy(true);
    await run(async () => {
      await unwrap(api.POST("/api/auth/password-reset/confirm", { body: { token, password } }));
      setDone(true);
      // every session was signed out, this browser's too
      await refresh();
    });
    setBusy(false);
  };

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <PageTitle>{t("resetConfirmTitle")}</PageTitle>
        {!token ? (
          <Notice kind="warning">{t("missingToken")}</Notice>
        ) : done ? (
          <Notice kind="success">{t("resetDone")}</Notice>
        ) : (
          <>
            <FormErrors error={error} labels={{ "body.password": t("newPassword"), "body.token": "Link" }} />
            <form onSubmit={submit} noValidate>
              <NewPasswordFields
                password={password}
                repeat={repeat}
                onPassword={setPassword}
                onRepeat={setRepeat}
                error={fieldError("body.password")}
              />
              <button type="submit" className="btn btn-primary" disabled={busy || !password || password !== repeat}>
                {t("setPassword")}
              </button>
            </form>
          </>
        )}
        <p className="mt-4">
          <Link to={done ? paths.signIn : paths.passwordResetRequest}>{done ? t("signIn") : t("resetRequestTitle")}</Link>
        </p>
      </div>
    </div>
  );
}

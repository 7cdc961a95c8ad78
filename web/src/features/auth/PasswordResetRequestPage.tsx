import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { paths } from "../../app/routes.tsx";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, FormField, Notice, PageTitle, useFormErrors } from "../../ui/index.ts";
import { authMessages } from "./messages.ts";

export function PasswordResetRequestPage() {
  const t = useT(authMessages);
  const { error, fieldError, run } = useFormErrors();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await run(async () => {
      await unwrap(api.POST("/api/auth/password-reset/request", { body: { email: email.trim() } }));
      setSent(true);
    });
    setBusy(false);
  };

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <PageTitle>{t("resetRequestTitle")}</PageTitle>
        {sent ? (
          <Notice kind="success">{t("resetRequested")}</Notice>
        ) : (
          <>
            <p>{t("resetRequestIntro")}</p>
            <FormErrors error={error} labels={{ "body.email": t("email") }} />
            <form onSubmit={submit} noValidate>
              <FormField
                label={t("email")}
                type="email"
                name="email"
                autoComplete="email"
                required
                value={email}
                onChange={setEmail}
                error={fieldError("body.email")}
              />
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t("sendLink")}
              </button>
            </form>
          </>
        )}
        <p className="mt-4">
          <Link to={paths.signIn}>{t("backToSignIn")}</Link>
        </p>
      </div>
    </div>
  );
}

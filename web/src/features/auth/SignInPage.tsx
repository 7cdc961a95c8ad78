import { useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { api, setCsrfToken, unwrap } from "../../api/client.ts";
import { paths } from "../../app/routes.tsx";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, FormField, Loading, PageTitle, useFormErrors } from "../../ui/index.ts";
import { authMessages } from "./messages.ts";
import { safeNext } from "./safe-next.ts";
import { SsoFailureNotice, SsoSignInOption } from "../sso/SsoSignIn.tsx";

export function SignInPage() {
  const t = useT(authMessages);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const { session, loading, refresh } = useSession();
  const { error, fieldError, run } = useFormErrors();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);

  if (loading) return <Loading />;
  if (session && !session.pending) return <Navigate to={next} replace />;
  if (session?.pending === "mfa_required") return <Navigate to={`${paths.mfaVerify}?next=${encodeURIComponent(next)}`} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await run(async () => {
      const result = await unwrap(api.POST("/api/auth/login", { body: { email: email.trim(), password } }));
      setCsrfToken(result.csrfToken);
      await refresh();
      navigate(result.mfaRequired ? `${paths.mfaVerify}?next=${encodeURIComponent(next)}` : next, { replace: true });
    });
    setBusy(false);
  };

  const rateLimited = error?.status === 429;
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <PageTitle>{t("signInTitle")}</PageTitle>
        <p>{t("signInIntro")}</p>
        <SsoFailureNotice />
        <FormErrors
          error={error}
          message={rateLimited ? t("rateLimited") : undefined}
          labels={{ "body.email": t("email"), "body.password": t("password") }}
        />
        <form onSubmit={submit} noValidate>
          <FormField
            label={t("email")}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={setEmail}
            error={fieldError("body.email")}
          />
          <FormField
            label={t("password")}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={setPassword}
            error={fieldError("body.password")}
          />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t("signingIn") : t("signIn")}
          </button>
        </form>
        <SsoSignInOption email={email} next={next} />
        <p className="mt-4">
          <Link to={paths.passwordResetRequest}>{t("forgotPassword")}</Link>
        </p>
      </div>
    </div>
  );
}

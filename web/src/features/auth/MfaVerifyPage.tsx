import { useState, type FormEvent } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { paths } from "../../app/routes.tsx";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, FormField, Loading, Notice, PageTitle, useFormErrors } from "../../ui/index.ts";
import { authMessages } from "./messages.ts";
import { safeNext } from "./safe-next.ts";

/** Second step of sign-in: a TOTP code, or a recovery code. */
export function MfaVerifyPage() {
  const t = useT(authMessages);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const { session, loading, refresh, signOut } = useSession();
  const { error, fieldError, run } = useFormErrors();
  const [code, setCode] = useState("");
  const [recovery, setRecovery] = useState(false);
  const [busy, setBusy] = useState(false);
  const [codesLeft, setCodesLeft] = useState<number | null>(null);

  if (loading) return <Loading />;
  if (codesLeft !== null) {
    return (
      <>
        <PageTitle>{t("mfaTitle")}</PageTitle>
        <Notice kind="warning">{t("recoveryCodesLeft", { count: codesLeft })}</Notice>
        <button type="button" className="btn btn-primary" onClick={() => navigate(next, { replace: true })}>
          {t("goToDashboard")}
        </button>
      </>
    );
  }
  if (!session) return <Navigate to={paths.signIn} replace />;
  if (session.pending !== "mfa_required") return <Navigate to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await run(async () => {
      const result = await unwrap(api.POST("/api/auth/mfa/verify", { body: { code: code.replace(/\s+/g, "") } }));
      if (recovery) setCodesLeft(result.recoveryCodesLeft);
      await refresh();
      if (!recovery) navigate(next, { replace: true });
    });
    setBusy(false);
  };

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <PageTitle>{t("mfaTitle")}</PageTitle>
        <p>{recovery ? t("mfaRecoveryIntro") : t("mfaIntro")}</p>
        <FormErrors error={error} labels={{ "body.code": recovery ? t("recoveryCode") : t("mfaCode") }} />
        <form onSubmit={submit} noValidate>
          <FormField
            key={recovery ? "recovery" : "totp"}
            label={recovery ? t("recoveryCode") : t("mfaCode")}
            name="code"
            autoComplete="one-time-code"
            inputMode={recovery ? "text" : "numeric"}
            required
            value={code}
            onChange={setCode}
            error={fieldError("body.code")}
          />
          <div className="d-flex flex-wrap gap-3">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t("verify")}
            </button>
            <button
              type="button"
              className="btn btn-link"
              onClick={() => {
                setRecovery((r) => !r);
                setCode("");
              }}
            >
              {recovery ? t("useTotp") : t("useRecoveryCode")}
            </button>
          </div>
        </form>
        <p className="mt-4">
          <button
            type="button"
            className="btn btn-link p-0"
            onClick={async () => {
              await signOut();
              navigate(paths.signIn, { replace: true });
            }}
          >
            {t("cancelSignIn")}
          </button>
        </p>
      </div>
    </div>
  );
}

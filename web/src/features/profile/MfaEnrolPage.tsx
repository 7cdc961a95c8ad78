import { useEffect, useRef, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { paths } from "../../app/routes.tsx";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, FormField, Loading, Notice, PageTitle, useFormErrors } from "../../ui/index.ts";
import { profileMessages } from "./messages.ts";
import { RecoveryCodes } from "./RecoveryCodes.tsx";

/**
 * TOTP enrolment: a new secret (as text and otpauth URI, no QR library), a first code, then the
 * recovery codes shown once. Also the forced step when the organisation requires it.
 */
export function MfaEnrolPage() {
  const t = useT(profileMessages);
  const navigate = useNavigate();
  const { session, refresh } = useSession();
  const setup = useFormErrors();
  const { error, fieldError, run } = useFormErrors();
  const [secret, setSecret] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = session?.pending === "mfa_enrolment_required";
  const startSetup = setup.run;

  // one secret per visit: a second setup call would replace the secret shown on screen
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void startSetup(async () => setSecret(await unwrap(api.POST("/api/me/mfa/setup"))));
  }, [startSetup]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await run(async () => {
      const result = await unwrap(api.POST("/api/me/mfa/enable", { body: { code: code.replace(/\s+/g, "") } }));
      setCodes(result.recoveryCodes);
    });
    setBusy(false);
  };

  if (codes) {
    return (
      <>
        <PageTitle>{t("enrolTitle")}</PageTitle>
        <Notice kind="success">{t("enrolDone")}</Notice>
        <RecoveryCodes codes={codes} />
        <button
          type="button"
          className="btn btn-primary"
          onClick={async () => {
            await refresh();
            navigate(forced ? paths.home : paths.profile);
          }}
        >
          {t("enrolContinue")}
        </button>
      </>
    );
  }

  return (
    <>
      <PageTitle>{t("enrolTitle")}</PageTitle>
      {forced && <Notice kind="warning">{t("enrolRequired")}</Notice>}
      <FormErrors error={setup.error} />
      {!secret && !setup.error && <Loading />}
      {secret && (
        <div className="row">
          <div className="col-12 col-lg-8">
            <p>{t("enrolStep1")}</p>
            <p className="h5 secret-text" aria-label={t("enrolSecret")} data-testid="mfa-secret">
              {secret.secret}
            </p>
            <p className="mb-1">{t("enrolUri")}</p>
            <p className="secret-text small" data-testid="mfa-uri">
              {secret.otpauthUri}
            </p>
            <p>{t("enrolStep2")}</p>
            <FormErrors error={error} labels={{ "body.code": t("mfaCode") }} />
            <form onSubmit={submit} noValidate>
              <FormField
                label={t("mfaCode")}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                value={code}
                onChange={setCode}
                error={fieldError("body.code")}
              />
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t("enrolConfirm")}
              </button>
            </form>
          </div>
        </div>
      )}
    </>
  );
}

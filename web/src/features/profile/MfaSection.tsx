import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import type { SessionInfo } from "../../api/types.ts";
import { paths } from "../../app/routes.tsx";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, FormField, Notice, useFormErrors } from "../../ui/index.ts";
import { profileMessages } from "./messages.ts";
import { RecoveryCodes } from "./RecoveryCodes.tsx";

/** Two-step verification: its state, switching it off, new recovery codes. */
export function MfaSection({ user }: { user: SessionInfo["user"] }) {
  const t = useT(profileMessages);
  const { refresh } = useSession();
  const disable = useFormErrors();
  const regenerate = useFormErrors();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [regeneratePassword, setRegeneratePassword] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [disabled, setDisabled] = useState(false);

  const submitDisable = async (event: FormEvent) => {
    event.preventDefault();
    await disable.run(async () => {
      await unwrap(api.POST("/api/me/mfa/disable", { body: { password, code: code.replace(/\s+/g, "") } }));
      setPassword("");
      setCode("");
      setDisabled(true);
      await refresh();
    });
  };

  const submitRegenerate = async (event: FormEvent) => {
    event.preventDefault();
    await regenerate.run(async () => {
      const result = await unwrap(api.POST("/api/me/mfa/recovery-codes", { body: { password: regeneratePassword } }));
      setRegeneratePassword("");
      setCodes(result.recoveryCodes);
    });
  };

  return (
    <section aria-labelledby="mfa-title" className="mb-5">
      <h2 id="mfa-title" className="h4">
        {t("mfaTitle")}
      </h2>
      {disabled && <Notice kind="success">{t("mfaDisabled")}</Notice>}
      {!user.mfaEnabled ? (
        <>
          <p>{t("mfaOff")}</p>
          <Link className="btn btn-primary" to={paths.mfaEnrol}>
            {t("mfaEnable")}
          </Link>
        </>
      ) : (
        <>
          <p>{t("mfaOn")}</p>
          <h3 className="h5 mt-4">{t("recoveryTitle")}</h3>
          <p>{t("recoveryIntro")}</p>
          {codes && <RecoveryCodes codes={codes} />}
          <FormErrors error={regenerate.error} labels={{ "body.password": t("currentPassword") }} />
          <form onSubmit={submitRegenerate} noValidate className="mb-4">
            <FormField
              label={t("currentPassword")}
              id="regenerate-password"
              type="password"
              autoComplete="current-password"
              required
              value={regeneratePassword}
              onChange={setRegeneratePassword}
              error={regenerate.fieldError("body.password")}
            />
            <button type="submit" className="btn btn-outline-primary" disabled={!regeneratePassword}>
              {t("recoveryGenerate")}
            </button>
          </form>
          <h3 className="h5 mt-4">{t("mfaDisableTitle")}</h3>
          <p>{t("mfaDisableIntro")}</p>
          <FormErrors error={disable.error} labels={{ "body.password": t("currentPassword"), "body.code": t("mfaCode") }} />
          <form onSubmit={submitDisable} noValidate>
            <FormField
              label={t("currentPassword")}
              id="disable-password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={setPassword}
              error={disable.fieldError("body.password")}
            />
            <FormField
              label={t("mfaCode")}
              id="disable-code"
              autoComplete="one-time-code"
              required
              value={code}
              onChange={setCode}
              error={disable.fieldError("body.code")}
            />
            <button type="submit" className="btn btn-outline-danger" disabled={!password || !code}>
              {t("mfaDisable")}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

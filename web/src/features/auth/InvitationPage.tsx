import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api, setCsrfToken, unwrap } from "../../api/client.ts";
import type { Role } from "../../api/types.ts";
import { paths } from "../../app/routes.tsx";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, FormField, Loading, Notice, PageTitle, useAsync, useFormErrors } from "../../ui/index.ts";
import { authMessages } from "./messages.ts";
import { NewPasswordFields } from "./NewPasswordFields.tsx";

/** The page an invitation email links to: /invito?token=... */
export function InvitationPage() {
  const t = useT(authMessages);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const { session, refresh } = useSession();
  const preview = useAsync(async () => (token ? unwrap(api.GET("/api/invitations/{token}", { params: { path: { token } } })) : null), [token]);
  const { error, fieldError, run } = useFormErrors();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [accepted, setAccepted] = useState<"signedIn" | "signInNeeded" | null>(null);
  const [busy, setBusy] = useState(false);

  const signedIn = session && !session.pending;
  const here = `${paths.invitation}?token=${encodeURIComponent(token)}`;

  const accept = async (event: FormEvent) => {
    event.preventDefault();
    const invitation = preview.data;
    if (!invitation) return;
    const creating = !invitation.existingAccount && !signedIn;
    if (creating && password !== repeat) return;
    setBusy(true);
    await run(async () => {
      const result = await unwrap(
        api.POST("/api/invitations/accept", { body: creating ? { token, name: name.trim(), password } : { token } }),
      );
      if (result.csrfToken) setCsrfToken(result.csrfToken);
      await refresh();
      setAccepted(result.signedIn ? "signedIn" : "signInNeeded");
    });
    setBusy(false);
  };

  const body = () => {
    if (!token) return <Notice kind="warning">{t("missingToken")}</Notice>;
    if (preview.loading) return <Loading />;
    if (preview.error || !preview.data) return <FormErrors error={preview.error} />;
    const invitation = preview.data;
    const org = invitation.orgName;
    if (accepted === "signedIn") {
      return (
        <>
          <Notice kind="success">{t("accepted", { org })}</Notice>
          <button type="button" className="btn btn-primary" onClick={() => navigate(paths.home)}>
            {t("goToDashboard")}
          </button>
        </>
      );
    }
    if (accepted === "signInNeeded") {
      return (
        <>
          <Notice kind="success">{t("acceptedSignIn")}</Notice>
          <Link className="btn btn-primary" to={paths.signIn}>
            {t("signIn")}
          </Link>
        </>
      );
    }
    const intro = (
      <>
        <p>{t("invitationIntro", { org, role: t(`role.${invitation.role as Role}`) })}</p>
        <p>{t("invitationForEmail", { email: invitation.email })}</p>
      </>
    );
    if (invitation.existingAccount && !signedIn) {
      return (
        <>
          {intro}
          <p>{t("invitationExisting")}</p>
          <Link className="btn btn-primary" to={`${paths.signIn}?next=${encodeURIComponent(here)}`}>
            {t("invitationSignInFirst")}
          </Link>
        </>
      );
    }
    const creating = !invitation.existingAccount && !signedIn;
    return (
      <>
        {intro}
        <FormErrors error={error} labels={{ "body.name": t("name"), "body.password": t("newPassword") }} />
        <form onSubmit={accept} noValidate>
          {creating && (
            <>
              <p>{t("invitationNewAccount")}</p>
              <FormField label={t("name")} name="name" autoComplete="name" required value={name} onChange={setName} error={fieldError("body.name")} />
              <NewPasswordFields
                password={password}
                repeat={repeat}
                onPassword={setPassword}
                onRepeat={setRepeat}
                email={invitation.email}
                name={name}
                error={fieldError("body.password")}
              />
            </>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy || (creating && (!password || password !== repeat))}>
            {t("accept")}
          </button>
        </form>
      </>
    );
  };

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <PageTitle>{t("invitationTitle")}</PageTitle>
        {body()}
      </div>
    </div>
  );
}

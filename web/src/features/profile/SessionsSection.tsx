import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { paths } from "../../app/routes.tsx";
import { useSession } from "../../app/session.tsx";
import { useLocale } from "../../i18n/locale.tsx";
import { useT } from "../../i18n/use-t.ts";
import { ConfirmButton, DataTable, FormErrors, Loading, useAsync, useFormErrors } from "../../ui/index.ts";
import { profileMessages } from "./messages.ts";

/** The user's open sessions and "sign out everywhere". */
export function SessionsSection() {
  const t = useT(profileMessages);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { signOut } = useSession();
  const sessions = useAsync(() => unwrap(api.GET("/api/auth/sessions")), []);
  const { error, run } = useFormErrors();
  const when = (iso: string) => new Date(iso).toLocaleString(locale === "it" ? "it-IT" : "en-GB");

  return (
    <section aria-labelledby="sessions-title" className="mb-5">
      <h2 id="sessions-title" className="h4">
        {t("sessionsTitle")}
      </h2>
      {sessions.loading && <Loading />}
      <FormErrors error={sessions.error ?? error} />
      {sessions.data && (
        <DataTable
          caption={t("sessionsCaption")}
          rows={sessions.data.items}
          rowKey={(s) => s.id}
          columns={[
            { header: t("sessionStarted"), rowHeader: true, cell: (s) => `${when(s.createdAt)}${s.current ? ` ${t("thisSession")}` : ""}` },
            { header: t("sessionLastSeen"), cell: (s) => when(s.lastSeenAt) },
            { header: t("sessionAddress"), cell: (s) => s.ip ?? t("unknown") },
            { header: t("sessionBrowser"), cell: (s) => s.userAgent ?? t("unknown") },
          ]}
        />
      )}
      <ConfirmButton
        question={t("revokeAllQuestion")}
        onConfirm={() =>
          run(async () => {
            await unwrap(api.POST("/api/auth/sessions/revoke-all"));
            await signOut().catch(() => undefined);
            navigate(paths.signIn);
          })
        }
      >
        {t("revokeAll")}
      </ConfirmButton>
    </section>
  );
}

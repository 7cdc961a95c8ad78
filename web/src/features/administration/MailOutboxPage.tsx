import { useState } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable, FormErrors, Loading, PageTitle } from "../../ui/index.ts";
import { NoOrganisation, NotAllowedNotice, isNotAllowed, useCurrentOrgId } from "../organisation/page-access.tsx";
import { usePagedList } from "../organisation/use-paged-list.ts";
import { messages } from "./messages.ts";

type MailMessage = Schemas["MailMessage"];

/** /amministrazione/posta: mail sent or kept for the organisation, readable by its admins. */
export function MailOutboxPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  return (
    <>
      <PageTitle>{t("mailTitle")}</PageTitle>
      {orgId ? <MailOutbox key={orgId} orgId={orgId} /> : <NoOrganisation />}
    </>
  );
}

function MailOutbox({ orgId }: { orgId: string }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const [openId, setOpenId] = useState<string | null>(null);
  const mail = usePagedList(
    (cursor) => unwrap(api.GET("/api/orgs/{orgId}/mail", { params: { path: { orgId }, query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
    [orgId],
  );
  if (isNotAllowed(mail.error)) return <NotAllowedNotice />;
  const open = mail.items?.find((m) => m.id === openId);
  return (
    <>
      <p>{t("mailIntro")}</p>
      <FormErrors error={mail.error} />
      {mail.items === null ? (
        <Loading />
      ) : (
        <>
          <DataTable<MailMessage>
            caption={t("mailTitle")}
            rows={mail.items}
            rowKey={(m) => m.id}
            empty={t("mailEmpty")}
            columns={[
              { header: t("subject"), cell: (m) => m.subject, rowHeader: true },
              { header: t("to_"), cell: (m) => m.to },
              { header: t("status"), cell: (m) => t(`status_${m.status}`) },
              { header: t("created"), cell: (m) => new Date(m.createdAt).toLocaleString(locale) },
              {
                header: t("actionsColumn"),
                cell: (m) => (
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-sm"
                    aria-expanded={openId === m.id}
                    aria-controls="mail-reader"
                    onClick={() => setOpenId(openId === m.id ? null : m.id)}
                  >
                    {openId === m.id ? t("hide") : t("read")}
                    <span className="visually-hidden"> {m.subject}</span>
                  </button>
                ),
              },
            ]}
          />
          {mail.loading && <Loading />}
          {mail.nextCursor && !mail.loading && (
            <button type="button" className="btn btn-outline-primary mb-4" onClick={() => void mail.loadMore()}>
              {t("loadMore")}
            </button>
          )}
          <div id="mail-reader" aria-live="polite">
            {open && <MailReader message={open} />}
          </div>
        </>
      )}
    </>
  );
}

function MailReader({ message }: { message: MailMessage }) {
  const t = useT(messages);
  return (
    <article className="card shadow-sm mb-4" aria-labelledby="mail-reader-title">
      <div className="card-body">
        <h2 id="mail-reader-title" className="h5 card-title">
          {message.subject}
        </h2>
        <p className="small">{t("messageOf", { to: message.to })}</p>
        {/* plain text kept as written, so a link can be selected and passed on */}
        <pre className="mail-text" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
          {message.text}
        </pre>
        {message.error && <p className="text-danger small">{message.error}</p>}
      </div>
    </article>
  );
}

import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { Role, Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { ConfirmButton, DataTable, FormErrors, FormField, Loading, Notice, useFormErrors } from "../../ui/index.ts";
import { messages } from "./messages.ts";
import { allRoles } from "./MembersList.tsx";
import { usePagedList } from "./use-paged-list.ts";

type Invitation = Schemas["Invitation"];

/** Invite by email and role; pending invitations with their expiry, revocable. */
export function InvitationsSection({ orgId }: { orgId: string }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const [notice, setNotice] = useState<string>();
  const revocation = useFormErrors();
  const pending = usePagedList(
    (cursor) => unwrap(api.GET("/api/orgs/{orgId}/invitations", { params: { path: { orgId }, query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
    [orgId],
  );

  async function revoke(invitation: Invitation) {
    setNotice(undefined);
    const done = await revocation.run(() =>
      unwrap(api.DELETE("/api/orgs/{orgId}/invitations/{invitationId}", { params: { path: { orgId, invitationId: invitation.id } } })),
    );
    if (!done) return;
    pending.setItems((list) => list?.filter((i) => i.id !== invitation.id) ?? null);
    setNotice(t("invitationRevoked", { email: invitation.email }));
  }

  return (
    <section aria-labelledby="invitations-title" className="mb-5">
      <h2 id="invitations-title" className="h4 mb-4">
        {t("invitationsTitle")}
      </h2>
      <InviteForm
        orgId={orgId}
        onInvited={(invitation) => {
          setNotice(t("invited", { email: invitation.email }));
          pending.setItems((list) => [invitation, ...(list ?? [])]);
        }}
      />
      {notice && <Notice kind="success">{notice}</Notice>}
      <FormErrors error={revocation.error} />
      <FormErrors error={pending.error} />
      <h3 className="h5 mb-4">{t("pendingTitle")}</h3>
      {pending.items === null ? (
        <Loading />
      ) : (
        <>
          <DataTable<Invitation>
            caption={t("pendingTitle")}
            rows={pending.items}
            rowKey={(i) => i.id}
            empty={t("pendingEmpty")}
            columns={[
              { header: t("email"), cell: (i) => i.email, rowHeader: true },
              { header: t("role"), cell: (i) => t(`role.${i.role}`) },
              { header: t("invitedAt"), cell: (i) => new Date(i.createdAt).toLocaleDateString(locale) },
              { header: t("expiresAt"), cell: (i) => new Date(i.expiresAt).toLocaleDateString(locale) },
              {
                header: t("actionsColumn"),
                cell: (i) =>
                  i.actions.includes("revoke") && (
                    <ConfirmButton question={t("revokeInvitationConfirm", { email: i.email })} onConfirm={() => revoke(i)}>
                      {t("revoke")}
                      <span className="visually-hidden"> {i.email}</span>
                    </ConfirmButton>
                  ),
              },
            ]}
          />
          {pending.loading && <Loading />}
          {pending.nextCursor && !pending.loading && (
            <button type="button" className="btn btn-outline-primary" onClick={() => void pending.loadMore()}>
              {t("loadMore")}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function InviteForm({ orgId, onInvited }: { orgId: string; onInvited: (invitation: Invitation) => void }) {
  const t = useT(messages);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("employee");
  const [busy, setBusy] = useState(false);
  const { error, fieldError, run } = useFormErrors();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const invitation = await run(() => unwrap(api.POST("/api/orgs/{orgId}/invitations", { params: { path: { orgId } }, body: { email: email.trim(), role } })));
    setBusy(false);
    if (invitation) {
      setEmail("");
      onInvited(invitation);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="mb-4" aria-labelledby="invite-title">
      <h3 id="invite-title" className="h5 mb-4">
        {t("inviteTitle")}
      </h3>
      <FormErrors error={error} labels={{ "body.email": t("email"), "body.role": t("role") }} />
      <fieldset disabled={busy}>
        <legend className="visually-hidden">{t("inviteTitle")}</legend>
        <div className="row">
          <div className="col-md-7">
            <FormField id="invite-email" label={t("email")} type="email" autoComplete="off" value={email} onChange={setEmail} error={fieldError("body.email")} required />
          </div>
          <div className="col-md-5">
            <FormField
              id="invite-role"
              label={t("role")}
              value={role}
              onChange={(v) => setRole(v as Role)}
              error={fieldError("body.role")}
              options={allRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
          </div>
        </div>
        <button type="submit" className="btn btn-primary">
          {busy ? t("saving") : t("invite")}
        </button>
      </fieldset>
    </form>
  );
}

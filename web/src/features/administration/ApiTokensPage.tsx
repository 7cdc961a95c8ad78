import { useEffect, useRef, useState } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useSession } from "../../app/session.tsx";
import { useLocale, useT } from "../../i18n/index.ts";
import { ConfirmButton, DataTable, FormErrors, Loading, Notice, PageTitle, useAsync, useFormErrors } from "../../ui/index.ts";
import { messages } from "./messages.ts";
import { NewTokenForm, type CreatedToken } from "./NewTokenForm.tsx";

type ApiToken = Schemas["ApiToken"];

/** /profilo/token: the user's API tokens: create (secret shown once), list, revoke. */
export function ApiTokensPage() {
  const t = useT(messages);
  const { locale } = useLocale();
  const { session } = useSession();
  // tokens act for the current organisation, so the list follows it
  const tokens = useAsync(() => unwrap(api.GET("/api/me/tokens")).then((page) => page.items), [session?.currentOrgId]);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [notice, setNotice] = useState<string>();
  const revocation = useFormErrors();
  const orgName = (orgId: string) => session?.organisations.find((o) => o.id === orgId)?.name ?? orgId;

  async function revoke(token: ApiToken) {
    setNotice(undefined);
    const done = await revocation.run(() => unwrap(api.DELETE("/api/me/tokens/{tokenId}", { params: { path: { tokenId: token.id } } })));
    if (!done) return;
    setNotice(t("revoked", { name: token.name }));
    await tokens.reload();
  }

  const expiryText = (token: ApiToken) => {
    if (!token.expiresAt) return t("noExpiry");
    const at = new Date(token.expiresAt);
    return at.getTime() <= Date.now() ? `${at.toLocaleDateString(locale)} (${t("expired")})` : at.toLocaleDateString(locale);
  };

  return (
    <>
      <PageTitle>{t("tokensTitle")}</PageTitle>
      <p>{t("tokensIntro")}</p>
      {created ? (
        <ShownOnce
          token={created}
          onDone={() => {
            setCreated(null);
          }}
        />
      ) : (
        <NewTokenForm
          onCreated={(token) => {
            setNotice(undefined);
            setCreated(token);
            void tokens.reload();
          }}
        />
      )}
      {notice && <Notice kind="success">{notice}</Notice>}
      <FormErrors error={revocation.error} />
      <FormErrors error={tokens.error} />
      {!tokens.data ? (
        !tokens.error && <Loading />
      ) : (
        <DataTable<ApiToken>
          caption={t("tokensTitle")}
          rows={tokens.data}
          rowKey={(tk) => tk.id}
          empty={t("tokensEmpty")}
          columns={[
            { header: t("tokenName"), cell: (tk) => tk.name, rowHeader: true },
            { header: t("prefix"), cell: (tk) => <code>{tk.prefix}…</code> },
            { header: t("tokenOrganisation"), cell: (tk) => orgName(tk.orgId) },
            { header: t("scopes"), cell: (tk) => tk.scopes.join(", ") },
            { header: t("created_"), cell: (tk) => new Date(tk.createdAt).toLocaleDateString(locale) },
            { header: t("lastUsed"), cell: (tk) => (tk.lastUsedAt ? new Date(tk.lastUsedAt).toLocaleString(locale) : t("never")) },
            { header: t("expires"), cell: expiryText },
            {
              header: t("actionsColumn"),
              cell: (tk) =>
                tk.actions.includes("revoke") && (
                  <ConfirmButton question={t("revokeConfirm", { name: tk.name })} onConfirm={() => revoke(tk)}>
                    {t("revoke")}
                    <span className="visually-hidden"> {tk.name}</span>
                  </ConfirmButton>
                ),
            },
          ]}
        />
      )}
    </>
  );
}

/** The secret, once: a warning, the token in a read-only field, and a copy button. */
function ShownOnce({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const t = useT(messages);
  const field = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopyState("copied");
    } catch {
      // clipboard needs a secure context and permission; the field stays selectable by hand
      field.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <section aria-labelledby="token-once-title" className="mb-5">
      <h2 id="token-once-title" className="h4 mb-4">
        {t("createdTitle", { name: token.name })}
      </h2>
      <div role="alert" className="alert alert-warning mb-3">
        {t("createdWarning")}
      </div>
      <div className="form-group mb-3">
        <label htmlFor="token-secret" className="active">
          {t("newTokenLabel")}
        </label>
        <div className="input-group">
          <input id="token-secret" ref={field} className="form-control font-monospace" readOnly value={token.token} />
          <button type="button" className="btn btn-primary" onClick={() => void copy()}>
            {t("copy")}
          </button>
        </div>
      </div>
      <div aria-live="polite">
        {copyState === "copied" && <p className="text-success">{t("copied")}</p>}
        {copyState === "failed" && <p className="text-danger">{t("copyFailed")}</p>}
      </div>
      <button type="button" className="btn btn-outline-primary" onClick={onDone}>
        {t("done")}
      </button>
    </section>
  );
}

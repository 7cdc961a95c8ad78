import { useState } from "react";
import { api, ApiError, unwrap } from "../../api/client.ts";
import { useT } from "../../i18n/use-t.ts";
import { ConfirmButton, DataTable, FormErrors, Notice, PageTitle, useAsync, useFormErrors, type Column } from "../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../organisation/page-access.tsx";
import { CallbackAddress } from "./CallbackAddress.tsx";
import { ssoMessages } from "./messages.ts";
import { SsoProviderForm, type SsoProvider } from "./SsoProviderForm.tsx";

const CALLBACK_PATH = "/api/auth/sso/callback";

/** /organizzazione/sso: the organisation's single sign-on providers, for its admins. */
export function SsoProvidersPage() {
  const t = useT(ssoMessages);
  const orgId = useCurrentOrgId();
  return (
    <>
      <PageTitle>{t("pageTitle")}</PageTitle>
      {orgId ? <SsoProviders key={orgId} orgId={orgId} /> : <NoOrganisation />}
    </>
  );
}

function SsoProviders({ orgId }: { orgId: string }) {
  const state = useAsync(async () => {
    // the organisation's actions say whether the caller may manage single sign-on here
    const org = await unwrap(api.GET("/api/orgs/{orgId}", { params: { path: { orgId } } }));
    if (!org.actions.includes("manageSso")) throw new ApiError(403, "forbidden", "forbidden");
    const { items } = await unwrap(api.GET("/api/orgs/{orgId}/sso-providers", { params: { path: { orgId } } }));
    return items;
  }, [orgId]);
  return <PageData state={state}>{(items) => <ProviderList orgId={orgId} initial={items} />}</PageData>;
}

type Editing = { kind: "none" } | { kind: "new" } | { kind: "edit"; provider: SsoProvider };

function ProviderList({ orgId, initial }: { orgId: string; initial: SsoProvider[] }) {
  const t = useT(ssoMessages);
  const [providers, setProviders] = useState(initial);
  const [editing, setEditing] = useState<Editing>({ kind: "none" });
  const [done, setDone] = useState<string | null>(null);
  const { error, run } = useFormErrors();

  const saved = (provider: SsoProvider, created: boolean) => {
    setProviders((list) => (created ? [...list, provider] : list.map((p) => (p.id === provider.id ? provider : p))));
    setEditing({ kind: "none" });
    setDone(t(created ? "created" : "updated", { name: provider.name }));
  };
  const remove = async (provider: SsoProvider) => {
    setDone(null);
    const ok = await run(() => unwrap(api.DELETE("/api/orgs/{orgId}/sso-providers/{providerId}", { params: { path: { orgId, providerId: provider.id } } })));
    if (!ok) return;
    setProviders((list) => list.filter((p) => p.id !== provider.id));
    setDone(t("removed", { name: provider.name }));
  };

  const columns: Column<SsoProvider>[] = [
    { header: t("name"), cell: (p) => p.name, rowHeader: true },
    { header: t("issuer"), cell: (p) => <span className="text-break">{p.issuer}</span> },
    { header: t("emailDomains"), cell: (p) => p.emailDomains.join(", ") },
    { header: t("defaultRole"), cell: (p) => (p.defaultRole ? t(`role.${p.defaultRole}`) : t("noDefaultRole")) },
    { header: t("secretState"), cell: (p) => (p.hasClientSecret ? t("secretIsSet") : t("secretNotSet")) },
    { header: t("status"), cell: (p) => (p.enabled ? t("enabledYes") : t("enabledNo")) },
    {
      header: t("actions"),
      cell: (p) => (
        <div className="d-flex flex-wrap gap-2">
          {p.actions.includes("update") && (
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              aria-label={t("editNamed", { name: p.name })}
              onClick={() => {
                setDone(null);
                setEditing({ kind: "edit", provider: p });
              }}
            >
              {t("edit")}
            </button>
          )}
          {p.actions.includes("remove") && (
            <ConfirmButton question={t("removeQuestion", { name: p.name })} onConfirm={() => remove(p)}>
              <span aria-hidden="true">{t("remove")}</span>
              <span className="visually-hidden">{t("removeNamed", { name: p.name })}</span>
            </ConfirmButton>
          )}
        </div>
      ),
    },
  ];

  // every provider shows the same address (from PUBLIC_URL); before the first one, this site's
  const callback = providers[0]?.redirectUri ?? `${window.location.origin}${CALLBACK_PATH}`;
  return (
    <>
      <p>{t("pageIntro")}</p>
      <CallbackAddress address={callback} />
      <FormErrors error={error} />
      {done && <Notice kind="success">{done}</Notice>}
      <DataTable caption={t("providersCaption")} columns={columns} rows={providers} rowKey={(p) => p.id} empty={t("noProviders")} />
      {editing.kind === "none" && (
        <button
          type="button"
          className="btn btn-primary mb-4"
          onClick={() => {
            setDone(null);
            setEditing({ kind: "new" });
          }}
        >
          {t("add")}
        </button>
      )}
      {editing.kind !== "none" && (
        <SsoProviderForm
          key={editing.kind === "edit" ? editing.provider.id : "new"}
          orgId={orgId}
          provider={editing.kind === "edit" ? editing.provider : undefined}
          onSaved={saved}
          onCancel={() => setEditing({ kind: "none" })}
        />
      )}
    </>
  );
}

import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { Role, Schemas } from "../../api/types.ts";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, FormField, useFormErrors } from "../../ui/index.ts";
import { ssoMessages } from "./messages.ts";

export type SsoProvider = Schemas["SsoProvider"];

const roles: Role[] = ["admin", "security_manager", "it_operator", "employee", "auditor", "viewer"];

/** "a.it, b.it c.it" -> ["a.it", "b.it", "c.it"]; the server checks and normalises each. */
const domainsOf = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/**
 * Adds a provider (no `provider`) or changes one. The client secret is write-only: the form
 * shows whether one is set and lets the admin replace or remove it, never read it.
 */
export function SsoProviderForm({ orgId, provider, onSaved, onCancel }: {
  orgId: string;
  provider?: SsoProvider;
  onSaved: (saved: SsoProvider, created: boolean) => void;
  onCancel: () => void;
}) {
  const t = useT(ssoMessages);
  const [name, setName] = useState(provider?.name ?? "");
  const [issuer, setIssuer] = useState(provider?.issuer ?? "");
  const [clientId, setClientId] = useState(provider?.clientId ?? "");
  const [clientSecret, setClientSecret] = useState("");
  const [removeSecret, setRemoveSecret] = useState(false);
  const [domains, setDomains] = useState(provider?.emailDomains.join(", ") ?? "");
  const [defaultRole, setDefaultRole] = useState<string>(provider ? (provider.defaultRole ?? "") : "");
  const [enabled, setEnabled] = useState(provider?.enabled ?? true);
  const [saving, setSaving] = useState(false);
  const { error, fieldError, run } = useFormErrors();
  const prefix = provider ? `sso-edit-${provider.id}` : "sso-new";
  const hasSecret = provider?.hasClientSecret ?? false;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    const common = {
      name,
      issuer: issuer.trim(),
      clientId,
      emailDomains: domainsOf(domains),
      defaultRole: defaultRole === "" ? null : (defaultRole as Role),
      enabled,
    };
    const secret = clientSecret !== "" ? { clientSecret } : removeSecret ? { clientSecret: null } : {};
    const saved = await run(() =>
      provider
        ? unwrap(api.PATCH("/api/orgs/{orgId}/sso-providers/{providerId}", { params: { path: { orgId, providerId: provider.id } }, body: { ...common, ...secret } }))
        : unwrap(api.POST("/api/orgs/{orgId}/sso-providers", { params: { path: { orgId } }, body: { ...common, ...secret } })),
    );
    setSaving(false);
    if (saved) onSaved(saved, !provider);
  }

  const labels = {
    "body.name": t("name"),
    "body.issuer": t("issuer"),
    "body.clientId": t("clientId"),
    "body.clientSecret": t("clientSecret"),
    "body.emailDomains": t("emailDomains"),
    "body.defaultRole": t("defaultRole"),
  };
  const title = provider ? t("editTitle", { name: provider.name }) : t("addTitle");
  return (
    <section aria-labelledby={`${prefix}-title`} className="mb-5 p-3 border rounded">
      <h2 id={`${prefix}-title`} className="h4 mb-4">
        {title}
      </h2>
      <FormErrors error={error} labels={labels} />
      <form onSubmit={submit} noValidate className="pt-2">
        <fieldset disabled={saving}>
          <legend className="visually-hidden">{title}</legend>
          <FormField id={`${prefix}-name`} label={t("name")} hint={t("nameHint")} value={name} onChange={setName} error={fieldError("body.name")} required />
          <FormField id={`${prefix}-issuer`} label={t("issuer")} hint={t("issuerHint")} type="url" value={issuer} onChange={setIssuer} error={fieldError("body.issuer")} required />
          <FormField id={`${prefix}-client-id`} label={t("clientId")} value={clientId} onChange={setClientId} error={fieldError("body.clientId")} required autoComplete="off" />
          <FormField
            id={`${prefix}-client-secret`}
            label={hasSecret ? t("clientSecretReplace") : t("clientSecret")}
            hint={hasSecret ? t("clientSecretSet") : t("clientSecretNew")}
            type="password"
            autoComplete="new-password"
            value={clientSecret}
            onChange={setClientSecret}
            disabled={removeSecret}
            error={fieldError("body.clientSecret")}
          />
          {hasSecret && (
            <div className="form-check mb-4">
              <input id={`${prefix}-remove-secret`} className="form-check-input" type="checkbox" checked={removeSecret} onChange={(e) => setRemoveSecret(e.target.checked)} />
              <label htmlFor={`${prefix}-remove-secret`} className="form-check-label">
                {t("removeSecret")}
              </label>
            </div>
          )}
          <FormField id={`${prefix}-domains`} label={t("emailDomains")} hint={t("emailDomainsHint")} value={domains} onChange={setDomains} error={fieldError("body.emailDomains")} required />
          <FormField
            id={`${prefix}-role`}
            label={t("defaultRole")}
            hint={t("defaultRoleHint")}
            value={defaultRole}
            onChange={setDefaultRole}
            error={fieldError("body.defaultRole")}
            options={[{ value: "", label: t("noDefaultRole") }, ...roles.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
          />
          <div className="form-check mb-4">
            <input id={`${prefix}-enabled`} className="form-check-input" type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
            <label htmlFor={`${prefix}-enabled`} className="form-check-label">
              {t("enabled")}
            </label>
          </div>
          <div className="d-flex gap-2">
            <button type="submit" className="btn btn-primary">
              {saving ? t("saving") : provider ? t("save") : t("create")}
            </button>
            <button type="button" className="btn btn-outline-secondary" onClick={onCancel}>
              {t("cancel")}
            </button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}

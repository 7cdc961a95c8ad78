import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useT } from "../../i18n/index.ts";
import { FormErrors, FormField, Notice, useFormErrors } from "../../ui/index.ts";
import { messages } from "./messages.ts";

type Organisation = Schemas["Organisation"];

/** Name, IPA code, codice fiscale: editable when the organisation's actions include "update". */
export function OrganisationDetailsForm({ organisation }: { organisation: Organisation }) {
  const t = useT(messages);
  const editable = organisation.actions.includes("update");
  const [name, setName] = useState(organisation.name);
  const [ipaCode, setIpaCode] = useState(organisation.ipaCode ?? "");
  const [fiscalCode, setFiscalCode] = useState(organisation.fiscalCode ?? "");
  const [requireAdminMfa, setRequireAdminMfa] = useState(organisation.requireAdminMfa);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const { error, fieldError, run } = useFormErrors();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setSaved(false);
    const org = await run(() =>
      unwrap(
        api.PATCH("/api/orgs/{orgId}", {
          params: { path: { orgId: organisation.id } },
          body: { name, ipaCode: ipaCode.trim() || null, fiscalCode: fiscalCode.trim() || null, requireAdminMfa },
        }),
      ),
    );
    setSaving(false);
    if (org) {
      // show what the server stored (it normalises codes, e.g. the IPA code to lowercase)
      setName(org.name);
      setIpaCode(org.ipaCode ?? "");
      setFiscalCode(org.fiscalCode ?? "");
      setRequireAdminMfa(org.requireAdminMfa);
      setSaved(true);
    }
  }

  const labels = { "body.name": t("name"), "body.ipaCode": t("ipaCode"), "body.fiscalCode": t("fiscalCode") };
  return (
    <section aria-labelledby="org-details-title" className="mb-5">
      <h2 id="org-details-title" className="h4 mb-4">
        {t("detailsTitle")}
      </h2>
      {!editable && <Notice kind="info">{t("readOnly")}</Notice>}
      <FormErrors error={error} labels={labels} />
      {saved && <Notice kind="success">{t("saved")}</Notice>}
      <form onSubmit={submit} noValidate>
        <fieldset disabled={!editable || saving}>
          <legend className="visually-hidden">{t("detailsTitle")}</legend>
          <FormField id="org-name" label={t("name")} value={name} onChange={setName} error={fieldError("body.name")} required autoComplete="organization" />
          <p className="mb-4">
            <span className="fw-semibold">{t("type")}:</span> {t(`type.${organisation.type}`)}
          </p>
          <FormField id="org-ipa" label={t("ipaCode")} hint={t("ipaCodeHint")} value={ipaCode} onChange={setIpaCode} error={fieldError("body.ipaCode")} />
          <FormField
            id="org-fiscal-code"
            label={t("fiscalCode")}
            hint={t("fiscalCodeHint")}
            value={fiscalCode}
            onChange={setFiscalCode}
            error={fieldError("body.fiscalCode")}
            inputMode="numeric"
          />
          <div className="form-check mb-4">
            <input id="org-mfa" className="form-check-input" type="checkbox" checked={requireAdminMfa} onChange={(e) => setRequireAdminMfa(e.target.checked)} />
            <label htmlFor="org-mfa" className="form-check-label">
              {t("requireAdminMfa")}
            </label>
          </div>
          {editable && (
            <button type="submit" className="btn btn-primary">
              {saving ? t("saving") : t("save")}
            </button>
          )}
        </fieldset>
      </form>
      <p className="mt-4 small">
        {t("identifier")}: <code>{organisation.id}</code>
      </p>
    </section>
  );
}

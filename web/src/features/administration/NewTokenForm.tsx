import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useT } from "../../i18n/index.ts";
import { FormErrors, FormField, useFormErrors } from "../../ui/index.ts";
import { messages } from "./messages.ts";

type Scope = Schemas["ApiTokenScope"];
export type CreatedToken = Schemas["ApiTokenCreated"];

// Every scope the API knows, in the order shown; `satisfies` makes the compiler flag a new one.
const scopeOrder = { "identity:read": 1, "identity:write": 2, "audit:read": 3, "files:read": 4, "files:write": 5, "assessments:read": 6, "assessments:write": 7, "risks:read": 8, "risks:write": 9, "intel:read": 10, "intel:write": 11, "academy:read": 12, "academy:write": 13 } satisfies Record<Scope, number>;
export const allScopes = Object.keys(scopeOrder) as Scope[];
const expiries = ["30", "90", "365", "never"] as const;

/** Name, scopes and expiry of a new API token for the current organisation. */
export function NewTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const t = useT(messages);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["identity:read"]);
  const [expiry, setExpiry] = useState<(typeof expiries)[number]>("90");
  const [busy, setBusy] = useState(false);
  const { error, fieldError, run } = useFormErrors();

  function toggle(scope: Scope, on: boolean) {
    setScopes((list) => (on ? [...list, scope] : list.filter((s) => s !== scope)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const created = await run(() =>
      unwrap(api.POST("/api/me/tokens", { body: { name: name.trim(), scopes, expiresInDays: expiry === "never" ? null : Number(expiry) } })),
    );
    setBusy(false);
    if (created) {
      setName("");
      onCreated(created);
    }
  }

  const scopesError = fieldError("body.scopes");
  return (
    <form onSubmit={submit} noValidate className="mb-5" aria-labelledby="new-token-title">
      <h2 id="new-token-title" className="h4 mb-4">
        {t("newToken")}
      </h2>
      <FormErrors error={error} labels={{ "body.name": t("tokenName"), "body.scopes": t("scopes"), "body.expiresInDays": t("expiry") }} />
      <fieldset disabled={busy}>
        <legend className="visually-hidden">{t("newToken")}</legend>
        <FormField id="token-name" label={t("tokenName")} hint={t("tokenNameHint")} value={name} onChange={setName} error={fieldError("body.name")} required />
        <fieldset className="mb-4" aria-describedby={scopesError ? "token-scopes-hint token-scopes-error" : "token-scopes-hint"}>
          <legend className="h6">{t("scopes")}</legend>
          <p id="token-scopes-hint" className="small">
            {t("scopesHint")}
          </p>
          {allScopes.map((scope) => (
            <div className="form-check" key={scope}>
              <input
                id={`token-scope-${scope.replace(":", "-")}`}
                className="form-check-input"
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => toggle(scope, e.target.checked)}
              />
              <label htmlFor={`token-scope-${scope.replace(":", "-")}`} className="form-check-label">
                {t(`scope.${scope}`)} <code>{scope}</code>
              </label>
            </div>
          ))}
          {scopesError && (
            <div id="token-scopes-error" className="invalid-feedback d-block">
              {scopesError}
            </div>
          )}
        </fieldset>
        <FormField
          id="token-expiry"
          label={t("expiry")}
          value={expiry}
          onChange={(v) => setExpiry(v as (typeof expiries)[number])}
          error={fieldError("body.expiresInDays")}
          options={expiries.map((e) => ({ value: e, label: t(`expiry_${e}`) }))}
        />
        <button type="submit" className="btn btn-primary">
          {busy ? t("loading") : t("create")}
        </button>
      </fieldset>
    </form>
  );
}

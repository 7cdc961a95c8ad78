import { useState, type FormEvent } from "react";
import { useT } from "../../i18n/index.ts";
import { FormField } from "../../ui/index.ts";
import { messages } from "./messages.ts";

/** The filters the audit log API takes; dates are ISO instants. */
export interface AuditFilterValues {
  action?: string;
  entityType?: string;
  from?: string;
  to?: string;
}

// Entity types written by today's modules; a module adding one adds its label in messages.ts.
export const entityTypes = ["organisation", "membership", "invitation", "relationship", "user", "api_token", "sso_provider", "file", "audit_log"] as const;

/** A day picked in the form covers the whole local day: from its first to past its last instant. */
function startOfDay(day: string) {
  return new Date(`${day}T00:00:00`).toISOString();
}
function endOfDay(day: string) {
  const next = new Date(`${day}T00:00:00`);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
}

export function AuditFilters({ onApply }: { onApply: (filters: AuditFilterValues) => void }) {
  const t = useT(messages);
  const [action, setAction] = useState("");
  const [entityType, setEntityType] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [rangeError, setRangeError] = useState<string>();

  function apply(event: FormEvent) {
    event.preventDefault();
    if (from && to && to < from) {
      setRangeError(t("invalidRange"));
      return;
    }
    setRangeError(undefined);
    onApply({
      ...(action.trim() ? { action: action.trim() } : {}),
      ...(entityType ? { entityType } : {}),
      ...(from ? { from: startOfDay(from) } : {}),
      ...(to ? { to: endOfDay(to) } : {}),
    });
  }

  function clear() {
    setAction("");
    setEntityType("");
    setFrom("");
    setTo("");
    setRangeError(undefined);
    onApply({});
  }

  return (
    <form onSubmit={apply} noValidate className="mb-4" aria-labelledby="audit-filters-title">
      <h2 id="audit-filters-title" className="h5 mb-4">
        {t("filters")}
      </h2>
      <div className="row">
        <div className="col-md-6 col-lg-3">
          <FormField id="audit-action" label={t("action")} hint={t("actionHint")} value={action} onChange={setAction} />
        </div>
        <div className="col-md-6 col-lg-3">
          <FormField
            id="audit-entity-type"
            label={t("entityType")}
            value={entityType}
            onChange={setEntityType}
            options={[{ value: "", label: t("entityTypeAny") }, ...entityTypes.map((e) => ({ value: e, label: t(`entity.${e}`) }))]}
          />
        </div>
        <div className="col-md-6 col-lg-3">
          <FormField id="audit-from" label={t("from")} type="date" value={from} onChange={setFrom} />
        </div>
        <div className="col-md-6 col-lg-3">
          <FormField id="audit-to" label={t("to")} type="date" value={to} onChange={setTo} error={rangeError} />
        </div>
      </div>
      <div className="d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary">
          {t("apply")}
        </button>
        <button type="button" className="btn btn-outline-secondary" onClick={clear}>
          {t("clear")}
        </button>
      </div>
    </form>
  );
}

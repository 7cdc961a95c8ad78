import { useState, type FormEvent } from "react";
import { useLocale, useT } from "../../i18n/index.ts";
import { FormField } from "../../ui/index.ts";
import { messages } from "./messages.ts";
import { levels, stages, treatments } from "./model.ts";
import type { Member, Threat } from "./risks-api.ts";

/** The register's filters as they travel in the address (shareable, and the back button works). */
export interface RiskFilter {
  q: string;
  threatId: string;
  level: string;
  stage: string;
  treatment: string;
  status: string;
  ownerId: string;
}

export const filterKeys: (keyof RiskFilter)[] = ["q", "threatId", "level", "stage", "treatment", "status", "ownerId"];

export function filterFrom(params: URLSearchParams): RiskFilter {
  return Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? ""])) as unknown as RiskFilter;
}

/** The filter form; the text search applies on submit, the selects at once. */
export function RiskFilters({ filter, threats, owners, onChange }: {
  filter: RiskFilter;
  threats: Threat[];
  owners: Member[];
  onChange: (next: Partial<RiskFilter>) => void;
}) {
  const t = useT(messages);
  const { locale } = useLocale();
  const [text, setText] = useState(filter.q);
  const any = { value: "", label: t("any") };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ q: text.trim() });
  };
  return (
    <section aria-labelledby="risk-filters-title" className="mb-4">
      <h2 id="risk-filters-title" className="h5">
        {t("filters")}
      </h2>
      <form role="search" onSubmit={submit} className="d-flex flex-wrap gap-2 align-items-end">
        <div className="form-group mb-0 flex-grow-1">
          <label htmlFor="risk-search" className="active">
            {t("search")}
          </label>
          <input id="risk-search" type="search" className="form-control" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" className="btn btn-primary">
          {t("searchButton")}
        </button>
      </form>
      <div className="row">
        <FormField
          className="col-12 col-md-6 col-lg-4"
          id="filter-threat"
          label={t("threat")}
          value={filter.threatId}
          onChange={(threatId) => onChange({ threatId })}
          options={[any, ...threats.map((th) => ({ value: th.id, label: locale === "en" ? th.title.en : th.title.it }))]}
        />
        <FormField
          className="col-6 col-md-3 col-lg-2"
          id="filter-level"
          label={t("level")}
          value={filter.level}
          onChange={(level) => onChange({ level })}
          options={[any, ...levels.map((l) => ({ value: l, label: t(`level.${l}`) }))]}
        />
        <FormField
          className="col-6 col-md-3 col-lg-2"
          id="filter-stage"
          label={t("stage")}
          value={filter.stage || "inherent"}
          onChange={(stage) => onChange({ stage })}
          options={stages.map((s) => ({ value: s, label: t(`stage.${s}`).split(" (")[0]! }))}
        />
        <FormField
          className="col-6 col-md-4 col-lg-2"
          id="filter-treatment"
          label={t("treatment")}
          value={filter.treatment}
          onChange={(treatment) => onChange({ treatment })}
          options={[any, ...treatments.map((x) => ({ value: x, label: t(`treatment.${x}`) }))]}
        />
        <FormField
          className="col-6 col-md-4 col-lg-2"
          id="filter-status"
          label={t("status")}
          value={filter.status}
          onChange={(status) => onChange({ status })}
          options={[any, { value: "open", label: t("status.open") }, { value: "closed", label: t("status.closed") }]}
        />
        {owners.length > 0 && (
          <FormField
            className="col-12 col-md-4 col-lg-4"
            id="filter-owner"
            label={t("owner")}
            value={filter.ownerId}
            onChange={(ownerId) => onChange({ ownerId })}
            options={[any, ...owners.map((m) => ({ value: m.userId, label: m.name }))]}
          />
        )}
      </div>
    </section>
  );
}

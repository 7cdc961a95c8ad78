import { useState, type FormEvent } from "react";
import { useT } from "../../i18n/index.ts";
import { FormField } from "../../ui/index.ts";
import { itemKinds, severities, tlpLevels, type Community } from "./intel-api.ts";
import { messages } from "./messages.ts";

/** The hub's filters as they travel in the address (shareable; the back button works). */
export interface ItemFilter {
  q: string;
  kind: string;
  severity: string;
  tlp: string;
  communityId: string;
  from: string;
  to: string;
}
const keys: (keyof ItemFilter)[] = ["q", "kind", "severity", "tlp", "communityId", "from", "to"];

export const filterFrom = (params: URLSearchParams): ItemFilter => Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ""])) as unknown as ItemFilter;

/** The list query for a filter: days become the start and end of the day, empty filters are left out. */
export function queryOf(filter: ItemFilter) {
  return {
    ...(filter.q ? { q: filter.q } : {}),
    ...(filter.kind ? { kind: filter.kind as "advisory" } : {}),
    ...(filter.severity ? { severity: filter.severity as "high" } : {}),
    ...(filter.tlp ? { tlp: filter.tlp as "clear" } : {}),
    ...(filter.communityId ? { communityId: filter.communityId } : {}),
    ...(filter.from ? { from: `${filter.from}T00:00:00.000Z` } : {}),
    ...(filter.to ? { to: `${filter.to}T23:59:59.999Z` } : {}),
  };
}

/** Search applies on submit, the selects and dates at once. `communities` null hides TLP and community (the public page). */
export function ItemFilters({ filter, communities, onChange }: { filter: ItemFilter; communities: Community[] | null; onChange: (next: Partial<ItemFilter>) => void }) {
  const t = useT(messages);
  const [text, setText] = useState(filter.q);
  const any = { value: "", label: t("any") };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ q: text.trim() });
  };
  return (
    <section aria-labelledby="intel-filters-title" className="mb-4">
      <h2 id="intel-filters-title" className="h5">
        {t("filters")}
      </h2>
      <form role="search" onSubmit={submit} className="d-flex flex-wrap gap-2 align-items-end mb-3">
        <div className="form-group mb-0 flex-grow-1">
          <label htmlFor="intel-search" className="active">
            {t("search")}
          </label>
          <input id="intel-search" type="search" className="form-control" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" className="btn btn-primary">
          {t("searchButton")}
        </button>
      </form>
      <div className="row">
        <FormField className="col-6 col-md-4 col-lg-2" id="filter-kind" label={t("kind")} value={filter.kind} onChange={(kind) => onChange({ kind })} options={[any, ...itemKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))]} />
        <FormField className="col-6 col-md-4 col-lg-2" id="filter-severity" label={t("severity")} value={filter.severity} onChange={(severity) => onChange({ severity })} options={[any, ...severities.map((s) => ({ value: s, label: t(`severity.${s}`) }))]} />
        {communities && (
          <>
            <FormField className="col-6 col-md-4 col-lg-2" id="filter-tlp" label={t("tlp")} value={filter.tlp} onChange={(tlp) => onChange({ tlp })} options={[any, ...tlpLevels.map((l) => ({ value: l, label: t(`tlp.${l}`) }))]} />
            <FormField className="col-6 col-md-4 col-lg-2" id="filter-community" label={t("community")} value={filter.communityId} onChange={(communityId) => onChange({ communityId })} options={[any, ...communities.map((c) => ({ value: c.id, label: c.name }))]} />
          </>
        )}
        <FormField className="col-6 col-md-4 col-lg-2" id="filter-from" type="date" label={t("from")} value={filter.from} onChange={(from) => onChange({ from })} />
        <FormField className="col-6 col-md-4 col-lg-2" id="filter-to" type="date" label={t("to")} value={filter.to} onChange={(to) => onChange({ to })} />
      </div>
    </section>
  );
}

import { useState } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable, FormErrors, Loading, PageTitle } from "../../ui/index.ts";
import { NoOrganisation, NotAllowedNotice, isNotAllowed, useCurrentOrgId } from "../organisation/page-access.tsx";
import { usePagedList } from "../organisation/use-paged-list.ts";
import { AuditFilters, entityTypes, type AuditFilterValues } from "./AuditFilters.tsx";
import { messages } from "./messages.ts";

type AuditEntry = Schemas["AuditEntry"];
const PAGE_SIZE = 50;

/** /amministrazione/registro: the organisation's audit log, filtered, paged and exportable. */
export function AuditLogPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  return (
    <>
      <PageTitle>{t("auditTitle")}</PageTitle>
      {orgId ? <AuditLog key={orgId} orgId={orgId} /> : <NoOrganisation />}
    </>
  );
}

function exportHref(orgId: string, format: "csv" | "json", filters: AuditFilterValues) {
  const query = new URLSearchParams({ format });
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  return `/api/orgs/${orgId}/audit/export?${query.toString()}`;
}

function AuditLog({ orgId }: { orgId: string }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const entries = usePagedList(
    (cursor) =>
      unwrap(api.GET("/api/orgs/{orgId}/audit", { params: { path: { orgId }, query: { limit: PAGE_SIZE, ...filters, ...(cursor ? { cursor } : {}) } } })),
    [orgId, JSON.stringify(filters)],
  );
  const entityLabel = (type: string) => ((entityTypes as readonly string[]).includes(type) ? t(`entity.${type as (typeof entityTypes)[number]}`) : type);

  if (isNotAllowed(entries.error)) return <NotAllowedNotice />;
  return (
    <>
      <p>{t("auditIntro")}</p>
      <AuditFilters onApply={setFilters} />
      <div className="d-flex flex-wrap gap-2 mb-4">
        {/* plain links: the browser downloads with the session cookie, the server streams the file */}
        <a className="btn btn-outline-primary" href={exportHref(orgId, "csv", filters)} download>
          {t("exportCsv")}
        </a>
        <a className="btn btn-outline-primary" href={exportHref(orgId, "json", filters)} download>
          {t("exportJson")}
        </a>
      </div>
      <FormErrors error={entries.error} />
      {entries.items === null ? (
        <Loading />
      ) : (
        <>
          <DataTable<AuditEntry>
            caption={t("auditTitle")}
            rows={entries.items}
            rowKey={(e) => String(e.seq)}
            empty={t("auditEmpty")}
            columns={[
              { header: t("when"), cell: (e) => new Date(e.at).toLocaleString(locale), rowHeader: true },
              { header: t("who"), cell: (e) => e.actorLabel },
              { header: t("what"), cell: (e) => <code>{e.action}</code> },
              { header: t("entity"), cell: (e) => entityLabel(e.entityType) },
              { header: t("where"), cell: (e) => e.ip ?? "" },
              { header: t("details"), cell: (e) => <EntryDetails entry={e} /> },
            ]}
          />
          {entries.loading && <Loading />}
          {entries.nextCursor && !entries.loading && (
            <button type="button" className="btn btn-outline-primary" onClick={() => void entries.loadMore()}>
              {t("loadMore")}
            </button>
          )}
        </>
      )}
    </>
  );
}

/** Before and after of a change, folded away: most rows are read at a glance. */
function EntryDetails({ entry }: { entry: AuditEntry }) {
  const t = useT(messages);
  const hasChange = entry.before != null || entry.after != null;
  if (!hasChange && !entry.entityId) return null;
  return (
    <details>
      <summary>{t("details")}</summary>
      {entry.entityId && (
        <p className="small mb-1">
          <code>{entry.entityId}</code>
        </p>
      )}
      {entry.before != null && (
        <>
          <p className="small fw-semibold mb-0">{t("before")}</p>
          <pre className="small">{JSON.stringify(entry.before, null, 2)}</pre>
        </>
      )}
      {entry.after != null && (
        <>
          <p className="small fw-semibold mb-0">{t("after")}</p>
          <pre className="small">{JSON.stringify(entry.after, null, 2)}</pre>
        </>
      )}
    </details>
  );
}

import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable, FormErrors, Loading } from "../../ui/index.ts";
import { NotAllowedNotice, isNotAllowed } from "../organisation/page-access.tsx";
import { usePagedList } from "../organisation/use-paged-list.ts";
import { messages } from "./messages.ts";
import type { Level, StageName, Treatment } from "./model.ts";
import type { RiskFilter } from "./RiskFilters.tsx";
import type { CellFilter } from "./RiskRegisterPage.tsx";
import { LevelBadge } from "./RiskHeatMap.tsx";
import type { Risk, Threat } from "./risks-api.ts";

const PAGE_SIZE = 50;

/** The register's rows, filtered and paged on the server. */
export function RiskList({ orgId, filter, cell, threats }: { orgId: string; filter: RiskFilter; cell: CellFilter | null; threats: Threat[] }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const list = usePagedList(
    (cursor) =>
      unwrap(
        api.GET("/api/orgs/{orgId}/risks", {
          params: {
            path: { orgId },
            query: {
              limit: PAGE_SIZE,
              // a heat map cell: the server lists exactly the risks in it
              ...(cell ? { stage: cell.stage, likelihood: cell.likelihood, impact: cell.impact } : {}),
              ...(cursor ? { cursor } : {}),
              ...(filter.q ? { q: filter.q } : {}),
              ...(filter.threatId ? { threatId: filter.threatId } : {}),
              ...(filter.level ? { level: filter.level as Level } : {}),
              ...(filter.stage && !cell ? { stage: filter.stage as StageName } : {}),
              ...(filter.treatment ? { treatment: filter.treatment as Treatment } : {}),
              ...(filter.status ? { status: filter.status as "open" | "closed" } : {}),
              ...(filter.ownerId ? { ownerId: filter.ownerId } : {}),
            },
          },
        }),
      ),
    [orgId, filter.q, filter.threatId, filter.level, filter.stage, filter.treatment, filter.status, filter.ownerId, cell?.stage, cell?.likelihood, cell?.impact],
  );
  if (isNotAllowed(list.error)) return <NotAllowedNotice />;
  const threatName = (id: string) => {
    const threat = threats.find((th) => th.id === id);
    return threat ? (locale === "en" ? threat.title.en : threat.title.it) : id;
  };
  const rows = list.items ?? [];
  const date = (value: string | null) => (value ? new Date(`${value}T00:00:00`).toLocaleDateString(locale) : t("none"));
  return (
    <section aria-labelledby="risk-list-title">
      <h2 id="risk-list-title" className="visually-hidden">
        {t("listCaption", { count: rows.length })}
      </h2>
      {list.error && <FormErrors error={list.error} />}
      {list.items === null ? (
        <Loading />
      ) : (
        <>
          <DataTable<Risk>
            caption={t("listCaption", { count: rows.length })}
            rows={rows}
            rowKey={(r) => r.id}
            empty={t("listEmpty")}
            columns={[
              { header: t("colRef"), cell: (r) => r.ref },
              { header: t("colTitle"), rowHeader: true, cell: (r) => <Link to={`/rischi/${r.id}`}>{r.title}</Link> },
              { header: t("threat"), cell: (r) => threatName(r.threatId) },
              { header: t("colInherent"), cell: (r) => <LevelBadge level={r.inherent.level} /> },
              { header: t("colResidual"), cell: (r) => <LevelBadge level={r.residual?.level} /> },
              { header: t("treatment"), cell: (r) => t(r.treatment ? `treatment.${r.treatment}` : "treatment.none") },
              { header: t("owner"), cell: (r) => r.ownerName ?? t("none") },
              { header: t("status"), cell: (r) => t(`status.${r.status}`) },
              { header: t("colNextReview"), cell: (r) => date(r.nextReviewOn) },
            ]}
          />
          {list.nextCursor && (
            <button type="button" className="btn btn-outline-primary" disabled={list.loading} onClick={() => void list.loadMore()}>
              {t("loadMore")}
            </button>
          )}
          {list.loading && list.items.length > 0 && <Loading />}
        </>
      )}
    </section>
  );
}

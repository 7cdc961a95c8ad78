import { Link, useSearchParams } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/index.ts";
import { PageTitle, useAsync } from "../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../organisation/page-access.tsx";
import { loadCommunities } from "./intel-api.ts";
import { ItemFilters, filterFrom, queryOf, type ItemFilter } from "./ItemFilters.tsx";
import { ItemList } from "./ItemList.tsx";
import { messages } from "./messages.ts";
import { intelPaths, itemPath, writerRoles } from "./paths.ts";

/** /condivisione: everything the caller's organisation may see under TLP, filtered and searched on the server. */
export function HubPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  return (
    <>
      <PageTitle>{t("hubTitle")}</PageTitle>
      {orgId ? <Hub key={orgId} /> : <NoOrganisation />}
    </>
  );
}

function Hub() {
  const t = useT(messages);
  const role = useSession().session?.role;
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const communities = useAsync(loadCommunities, []);
  const update = (next: Partial<ItemFilter>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged, { replace: true });
  };
  // the server's rule: admins, security managers and IT operators publish for their organisation
  const writes = role !== null && role !== undefined && (writerRoles as readonly string[]).includes(role);
  const query = queryOf(filter);
  return (
    <PageData state={communities}>
      {(list) => (
        <>
          <p className="lead">{t("hubIntro")}</p>
          <p className="d-flex flex-wrap gap-3 align-items-center">
            {writes && (
              <>
                <Link className="btn btn-primary" to={intelPaths.newAdvisory}>
                  {t("publishAdvisory")}
                </Link>
                <Link className="btn btn-outline-primary" to={intelPaths.newIndicators}>
                  {t("publishIndicators")}
                </Link>
                <Link className="btn btn-outline-primary" to={intelPaths.newReport}>
                  {t("publishReport")}
                </Link>
              </>
            )}
            <Link to={intelPaths.communities}>{t("communitiesLink")}</Link>
            <Link to={intelPaths.publicList}>{t("publicLink")}</Link>
          </p>
          <ItemFilters key={filter.q} filter={filter} communities={list} onChange={update} />
          <ItemList
            keys={[params.toString()]}
            load={(cursor) => unwrap(api.GET("/api/intel/items", { params: { query: { ...query, limit: 20, ...(cursor ? { cursor } : {}) } } }))}
            hrefOf={(item) => itemPath(item.id)}
            emptyText={t("listEmpty")}
          />
        </>
      )}
    </PageData>
  );
}

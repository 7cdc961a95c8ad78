import { Link, useParams, useSearchParams } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { useT } from "../../i18n/index.ts";
import { FormErrors, Loading, PageTitle, useAsync } from "../../ui/index.ts";
import { NotAllowedNotice, isNotAllowed } from "../organisation/page-access.tsx";
import { ItemFilters, filterFrom, queryOf, type ItemFilter } from "./ItemFilters.tsx";
import { ItemList } from "./ItemList.tsx";
import { ItemBody, ItemHeader } from "./ItemPage.tsx";
import { messages } from "./messages.ts";
import { intelPaths, publicItemPath } from "./paths.ts";

const FEED = "/api/public/intel/feed.atom";

/** The feed's discovery link in the document head (React 19 hoists <link>), and a visible one. */
function FeedLinks() {
  const t = useT(messages);
  return (
    <>
      <link rel="alternate" type="application/atom+xml" title={t("atomFeedTitle")} href={FEED} />
      <p>
        <a href={FEED} type="application/atom+xml">
          {t("atomFeed")}
        </a>
      </p>
    </>
  );
}

/** /minacce-pubbliche: TLP:CLEAR items for anyone, without signing in. */
export function PublicListPage() {
  const t = useT(messages);
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const update = (next: Partial<ItemFilter>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged, { replace: true });
  };
  const { tlp: _tlp, communityId: _community, ...query } = queryOf(filter);
  return (
    <>
      <PageTitle>{t("publicTitle")}</PageTitle>
      <p className="lead">{t("publicIntro")}</p>
      <FeedLinks />
      <ItemFilters key={filter.q} filter={filter} communities={null} onChange={update} />
      <ItemList
        keys={[params.toString()]}
        load={(cursor) => unwrap(api.GET("/api/public/intel/items", { params: { query: { ...query, limit: 20, ...(cursor ? { cursor } : {}) } } }))}
        hrefOf={(item) => publicItemPath(item.id)}
        emptyText={t("publicEmpty")}
      />
    </>
  );
}

/** /minacce-pubbliche/:id: one TLP:CLEAR item (its linked indicators are CLEAR too, or not shown). */
export function PublicItemPage() {
  const t = useT(messages);
  const { id = "" } = useParams();
  const state = useAsync(async () => {
    const item = await unwrap(api.GET("/api/public/intel/items/{intelItemId}", { params: { path: { intelItemId: id } } }));
    const linked = await Promise.all(
      (item.advisory?.indicatorIds ?? []).slice(0, 50).map((intelItemId) => unwrap(api.GET("/api/public/intel/items/{intelItemId}", { params: { path: { intelItemId } } })).catch(() => null)),
    );
    return { item, indicators: linked.filter((i) => i !== null) };
  }, [id]);
  const back = (
    <p>
      <Link to={intelPaths.publicList}>{t("publicTitle")}</Link>
    </p>
  );
  if (state.error) return <>{back}<PageTitle>{t("publicTitle")}</PageTitle>{isNotAllowed(state.error) ? <NotAllowedNotice /> : <FormErrors error={state.error} />}</>;
  if (!state.data) return <Loading />;
  return (
    <>
      {back}
      <FeedLinks />
      <PageTitle>{state.data.item.title}</PageTitle>
      <ItemHeader item={state.data.item} />
      <ItemBody item={state.data.item} indicators={state.data.indicators} />
    </>
  );
}

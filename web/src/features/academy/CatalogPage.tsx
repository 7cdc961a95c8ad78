import { Link, useSearchParams } from "react-router-dom";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, FormField, Loading, PageTitle, useAsync } from "../../ui/index.ts";
import { academyApi, audiences, levels, type Audience, type Level } from "./academy-api.ts";
import { BrowserProgressNotice } from "./BrowserProgressNotice.tsx";
import { messages } from "./messages.ts";
import { academyPaths, pathHref } from "./paths.ts";

const isAudience = (v: string | null): v is Audience => audiences.includes(v as Audience);
const isLevel = (v: string | null): v is Level => levels.includes(v as Level);

/** /academy: the public catalogue of learning paths, filterable by audience and level; no sign-in needed. */
export function CatalogPage() {
  const t = useT(messages);
  const { session } = useSession();
  const signedIn = !!session && !session.pending;
  const [params, setParams] = useSearchParams();
  const audienceParam = params.get("pubblico");
  const levelParam = params.get("livello");
  const audience = isAudience(audienceParam) ? audienceParam : undefined;
  const level = isLevel(levelParam) ? levelParam : undefined;
  const list = useAsync(() => academyApi.paths({ ...(audience ? { audience } : {}), ...(level ? { level } : {}) }), [audience, level]);
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageTitle>{t("catalog.title")}</PageTitle>
      <p className="lead">{t("catalog.intro")}</p>
      {!signedIn && <BrowserProgressNotice />}
      <p className="d-flex flex-wrap gap-3">
        {signedIn && <Link to={academyPaths.certificates}>{t("certificates.title")}</Link>}
        <Link to={academyPaths.verifyForm}>{t("verify.title")}</Link>
      </p>
      <form className="row g-3 mb-2" aria-label={t("catalog.filters")} onSubmit={(e) => e.preventDefault()}>
        <div className="col-12 col-md-6">
          <FormField
            label={t("catalog.audience")}
            value={audience ?? ""}
            onChange={(v) => setFilter("pubblico", v)}
            options={[{ value: "", label: t("catalog.allAudiences") }, ...audiences.map((a) => ({ value: a, label: t(`audience.${a}`) }))]}
          />
        </div>
        <div className="col-12 col-md-6">
          <FormField
            label={t("catalog.level")}
            value={level ?? ""}
            onChange={(v) => setFilter("livello", v)}
            options={[{ value: "", label: t("catalog.allLevels") }, ...levels.map((l) => ({ value: l, label: t(`level.${l}`) }))]}
          />
        </div>
      </form>
      {list.loading && <Loading />}
      <FormErrors error={list.error} />
      {list.data && (
        <>
          <p role="status" className="small">
            {t("catalog.count", { count: list.data.items.length })}
          </p>
          {list.data.items.length === 0 ? (
            <p>{t("catalog.none")}</p>
          ) : (
            <ul className="list-unstyled row g-4">
              {list.data.items.map((p) => (
                <li key={`${p.slug}-${p.language}`} className="col-12 col-lg-6">
                  <article className="card card-bg h-100 academy-path-card">
                    <div className="card-body">
                      <h2 className="h4 card-title">
                        <Link to={pathHref(p.slug)}>{p.title}</Link>
                      </h2>
                      <p className="small mb-2">
                        <span className="badge bg-primary me-2">{t(`level.${p.level}`)}</span>
                        {t("catalog.modules", { count: p.modules })}
                      </p>
                      <p className="card-text" lang={p.language}>
                        {p.summary}
                      </p>
                      <p className="small mb-0">
                        {t("catalog.for")} {p.audiences.map((a) => t(`audience.${a}`)).join(", ")}
                      </p>
                    </div>
                  </article>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

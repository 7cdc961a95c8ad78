import { useState } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { ConfirmButton, FormErrors, Loading, Notice, PageTitle, useAsync, useFormErrors } from "../../ui/index.ts";
import { NotAllowedNotice, isNotAllowed } from "../organisation/page-access.tsx";
import { editKeyFromHash, editKeyHeaders, type IntelItem } from "./intel-api.ts";
import { AdvisoryDetails, ReportDetails } from "./ItemDetails.tsx";
import { IndicatorTable } from "./IndicatorTable.tsx";
import { formatDate } from "./ItemList.tsx";
import { messages } from "./messages.ts";
import { intelPaths, publicItemPath } from "./paths.ts";
import { ShareEditor } from "./ShareEditor.tsx";
import { CommentsPanel, SightingsPanel } from "./SocialPanel.tsx";
import { TlpLabel } from "./TlpLabel.tsx";

// advisories rarely point at more; the rest stay reachable through the hub's search
const LINKED_INDICATORS = 50;

/** The header every item page shares: TLP, kind, status, author, dates, validity. */
export function ItemHeader({ item }: { item: IntelItem }) {
  const t = useT(messages);
  const { locale } = useLocale();
  return (
    <>
      <p className="d-flex flex-wrap align-items-center gap-2">
        <TlpLabel tlp={item.tlp} />
        <span className="badge bg-secondary">{t(`kind.${item.kind}`)}</span>
        {item.advisory && <span className="fw-semibold">{`${t("severity")}: ${t(`severity.${item.advisory.severity}`)}`}</span>}
      </p>
      {item.revoked && <Notice kind="warning">{t("revoked")}</Notice>}
      <dl className="row small">
        <div className="col-6 col-md-3">
          <dt>{t("status")}</dt>
          <dd>{t(`status.${item.status}`)}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>{t("authorLabel")}</dt>
          <dd>{item.author?.orgName ?? t("anonymous")}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>{t("sharedDate")}</dt>
          <dd>{formatDate(item.createdAt, locale)}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>{t("validUntil")}</dt>
          <dd>
            {item.validUntil ? formatDate(item.validUntil, locale) : t("noExpiry")}
            {item.expired && ` (${t("expired")})`}
          </dd>
        </div>
      </dl>
    </>
  );
}

/** The kind's own content; an advisory also shows the indicators it links to that the caller may see. */
export function ItemBody({ item, indicators }: { item: IntelItem; indicators: IntelItem[] | null }) {
  const t = useT(messages);
  if (item.advisory) return <AdvisoryDetails advisory={item.advisory} indicators={indicators} />;
  if (item.experienceReport) return <ReportDetails report={item.experienceReport} />;
  if (item.indicator)
    return (
      <>
        <IndicatorTable items={[item]} caption={t("indicators")} />
        {item.indicator.description && <p className="intel-pre">{item.indicator.description}</p>}
      </>
    );
  return null;
}

async function loadLinked(ids: string[], editKey: string | null) {
  const found = await Promise.all(
    ids.slice(0, LINKED_INDICATORS).map((intelItemId) =>
      unwrap(api.GET("/api/intel/items/{intelItemId}", { params: { path: { intelItemId }, header: editKeyHeaders(editKey) } })).catch(() => null),
    ),
  );
  return found.filter((i): i is IntelItem => i !== null);
}

/** /condivisione/:id — one item, if its TLP lets the caller see it; `#chiave=` carries an anonymous item's edit key. */
export function ItemPage() {
  const t = useT(messages);
  const { id = "" } = useParams();
  const editKey = editKeyFromHash(useLocation().hash);
  const state = useAsync(async () => {
    const item = await unwrap(api.GET("/api/intel/items/{intelItemId}", { params: { path: { intelItemId: id }, header: editKeyHeaders(editKey) } }));
    return { item, indicators: item.advisory ? await loadLinked(item.advisory.indicatorIds, editKey) : null };
  }, [id, editKey]);
  if (state.error && isNotAllowed(state.error)) return <><PageTitle>{t("hubTitle")}</PageTitle><NotAllowedNotice /></>;
  if (state.error) return <><PageTitle>{t("hubTitle")}</PageTitle><FormErrors error={state.error} /></>;
  if (!state.data) return <Loading />;
  const { item, indicators } = state.data;
  return (
    <>
      <p>
        <Link to={intelPaths.hub}>{t("backToHub")}</Link>
      </p>
      <PageTitle>{item.title}</PageTitle>
      <ItemHeader item={item} />
      {editKey && <Notice kind="info">{t("editKeyInUse")}</Notice>}
      <AuthorActions item={item} editKey={editKey} onChange={state.reload} />
      {item.actions.includes("share") && <ShareEditor key={item.modifiedAt} item={item} editKey={editKey} onSaved={state.reload} />}
      <ItemBody item={item} indicators={indicators} />
      <p>
        <a href={`/api/intel/items/${item.id}/stix`} download={`${item.stixId}.json`} type="application/json">
          {t("stixDownload")}
        </a>
      </p>
      {item.tlp === "clear" && item.status === "published" && (
        <p>
          <Link to={publicItemPath(item.id)}>{t("publicLink")}</Link>
        </p>
      )}
      <SightingsPanel item={item} />
      <CommentsPanel item={item} />
    </>
  );
}

/** Publish a draft or withdraw, as the item's `actions` allow (the author's organisation, or the edit key's holder). */
function AuthorActions({ item, editKey, onChange }: { item: IntelItem; editKey: string | null; onChange: () => Promise<void> }) {
  const t = useT(messages);
  const { error, run } = useFormErrors();
  const [done, setDone] = useState<string | null>(null);
  const params = { path: { intelItemId: item.id }, header: editKeyHeaders(editKey) };
  if (!item.actions.includes("withdraw") && !item.actions.includes("publish")) return null;
  return (
    <div className="mb-4">
      <FormErrors error={error} />
      {done && <Notice kind="success">{done}</Notice>}
      <p className="d-flex flex-wrap gap-2">
        {item.actions.includes("publish") && (
          <button
            type="button"
            className="btn btn-primary btn-sm"
            onClick={() => void run(async () => {
              await unwrap(api.POST("/api/intel/items/{intelItemId}/publish", { params }));
              await onChange();
            })}
          >
            {t("publishDraft")}
          </button>
        )}
        {item.actions.includes("withdraw") && (
          <ConfirmButton
            question={t("withdrawQuestion")}
            onConfirm={() =>
              run(async () => {
                await unwrap(api.POST("/api/intel/items/{intelItemId}/withdraw", { params }));
                setDone(t("withdrawn"));
                await onChange();
              })
            }
          >
            {t("withdraw")}
          </ConfirmButton>
        )}
      </p>
    </div>
  );
}

import { Link } from "react-router-dom";
import { useLocale, useT } from "../../i18n/index.ts";
import { FormErrors, Loading } from "../../ui/index.ts";
import { usePagedList, type Page } from "../organisation/use-paged-list.ts";
import type { IntelItem } from "./intel-api.ts";
import { messages } from "./messages.ts";
import { TlpLabel } from "./TlpLabel.tsx";

export const formatDate = (iso: string, locale: string) => new Date(iso).toLocaleDateString(locale === "en" ? "en-GB" : "it-IT", { day: "numeric", month: "long", year: "numeric" });

/** One line of the feed: TLP label, kind, severity, title (a link), who and when, and its state. */
function ItemSummary({ item, href }: { item: IntelItem; href: string }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const severity = item.advisory?.severity;
  return (
    <li data-item-id={item.id}>
      <p className="d-flex flex-wrap align-items-center gap-2 mb-1">
        <TlpLabel tlp={item.tlp} />
        <span className="badge bg-secondary">{t(`kind.${item.kind}`)}</span>
        {severity && <span className="fw-semibold">{`${t("severity")}: ${t(`severity.${severity}`)}`}</span>}
        {item.indicator && <span>{t(`itype.${item.indicator.type}`)}</span>}
        {item.status !== "published" && <span className="badge bg-dark">{t(`status.${item.status}`)}</span>}
        {item.expired && <span className="badge bg-dark">{t("expired")}</span>}
      </p>
      <h3 className="h5 mb-1">
        <Link to={href}>{item.title}</Link>
      </h3>
      <p className="mb-0 small">
        {item.author ? t("sharedBy", { name: item.author.orgName }) : t("anonymous")} {t("sharedOn", { date: formatDate(item.createdAt, locale) })}
      </p>
    </li>
  );
}

/** A server-paged feed of items ("load more"), reloaded whenever one of `keys` changes. */
export function ItemList({ load, keys, hrefOf, emptyText }: {
  load: (cursor: string | undefined) => Promise<Page<IntelItem>>;
  keys: readonly unknown[];
  hrefOf: (item: IntelItem) => string;
  emptyText: string;
}) {
  const t = useT(messages);
  const list = usePagedList(load, keys);
  return (
    <section aria-labelledby="intel-list-title" aria-busy={list.loading}>
      <h2 id="intel-list-title" className="h4">
        {t("listCaption", { count: list.items?.length ?? 0 })}
      </h2>
      <FormErrors error={list.error} />
      {list.items && list.items.length === 0 && !list.loading && <p>{emptyText}</p>}
      {list.items && list.items.length > 0 && (
        <ul className="intel-item-list">
          {list.items.map((item) => (
            <ItemSummary key={item.id} item={item} href={hrefOf(item)} />
          ))}
        </ul>
      )}
      {list.loading && <Loading />}
      {list.nextCursor && !list.loading && (
        <button type="button" className="btn btn-outline-primary" onClick={() => void list.loadMore()}>
          {t("loadMore")}
        </button>
      )}
    </section>
  );
}

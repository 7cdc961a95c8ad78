import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useLocale, useT } from "../../i18n/index.ts";
import { textOf } from "./catalogs.ts";
import { coordinationMessages } from "./coordination-messages.ts";
import type { CoordinatedRow, FunctionColumn, Sort, SortKey } from "./coordinated-rows.ts";
import { formatPercent } from "./ScoreChart.tsx";

interface Column {
  key: SortKey;
  header: string;
  /** a short header with its full name for screen readers and on hover (function ids) */
  title?: string;
  cell: (row: CoordinatedRow) => ReactNode;
}

/**
 * The shared assessments side by side. Each header is a button that sorts by its column (again:
 * the other way); the sorted column carries aria-sort, so screen readers announce the order.
 */
export function CoordinatedTable(props: {
  rows: CoordinatedRow[];
  functions: FunctionColumn[];
  sort: Sort;
  onSort: (key: SortKey) => void;
  frameworkName: (id: string) => string;
  levelName: (frameworkId: string, level: string | null) => string;
}) {
  const { rows, functions, sort, onSort, frameworkName, levelName } = props;
  const t = useT(coordinationMessages);
  const { locale } = useLocale();
  const percent = (v: number | null | undefined) => (v == null ? t("notAvailable") : formatPercent(v, locale));
  const columns: Column[] = [
    { key: "framework", header: t("colFramework"), cell: (r) => frameworkName(r.frameworkId) + (r.scopeService ? ` (${t("service", { name: r.scopeService })})` : "") },
    { key: "level", header: t("colLevel"), cell: (r) => levelName(r.frameworkId, r.level) },
    { key: "approvedAt", header: t("colApproved"), cell: (r) => (r.approvedAt ? new Date(r.approvedAt).toLocaleDateString(locale) : t("noFigure")) },
    { key: "overall", header: t("colOverall"), cell: (r) => percent(r.compliancePercent) },
    ...functions.map((f): Column => ({ key: `fn:${f.id}`, header: f.id, title: textOf(f.title, locale), cell: (r) => percent(r.functions[f.id]) })),
  ];
  const caption = t("coordinatedCaption", { count: rows.length });
  const header = (key: SortKey, label: string, title?: string) => (
    <th key={key} scope="col" aria-sort={sort.key === key ? (sort.descending ? "descending" : "ascending") : undefined}>
      <button type="button" className="btn btn-link p-0 fw-bold text-start text-decoration-none" onClick={() => onSort(key)}>
        {title ? <abbr title={title}>{label}</abbr> : label}
        <span aria-hidden="true">{sort.key === key ? (sort.descending ? " ▼" : " ▲") : ""}</span>
        {title && <span className="visually-hidden"> {title}</span>}
      </button>
    </th>
  );
  return (
    <div className="table-responsive mb-4" tabIndex={0} role="region" aria-label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {header("entity", t("colEntity"))}
            {columns.map((c) => header(c.key, c.header, c.title))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link to={`/coordinamento/${r.orgId}/valutazioni/${r.id}`} aria-label={t("viewResults", { entity: r.entity })}>
                  {r.entity}
                </Link>
              </th>
              {columns.map((c) => (
                <td key={c.key}>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

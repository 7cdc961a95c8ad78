import { useState } from "react";
import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { FormField, Notice, PageTitle, useAsync } from "../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../organisation/page-access.tsx";
import { loadCatalogs, textOf, type FrameworkSummary } from "./catalogs.ts";
import { coordinationMessages } from "./coordination-messages.ts";
import { functionColumns, notSharing, rowsOf, sortRows, type Sort, type SortKey } from "./coordinated-rows.ts";
import { CoordinatedChart } from "./CoordinatedChart.tsx";
import { CoordinatedTable } from "./CoordinatedTable.tsx";

/** /coordinamento: a coordinator (a regione) sees its entities' shared assessments side by side. */
export function CoordinatedPage() {
  const t = useT(coordinationMessages);
  const orgId = useCurrentOrgId();
  return (
    <>
      <PageTitle>{t("coordinatedTitle")}</PageTitle>
      {orgId ? <Coordinated key={orgId} orgId={orgId} /> : <NoOrganisation />}
    </>
  );
}

function Coordinated({ orgId }: { orgId: string }) {
  const t = useT(coordinationMessages);
  const state = useAsync(async () => {
    const [reply, catalogs] = await Promise.all([
      unwrap(api.GET("/api/orgs/{orgId}/coordinated-assessments", { params: { path: { orgId } } })),
      loadCatalogs(),
    ]);
    return { reply, catalogs };
  }, [orgId]);
  return (
    <>
      <p>{t("coordinatedIntro")}</p>
      <PageData state={state}>{({ reply, catalogs }) => <Comparison reply={reply} catalogs={catalogs} />}</PageData>
    </>
  );
}

function Comparison({ reply, catalogs }: { reply: Schemas["CoordinatedAssessments"]; catalogs: FrameworkSummary[] }) {
  const t = useT(coordinationMessages);
  const { locale } = useLocale();
  const [frameworkId, setFrameworkId] = useState("");
  const [sort, setSort] = useState<Sort>({ key: "entity", descending: false });
  if (reply.items.length === 0) return <Notice kind="info">{t("noCoordinated")}</Notice>;

  const frameworkName = (id: string) => textOf(catalogs.find((c) => c.id === id)?.title, locale) || id;
  const levelName = (id: string, level: string | null) =>
    level ? textOf(catalogs.find((c) => c.id === id)?.levels?.find((l) => l.id === level)?.title, locale) || level : t("noFigure");
  const all = rowsOf(reply);
  const frameworks = [...new Set(all.map((r) => r.frameworkId))];
  const rows = sortRows(all.filter((r) => !frameworkId || r.frameworkId === frameworkId), sort, locale);
  const absent = notSharing(reply);
  // the same entity may appear once per framework: then the chart names the framework too
  const labelOf = (r: (typeof rows)[number]) => (frameworkId || frameworks.length < 2 ? r.entity : `${r.entity} – ${frameworkName(r.frameworkId)}`);
  const onSort = (key: SortKey) => setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== "entity" }));

  return (
    <>
      {all.length === 0 ? (
        <Notice kind="info">{t("coordinatedEmpty")}</Notice>
      ) : (
        <>
          <FormField
            label={t("filterFramework")}
            value={frameworkId}
            onChange={setFrameworkId}
            options={[{ value: "", label: t("allFrameworks") }, ...frameworks.map((id) => ({ value: id, label: frameworkName(id) }))]}
          />
          <CoordinatedChart rows={rows} labelOf={labelOf} />
          <CoordinatedTable
            rows={rows}
            functions={functionColumns(reply, frameworkId || null)}
            sort={sort}
            onSort={onSort}
            frameworkName={frameworkName}
            levelName={levelName}
          />
        </>
      )}
      {absent.length > 0 && (
        <>
          <h2 className="h5">{t("notSharedTitle")}</h2>
          <ul>
            {absent.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

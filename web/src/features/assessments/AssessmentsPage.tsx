import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useSession } from "../../app/session.tsx";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable, PageTitle, useAsync } from "../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../organisation/page-access.tsx";
import { ClientAssessments } from "./ClientAssessments.tsx";
import { NewAssessmentForm } from "./NewAssessmentForm.tsx";
import { loadCatalogs, textOf } from "./catalogs.ts";
import { messages } from "./messages.ts";

type Summary = Schemas["AssessmentSummary"];

/** /valutazioni: the current organisation's assessments and, for those who may, a new one. */
export function AssessmentsPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  return (
    <>
      <PageTitle>{t("listTitle")}</PageTitle>
      {orgId ? <Assessments key={orgId} orgId={orgId} /> : <NoOrganisation />}
    </>
  );
}

function Assessments({ orgId }: { orgId: string }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const list = useAsync(() => unwrap(api.GET("/api/orgs/{orgId}/assessments", { params: { path: { orgId } } })), [orgId]);
  const catalogs = useAsync(loadCatalogs, []);
  // the shelf has no actions list: the roles mirror the server's create rule, which still decides
  const role = useSession().session?.role;
  const mayCreate = role === "admin" || role === "security_manager";
  const frameworkName = (id: string) => textOf(catalogs.data?.find((c) => c.id === id)?.title, locale) || id;
  const levelName = (frameworkId: string, level: string | null) =>
    level ? textOf(catalogs.data?.find((c) => c.id === frameworkId)?.levels?.find((l) => l.id === level)?.title, locale) || level : t("none");
  const date = (value: string | null) => (value ? new Date(`${value}T00:00:00`).toLocaleDateString(locale) : t("none"));
  return (
    <PageData state={list}>
      {(data) => (
        <>
          <DataTable<Summary>
            caption={t("listCaption")}
            rows={data.items}
            rowKey={(a) => a.id}
            empty={t("listEmpty")}
            columns={[
              { header: t("colTitle"), rowHeader: true, cell: (a) => <Link to={`/valutazioni/${a.id}`}>{a.title}</Link> },
              { header: t("colFramework"), cell: (a) => frameworkName(a.frameworkId) },
              { header: t("colLevel"), cell: (a) => levelName(a.frameworkId, a.level) },
              { header: t("colScope"), cell: (a) => a.scopeService ?? t("wholeEntity") },
              { header: t("colStatus"), cell: (a) => t(`status.${a.status}`) },
              { header: t("colTargetDate"), cell: (a) => date(a.targetDate) },
            ]}
          />
          {mayCreate && catalogs.data && <NewAssessmentForm orgId={orgId} catalogs={catalogs.data} />}
          <ClientAssessments frameworkName={frameworkName} />
        </>
      )}
    </PageData>
  );
}

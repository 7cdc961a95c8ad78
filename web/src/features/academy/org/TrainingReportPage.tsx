import { useState } from "react";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../../api/client.ts";
import type { Schemas } from "../../../api/types.ts";
import { useLocale, useT } from "../../../i18n/index.ts";
import { DataTable, FormField, PageTitle, useAsync, type Column } from "../../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../../organisation/page-access.tsx";
import { messages } from "./messages.ts";
import { reportExportHref, trainingPaths } from "./paths.ts";

type Report = Schemas["AcademyTrainingReport"];
type Employee = Report["employees"][number];

/** /formazione/report: the year's training by assigned path and office, hours per employee, the management body on its own. */
export function TrainingReportPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  return (
    <>
      <PageTitle>{t("reportTitle")}</PageTitle>
      <p>
        <Link to={trainingPaths.assignments}>{t("assignmentsTitle")}</Link>
      </p>
      <FormField label={t("year")} value={year} onChange={setYear} options={[0, 1, 2].map((n) => ({ value: String(thisYear - n), label: String(thisYear - n) }))} />
      {orgId ? <ReportBody key={`${orgId}-${year}`} orgId={orgId} year={Number(year)} /> : <NoOrganisation />}
    </>
  );
}

function ReportBody({ orgId, year }: { orgId: string; year: number }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const report = useAsync(() => unwrap(api.GET("/api/orgs/{orgId}/academy/report", { params: { path: { orgId }, query: { year } } })), [orgId, year]);
  const score = (s: number | null) => (s === null ? t("noScore") : `${s}%`);
  const hoursColumns: Column<Employee>[] = [
    { header: t("name"), cell: (e) => e.name, rowHeader: true },
    { header: t("office"), cell: (e) => e.office ?? t("noOffice") },
    { header: t("hours"), cell: (e) => e.hours },
    { header: t("pathsCompleted"), cell: (e) => e.pathsCompleted },
    { header: t("people"), cell: (e) => e.assigned },
    { header: t("completed"), cell: (e) => e.completed },
    { header: t("overdue"), cell: (e) => e.overdue },
  ];
  return (
    <PageData state={report}>
      {(r) => (
        <>
          <section aria-labelledby="report-summary" className="mb-4">
            <h2 id="report-summary" className="h4">{t("summary")}</h2>
            <p>{t("summaryText", { employees: r.totals.employees, hours: r.totals.hours, meeting: r.totals.employeesMeetingObjective, objective: r.objectiveHours })}</p>
            <p>{t("summaryAssignments", { assigned: r.totals.assigned, completed: r.totals.completed, overdue: r.totals.overdue })}</p>
            <p className="d-flex flex-wrap gap-3">
              <span>{t("exports")}:</span>
              <a href={reportExportHref(orgId, year, "csv", locale)} download>{t("csv")}</a>
              <a href={reportExportHref(orgId, year, "xlsx", locale)} download>{t("xlsx")}</a>
            </p>
          </section>
          <h2 className="h4">{t("byAssignment")}</h2>
          <DataTable
            caption={t("byAssignment")}
            rows={r.assignments}
            rowKey={(a) => a.id}
            empty={t("none")}
            columns={[
              { header: t("path"), cell: (a) => a.pathTitle, rowHeader: true },
              { header: t("dueOn"), cell: (a) => a.dueOn },
              { header: t("people"), cell: (a) => a.assigned },
              { header: t("completed"), cell: (a) => a.completed },
              { header: t("overdue"), cell: (a) => a.overdue },
              { header: t("averageScore"), cell: (a) => score(a.averageScore) },
            ]}
          />
          <h2 className="h4">{t("byOffice")}</h2>
          <DataTable
            caption={t("byOffice")}
            rows={r.offices}
            rowKey={(o) => o.office ?? ""}
            columns={[
              { header: t("office"), cell: (o) => o.office ?? t("noOffice"), rowHeader: true },
              { header: t("employees"), cell: (o) => o.employees },
              { header: t("hours"), cell: (o) => o.hours },
              { header: t("people"), cell: (o) => o.assigned },
              { header: t("completed"), cell: (o) => o.completed },
              { header: t("overdue"), cell: (o) => o.overdue },
              { header: t("averageScore"), cell: (o) => score(o.averageScore) },
            ]}
          />
          <h2 className="h4">{t("hoursCaption")}</h2>
          <p>{t("hoursNote")}</p>
          <DataTable caption={t("hoursCaption")} rows={r.employees} rowKey={(e) => e.userId} columns={hoursColumns} />
          <h2 className="h4">{t("boardTitle")}</h2>
          <DataTable caption={t("boardCaption")} rows={r.managementBody.members} rowKey={(e) => e.userId} columns={hoursColumns} empty={t("boardNone")} />
        </>
      )}
    </PageData>
  );
}

import { Link } from "react-router-dom";
import { api, unwrap } from "../../../api/client.ts";
import type { Schemas } from "../../../api/types.ts";
import { useSession } from "../../../app/session.tsx";
import { useT } from "../../../i18n/index.ts";
import { ConfirmButton, DataTable, PageTitle, useAsync } from "../../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../../organisation/page-access.tsx";
import { AssignmentForm } from "./AssignmentForm.tsx";
import { messages } from "./messages.ts";
import { trainingPaths } from "./paths.ts";

type Assignment = Schemas["AcademyAssignment"];

/** /formazione/assegnazioni: the organisation's assignments of paths, and (admins, security managers) the form to add one. */
export function AssignmentsPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  return (
    <>
      <PageTitle>{t("assignmentsTitle")}</PageTitle>
      <p>{t("assignmentsIntro")}</p>
      <p>
        <Link to={trainingPaths.report}>{t("reportLink")}</Link>
      </p>
      {orgId ? <Assignments key={orgId} orgId={orgId} /> : <NoOrganisation />}
    </>
  );
}

function Assignments({ orgId }: { orgId: string }) {
  const t = useT(messages);
  const { session } = useSession();
  const list = useAsync(() => unwrap(api.GET("/api/orgs/{orgId}/academy/assignments", { params: { path: { orgId } } })), [orgId]);
  // the server refuses anyone else; the form is only offered to who may use it
  const mayAssign = session?.role === "admin" || session?.role === "security_manager";
  const withdraw = async (a: Assignment) => {
    await unwrap(api.DELETE("/api/orgs/{orgId}/academy/assignments/{assignmentId}", { params: { path: { orgId, assignmentId: a.id } } }));
    await list.reload();
  };
  const targetWords = (a: Assignment) =>
    [
      ...a.target.roles.map((r) => t(`role.${r}`)),
      ...a.target.offices,
      ...(a.target.managementBody ? [t("managementBody")] : []),
      ...(a.target.userIds.length ? [t("namedPeople", { count: a.target.userIds.length })] : []),
    ].join(", ");
  return (
    <>
      {mayAssign && <AssignmentForm orgId={orgId} onAssigned={() => void list.reload()} />}
      <PageData state={list}>
        {(data) => (
          <DataTable
            caption={t("listCaption")}
            rows={data.items}
            rowKey={(a) => a.id}
            empty={t("none")}
            columns={[
              { header: t("path"), cell: (a) => a.pathTitle, rowHeader: true },
              { header: t("dueOn"), cell: (a) => a.dueOn },
              { header: t("target"), cell: targetWords },
              { header: t("people"), cell: (a) => a.assigned },
              { header: t("completed"), cell: (a) => a.completed },
              { header: t("overdue"), cell: (a) => a.overdue },
              { header: t("averageScore"), cell: (a) => (a.averageScore === null ? t("noScore") : `${a.averageScore}%`) },
              {
                header: t("withdraw"),
                cell: (a) =>
                  a.actions.includes("delete") ? (
                    <ConfirmButton question={t("withdrawQuestion")} onConfirm={() => withdraw(a)}>
                      {t("withdraw")}
                    </ConfirmButton>
                  ) : null,
              },
            ]}
          />
        )}
      </PageData>
    </>
  );
}

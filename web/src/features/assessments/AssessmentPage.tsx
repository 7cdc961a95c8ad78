import { useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { useT } from "../../i18n/index.ts";
import { Notice, PageTitle, useAsync } from "../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../organisation/page-access.tsx";
import { AnswerSheet } from "./AnswerSheet.tsx";
import { loadCatalog } from "./catalogs.ts";
import { messages } from "./messages.ts";

/**
 * /valutazioni/:id: answering, workflow and the lock once approved. Also /clienti/:orgId/valutazioni/:id,
 * where a user of an IT provider works on a client's assessment assigned to them.
 */
export function AssessmentPage() {
  const t = useT(messages);
  const currentOrgId = useCurrentOrgId();
  const { id = "", orgId: clientOrgId } = useParams();
  const orgId = clientOrgId ?? currentOrgId;
  if (!orgId) {
    return (
      <>
        <PageTitle>{t("listTitle")}</PageTitle>
        <NoOrganisation />
      </>
    );
  }
  return <Assessment key={`${orgId}/${id}`} orgId={orgId} assessmentId={id} />;
}

function Assessment({ orgId, assessmentId }: { orgId: string; assessmentId: string }) {
  const t = useT(messages);
  const state = useAsync(async () => {
    const assessment = await unwrap(api.GET("/api/orgs/{orgId}/assessments/{assessmentId}", { params: { path: { orgId, assessmentId } } }));
    return { assessment, catalog: await loadCatalog(assessment.frameworkId) };
  }, [orgId, assessmentId]);
  return (
    <>
      {!state.data && <PageTitle>{t("listTitle")}</PageTitle>}
      <PageData state={state}>
        {({ assessment, catalog }) =>
          catalog ? <AnswerSheet orgId={orgId} initial={assessment} catalog={catalog} /> : <Notice kind="warning">{t("catalogMissing")}</Notice>
        }
      </PageData>
    </>
  );
}

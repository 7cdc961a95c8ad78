import { useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { useT } from "../../i18n/index.ts";
import { PageTitle, useAsync } from "../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../organisation/page-access.tsx";
import { Link } from "react-router-dom";
import { messages } from "./messages.ts";
import { RiskForm } from "./RiskForm.tsx";
import { loadGaps, loadMatrix, loadMembers, loadThreats } from "./risks-api.ts";

/** /rischi/nuovo and /rischi/:id/modifica. */
export function RiskFormPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  const { id } = useParams();
  if (!orgId) {
    return (
      <>
        <PageTitle>{t("formNewTitle")}</PageTitle>
        <NoOrganisation />
      </>
    );
  }
  return <Form key={`${orgId}/${id ?? "new"}`} orgId={orgId} riskId={id} />;
}

function Form({ orgId, riskId }: { orgId: string; riskId?: string }) {
  const t = useT(messages);
  const state = useAsync(async () => {
    const [matrix, threats, members, gaps, risk] = await Promise.all([
      loadMatrix(orgId),
      loadThreats(),
      loadMembers(orgId),
      loadGaps(orgId),
      riskId ? unwrap(api.GET("/api/orgs/{orgId}/risks/{riskId}", { params: { path: { orgId, riskId } } })) : Promise.resolve(undefined),
    ]);
    return { matrix, threats, members, gaps, risk };
  }, [orgId, riskId]);
  return (
    <>
      {!state.data && <PageTitle>{riskId ? t("formEditTitle", { ref: "" }) : t("formNewTitle")}</PageTitle>}
      <PageData state={state}>
        {(data) => (
          <>
            <PageTitle>{data.risk ? t("formEditTitle", { ref: `${data.risk.ref} ${data.risk.title}` }) : t("formNewTitle")}</PageTitle>
            <p>
              <Link to={data.risk ? `/rischi/${data.risk.id}` : "/rischi"}>{t("backToRegister")}</Link>
            </p>
            <RiskForm orgId={orgId} {...data} />
          </>
        )}
      </PageData>
    </>
  );
}

import { useParams } from "react-router-dom";
import { useT } from "../../i18n/index.ts";
import { coordinationMessages } from "./coordination-messages.ts";
import { Results } from "./ResultsPage.tsx";

/**
 * /coordinamento/:orgId/valutazioni/:id: a coordinated entity's shared assessment, read-only. The
 * server lets a coordinator read only approved assessments shared upward (404 otherwise).
 */
export function CoordinatedResultsPage() {
  const t = useT(coordinationMessages);
  const { orgId = "", id = "" } = useParams();
  return <Results key={`${orgId}/${id}`} orgId={orgId} assessmentId={id} back={{ to: "/coordinamento", label: t("backToCoordinated") }} />;
}

import { Link } from "react-router-dom";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/index.ts";
import type { Column } from "../../ui/index.ts";
import { roadmapMessages } from "./roadmap-messages.ts";

/**
 * The "turn this gap into an action" column of an assessment's gap list: a link to the new
 * action form with the gap pre-filled. Only for the organisation's own managers (who may add
 * actions), never in a coordinator's view of another organisation.
 */
export function useGapActionColumn(orgId: string, assessmentId: string): Column<{ requirementId: string }>[] {
  const t = useT(roadmapMessages);
  const { session } = useSession();
  const manages = session?.currentOrgId === orgId && (session.role === "admin" || session.role === "security_manager");
  if (!manages) return [];
  return [
    {
      header: t("gapAction"),
      cell: (g) => (
        <Link to={`/piano/azioni/nuova?${new URLSearchParams({ assessmentId, requirementId: g.requirementId }).toString()}`}>
          {t("gapToAction")}
          <span className="visually-hidden"> {g.requirementId}</span>
        </Link>
      ),
    },
  ];
}

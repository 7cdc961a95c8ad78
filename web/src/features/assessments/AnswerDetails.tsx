import { useState } from "react";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/index.ts";
import { collaborationMessages } from "./collaboration-messages.ts";
import { CommentThread } from "./CommentThread.tsx";
import { EvidenceList } from "./EvidenceList.tsx";

/**
 * A row's evidence and comments behind a disclosure button, loaded only when opened so a sheet of
 * 116 requirements does not make 232 calls on first load.
 */
export function AnswerDetails({ orgId, assessmentId, requirementId, editable, locked, idBase }: {
  orgId: string;
  assessmentId: string;
  requirementId: string;
  editable: boolean;
  locked: boolean;
  idBase: string;
}) {
  const t = useT(collaborationMessages);
  const [open, setOpen] = useState(false);
  const panelId = `${idBase}-details`;
  // a user of the organisation's IT provider acts for the provider, not for this organisation
  const member = useSession().session?.currentOrgId === orgId;
  return (
    <div className="mt-2">
      <button type="button" className="btn btn-link btn-sm p-0" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {t("detailsToggle")}
      </button>
      {open && (
        // the row's shortcut keys (1-4 set the status) stay out of the panel's buttons and forms
        <div id={panelId} className="border rounded p-3 mt-2" onKeyDown={(e) => e.stopPropagation()}>
          {locked && <p className="small">{t("locked")}</p>}
          <EvidenceList orgId={orgId} assessmentId={assessmentId} requirementId={requirementId} editable={editable && !locked} idBase={idBase} member={member} />
          <CommentThread orgId={orgId} assessmentId={assessmentId} requirementId={requirementId} locked={locked} idBase={idBase} />
        </div>
      )}
    </div>
  );
}

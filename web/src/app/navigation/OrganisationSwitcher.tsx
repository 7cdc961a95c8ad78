import { useId, useState } from "react";
import { useNavigate } from "react-router-dom";
import { useT } from "../../i18n/use-t.ts";
import { useSession } from "../session.tsx";
import { navMessages } from "./messages.ts";

/** The current organisation; a selector when the user belongs to several. */
export function OrganisationSwitcher() {
  const t = useT(navMessages);
  const id = useId();
  const navigate = useNavigate();
  const { session, switchOrganisation } = useSession();
  const [busy, setBusy] = useState(false);
  if (!session || session.pending) return null;
  const current = session.organisations.find((o) => o.id === session.currentOrgId);
  if (session.organisations.length < 2) {
    return current ? <span className="text-white me-3 org-name">{current.name}</span> : null;
  }
  return (
    <div className="d-flex align-items-center me-3 org-switcher">
      <label htmlFor={id} className="text-white me-2 mb-0">
        {t("organisation")}
      </label>
      <select
        id={id}
        className="form-select form-select-sm"
        value={session.currentOrgId ?? ""}
        disabled={busy}
        onChange={async (e) => {
          setBusy(true);
          try {
            await switchOrganisation(e.target.value);
            navigate("/");
          } finally {
            setBusy(false);
          }
        }}
      >
        {session.organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

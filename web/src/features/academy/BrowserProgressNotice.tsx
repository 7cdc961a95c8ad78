import { Link, useLocation } from "react-router-dom";
import { useT } from "../../i18n/use-t.ts";
import { messages } from "./messages.ts";

/** Tells a learner without an account where the progress is kept, and invites them to sign in. */
export function BrowserProgressNotice() {
  const t = useT(messages);
  const here = useLocation();
  return (
    <div className="alert alert-info mb-4 academy-browser-notice">
      <p className="mb-1">{t("browserProgress.text")}</p>
      <p className="mb-0">
        <Link to={`/accedi?next=${encodeURIComponent(here.pathname)}`}>{t("browserProgress.signIn")}</Link> {t("browserProgress.register")}
      </p>
    </div>
  );
}

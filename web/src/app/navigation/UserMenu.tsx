import { Link, useNavigate } from "react-router-dom";
import { useT } from "../../i18n/use-t.ts";
import { paths } from "../routes.tsx";
import { useSession } from "../session.tsx";
import { navMessages } from "./messages.ts";

/** The signed-in user's name (to the profile) and sign out. */
export function UserMenu() {
  const t = useT(navMessages);
  const navigate = useNavigate();
  const { session, signOut } = useSession();
  if (!session) {
    return (
      <Link to={paths.signIn} className="btn btn-primary btn-sm">
        {t("signIn")}
      </Link>
    );
  }
  return (
    <nav aria-label={t("userMenu")} className="d-flex align-items-center gap-2 user-menu">
      {!session.pending && (
        <Link to={paths.profile} className="text-white user-name">
          {session.user.name}
        </Link>
      )}
      <button
        type="button"
        className="btn btn-outline-light btn-sm"
        onClick={async () => {
          await signOut();
          navigate(paths.signIn);
        }}
      >
        {t("signOut")}
      </button>
    </nav>
  );
}

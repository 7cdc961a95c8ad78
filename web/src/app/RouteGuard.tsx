import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useT } from "../i18n/use-t.ts";
import { Loading, Notice, PageTitle } from "../ui/index.ts";
import { navMessages } from "./navigation/messages.ts";
import { paths, type AppRoute } from "./routes.tsx";
import { useSession } from "./session.tsx";

/**
 * Sends visitors to sign-in, a half-signed-in session to its second factor (or to enrolment when
 * the organisation requires it), and refuses roles the route does not list.
 */
export function RouteGuard({ route, children }: { route: AppRoute; children: ReactNode }) {
  const t = useT(navMessages);
  const { session, loading, signedOut } = useSession();
  const location = useLocation();
  if (route.access === "public") return <>{children}</>;
  if (loading) return <Loading />;
  const here = `${location.pathname}${location.search}`;
  // after "Esci" the page left behind is not one to come back to; an expired session is
  if (!session) return <Navigate to={signedOut ? paths.signIn : `${paths.signIn}?next=${encodeURIComponent(here)}`} replace />;
  if (session.pending === "mfa_required") return <Navigate to={`${paths.mfaVerify}?next=${encodeURIComponent(here)}`} replace />;
  if (session.pending === "mfa_enrolment_required" && route.path !== paths.mfaEnrol) return <Navigate to={paths.mfaEnrol} replace />;
  if (route.roles && !(session.role && route.roles.includes(session.role))) {
    return (
      <>
        <PageTitle>{t("notAllowed")}</PageTitle>
        <Notice kind="warning">{t("notAllowedText")}</Notice>
      </>
    );
  }
  return <>{children}</>;
}

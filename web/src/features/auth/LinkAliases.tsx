import { Navigate, useLocation, useParams } from "react-router-dom";
import { paths } from "../../app/routes.tsx";

// The server's emails may use English paths (/password-reset?token=, /invitations/<token>);
// both land on the Italian pages.
export function PasswordResetAlias() {
  const { search } = useLocation();
  return <Navigate to={`${paths.passwordResetConfirm}${search}`} replace />;
}

export function InvitationAlias() {
  const { token } = useParams();
  return <Navigate to={`${paths.invitation}?token=${encodeURIComponent(token ?? "")}`} replace />;
}

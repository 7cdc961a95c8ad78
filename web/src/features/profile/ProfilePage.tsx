import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/use-t.ts";
import { Loading, PageTitle } from "../../ui/index.ts";
import { profileMessages } from "./messages.ts";
import { MfaSection } from "./MfaSection.tsx";
import { PasswordChangeForm } from "./PasswordChangeForm.tsx";
import { ProfileDetailsForm } from "./ProfileDetailsForm.tsx";
import { SessionsSection } from "./SessionsSection.tsx";

export function ProfilePage() {
  const t = useT(profileMessages);
  const { session } = useSession();
  if (!session) return <Loading />;
  return (
    <div className="row">
      <div className="col-12 col-lg-9">
        <PageTitle>{t("title")}</PageTitle>
        <ProfileDetailsForm key={session.user.locale} user={session.user} />
        <PasswordChangeForm user={session.user} />
        <MfaSection user={session.user} />
        <SessionsSection />
      </div>
    </div>
  );
}

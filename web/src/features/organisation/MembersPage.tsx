import { api, unwrap } from "../../api/client.ts";
import { useT } from "../../i18n/index.ts";
import { PageTitle, useAsync } from "../../ui/index.ts";
import { InvitationsSection } from "./InvitationsSection.tsx";
import { MembersList } from "./MembersList.tsx";
import { messages } from "./messages.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "./page-access.tsx";

/** /organizzazione/membri: members (search, role, removal) and, for those who may invite, invitations. */
export function MembersPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  return (
    <>
      <PageTitle>{t("membersTitle")}</PageTitle>
      {orgId ? <Members key={orgId} orgId={orgId} /> : <NoOrganisation />}
    </>
  );
}

// Keyed by organisation: switching organisation remounts it and loads the new one's members.
function Members({ orgId }: { orgId: string }) {
  const organisation = useAsync(() => unwrap(api.GET("/api/orgs/{orgId}", { params: { path: { orgId } } })), [orgId]);
  return (
    <PageData state={organisation}>
      {(org) => (
        <>
          <MembersList orgId={org.id} />
          {org.actions.includes("invite") && <InvitationsSection orgId={org.id} />}
        </>
      )}
    </PageData>
  );
}

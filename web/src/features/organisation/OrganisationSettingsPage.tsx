import { api, ApiError, unwrap } from "../../api/client.ts";
import { useT } from "../../i18n/index.ts";
import { PageTitle, useAsync } from "../../ui/index.ts";
import { messages } from "./messages.ts";
import { OrganisationDetailsForm } from "./OrganisationDetailsForm.tsx";
import { NoOrganisation, PageData, useCurrentOrgId } from "./page-access.tsx";
import { RelationshipsSection } from "./RelationshipsSection.tsx";

/** /organizzazione: the current organisation's details and its related organisations. */
export function OrganisationSettingsPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  return (
    <>
      <PageTitle>{t("settingsTitle")}</PageTitle>
      {orgId ? <OrganisationSettings key={orgId} orgId={orgId} /> : <NoOrganisation />}
    </>
  );
}

// Keyed by organisation: switching organisation remounts it, so forms never show stale values.
function OrganisationSettings({ orgId }: { orgId: string }) {
  const organisation = useAsync(async () => {
    const org = await unwrap(api.GET("/api/orgs/{orgId}", { params: { path: { orgId } } }));
    // settings are for those who may change them or review relationships; others are told so
    if (!org.actions.includes("update") && !org.actions.includes("listRelationships")) {
      throw new ApiError(403, "forbidden", "forbidden");
    }
    return org;
  }, [orgId]);
  return (
    <PageData state={organisation}>
      {(org) => (
        <>
          <OrganisationDetailsForm organisation={org} />
          {org.actions.includes("listRelationships") && <RelationshipsSection organisation={org} />}
        </>
      )}
    </PageData>
  );
}

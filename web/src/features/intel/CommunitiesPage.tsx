import { Link } from "react-router-dom";
import { useSession } from "../../app/session.tsx";
import type { SessionInfo } from "../../api/types.ts";
import { useT } from "../../i18n/index.ts";
import { PageTitle, useAsync } from "../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../organisation/page-access.tsx";
import { CommunityForm } from "./CommunityForm.tsx";
import { loadCommunities, loadRecipients } from "./intel-api.ts";
import { messages } from "./messages.ts";
import { intelPaths } from "./paths.ts";

// the server's rule (communityShelfPolicy.create): the admin of a coordinating body
const coordinatingTypes = ["regione", "provincia", "citta_metropolitana", "cert_police"];
const mayCreate = (s: SessionInfo) => {
  const current = s.organisations.find((o) => o.id === s.currentOrgId);
  return s.role === "admin" && (coordinatingTypes.includes(current?.type ?? "") || s.relatedOrganisations.some((o) => o.relation === "coordinator_of"));
};

/** /condivisione/comunita: the caller's communities, their members and moderators; moderators manage them. */
export function CommunitiesPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  return (
    <>
      <p>
        <Link to={intelPaths.hub}>{t("backToHub")}</Link>
      </p>
      <PageTitle>{t("communitiesTitle")}</PageTitle>
      {orgId ? <Communities key={orgId} /> : <NoOrganisation />}
    </>
  );
}

function Communities() {
  const t = useT(messages);
  const session = useSession().session!;
  const state = useAsync(async () => {
    const communities = await loadCommunities();
    return { communities, ...(await loadRecipients(session, communities)) };
  }, [session.currentOrgId]);
  return (
    <PageData state={state}>
      {({ communities, organisations, people }) => (
        <>
          <p className="lead">{t("communitiesIntro")}</p>
          {communities.length === 0 && <p>{t("communitiesEmpty")}</p>}
          {communities.map((c) => (
            <section key={c.id} aria-labelledby={`community-${c.id}-title`} className="mb-5" data-community={c.name}>
              <h2 id={`community-${c.id}-title`} className="h4">
                {c.name}
              </h2>
              {c.description && <p className="intel-pre">{c.description}</p>}
              <div className="row">
                <div className="col-12 col-md-6">
                  <h3 className="h6">{t("members")}</h3>
                  <ul>
                    {c.members.map((m) => (
                      <li key={m.orgId}>{m.name}</li>
                    ))}
                  </ul>
                </div>
                <div className="col-12 col-md-6">
                  <h3 className="h6">{t("moderators")}</h3>
                  <ul>
                    {c.moderators.map((m) => (
                      <li key={m.userId}>{m.name}</li>
                    ))}
                  </ul>
                </div>
              </div>
              {c.actions.includes("manage") && (
                <details>
                  <summary>{t("manageCommunity", { name: c.name })}</summary>
                  <CommunityForm community={c} organisations={organisations} people={people} onSaved={state.reload} />
                </details>
              )}
            </section>
          ))}
          {mayCreate(session) && (
            <section aria-labelledby="new-community-title" className="mb-4">
              <h2 id="new-community-title" className="h4">
                {t("newCommunity")}
              </h2>
              <CommunityForm organisations={organisations} people={people} onSaved={state.reload} />
            </section>
          )}
        </>
      )}
    </PageData>
  );
}

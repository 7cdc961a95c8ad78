import { Link } from "react-router-dom";
import { paths } from "../../app/routes.tsx";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/use-t.ts";
import { PageTitle } from "../../ui/index.ts";
import { homeMessages } from "./messages.ts";

// The modules that will fill the dashboard; each says what it will show, no data is invented.
const futureSections = ["assessments", "risks", "intel", "incidents", "academy"] as const;

export function HomePage() {
  const t = useT(homeMessages);
  const { session } = useSession();
  if (!session) return null;
  const org = session.organisations.find((o) => o.id === session.currentOrgId);
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <p className="lead">{t("welcome", { name: session.user.name })}</p>
      {org && session.role && <p>{t("actingFor", { org: org.name, role: t(`role.${session.role}`) })}</p>}
      {session.relatedOrganisations.length > 0 && (
        <>
          <p className="mb-1">{t("relatedIntro")}</p>
          <ul>
            {session.relatedOrganisations.map((r) => (
              <li key={r.id}>{t(r.relation, { org: r.name })}</li>
            ))}
          </ul>
        </>
      )}
      {!session.user.mfaEnabled && (
        <section className="mt-4" aria-labelledby="start-title">
          <h2 id="start-title" className="h4">
            {t("startTitle")}
          </h2>
          <Link to={paths.profile}>{t("startProfile")}</Link>
        </section>
      )}
      <section className="mt-5" aria-labelledby="coming-title">
        <h2 id="coming-title" className="h4">
          {t("comingTitle")}
        </h2>
        <p>{t("comingIntro")}</p>
        <div className="row g-4">
          {futureSections.map((s) => (
            <div className="col-12 col-md-6 col-lg-4" key={s}>
              <div className="card card-bg h-100">
                <div className="card-body">
                  <h3 className="card-title h5">{t(`section.${s}`)}</h3>
                  <p className="card-text">{t(`section.${s}.text`)}</p>
                </div>
              </div>
            </div>
          ))}
        </div>
      </section>
    </>
  );
}

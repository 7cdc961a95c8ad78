import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../app/session.tsx";
import { useLocale, useT } from "../../i18n/index.ts";
import { FormErrors, FormField, Notice, PageTitle, useAsync, useFormErrors } from "../../ui/index.ts";
import { NoOrganisation, PageData } from "../organisation/page-access.tsx";
import { CalendarFeed } from "./CalendarFeed.tsx";
import { LateList } from "./LateList.tsx";
import { formatEuro, todayIso, type ActionStatus, type ActionView } from "./model.ts";
import { RoadmapBoard } from "./RoadmapBoard.tsx";
import { roadmapMessages } from "./roadmap-messages.ts";
import { ActionsTable, RoadmapTimeline } from "./RoadmapTimeline.tsx";
import { loadAllActions, planOrgOf, type Action } from "./risks-api.ts";

const views = ["cronoprogramma", "bacheca", "ritardi", "tabella"] as const;
type View = (typeof views)[number];
const viewLabel = { cronoprogramma: "viewTimeline", bacheca: "viewBoard", ritardi: "viewLate", tabella: "viewTable" } as const;

/**
 * /piano: the improvement roadmap as a timeline, a board, the late list or a table. A provider's
 * member sees the plans of the entities it serves, limited by the server to its own actions.
 */
export function RoadmapPage() {
  const t = useT(roadmapMessages);
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const plan = session ? planOrgOf(session, params.get("ente")) : { orgId: null, clients: [] };
  const choose = (ente: string) => {
    const next = new URLSearchParams(params);
    next.set("ente", ente);
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageTitle>{t("roadmapTitle")}</PageTitle>
      {plan.clients.length > 0 && (
        <>
          <FormField id="plan-org" label={t("planOf")} value={plan.orgId ?? ""} onChange={choose} options={plan.clients.map((c) => ({ value: c.id, label: c.name }))} />
          <Notice kind="info">{t("onlyAssigned")}</Notice>
        </>
      )}
      {plan.orgId ? <Roadmap key={plan.orgId} orgId={plan.orgId} asProvider={plan.clients.length > 0} /> : <NoOrganisation />}
    </>
  );
}

function Roadmap({ orgId, asProvider }: { orgId: string; asProvider: boolean }) {
  const t = useT(roadmapMessages);
  const { locale } = useLocale();
  const role = useSession().session?.role;
  const [params] = useSearchParams();
  const view: View = views.find((v) => v === params.get("vista")) ?? "cronoprogramma";
  const state = useAsync(() => loadAllActions(orgId), [orgId]);
  const [changed, setChanged] = useState<Record<string, Action>>({});
  const [notice, setNotice] = useState<string>();
  const move = useFormErrors();
  const today = todayIso();
  const linkTo = (a: ActionView) => `/piano/azioni/${a.id}${asProvider ? `?ente=${orgId}` : ""}`;
  const viewHref = (v: View) => {
    const next = new URLSearchParams(params);
    next.set("vista", v);
    return `?${next.toString()}`;
  };

  return (
    <PageData state={state}>
      {(loaded) => {
        const actions = loaded.map((a) => changed[a.id] ?? a);
        const onMove = async (a: ActionView, status: ActionStatus) => {
          setNotice(undefined);
          const updated = await move.run(() => unwrap(api.PATCH("/api/orgs/{orgId}/actions/{actionId}", { params: { path: { orgId, actionId: a.id } }, body: { status } })));
          if (updated) {
            setChanged((c) => ({ ...c, [updated.id]: updated }));
            setNotice(t("moved", { ref: updated.ref, status: t(`status.${updated.status}`) }));
          }
        };
        const cost = actions.reduce((sum, a) => sum + (a.status === "cancelled" ? 0 : (a.estimatedCostCents ?? 0)), 0);
        return (
          <>
            <p className="lead">{t("roadmapIntro")}</p>
            <p>{t("summary", { total: actions.length, late: actions.filter((a) => a.late).length, cost: formatEuro(cost, locale) })}</p>
            <p className="d-flex flex-wrap gap-3 align-items-center">
              {!asProvider && (role === "admin" || role === "security_manager") && (
                <Link className="btn btn-primary" to="/piano/azioni/nuova">
                  {t("newAction")}
                </Link>
              )}
              <a href={`/api/orgs/${orgId}/actions/export.xlsx`} download>
                {t("exportXlsx")}
              </a>
              <a href={`/api/orgs/${orgId}/actions/report.pdf`} download>
                {t("exportPdf")}
              </a>
            </p>
            <CalendarFeed orgId={orgId} />
            <nav aria-label={t("views")} className="mb-4">
              <ul className="nav nav-tabs flex-wrap">
                {views.map((v) => (
                  <li className="nav-item" key={v}>
                    <Link className={`nav-link${v === view ? " active" : ""}`} aria-current={v === view ? "page" : undefined} to={viewHref(v)} replace>
                      {t(viewLabel[v])}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            {notice && <Notice kind="success">{notice}</Notice>}
            <FormErrors error={move.error} />
            {view === "cronoprogramma" && <RoadmapTimeline actions={actions} today={today} linkTo={linkTo} />}
            {view === "bacheca" && (
              <RoadmapBoard actions={actions.filter((a) => a.status !== "cancelled")} linkTo={linkTo} canMove={(a) => (actions.find((x) => x.id === a.id)?.actions ?? []).includes("update")} onMove={onMove} />
            )}
            {view === "ritardi" && <LateList actions={actions} today={today} linkTo={linkTo} />}
            {view === "tabella" && <ActionsTable actions={actions} linkTo={linkTo} caption={t("timelineCaption")} />}
          </>
        );
      }}
    </PageData>
  );
}

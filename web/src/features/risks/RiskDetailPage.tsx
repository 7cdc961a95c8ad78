import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable, FormErrors, Notice, PageTitle, useAsync, useFormErrors } from "../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../organisation/page-access.tsx";
import { messages } from "./messages.ts";
import { labelOf, stages, type StageName } from "./model.ts";
import { LevelBadge } from "./RiskHeatMap.tsx";
import { RiskHistory } from "./RiskHistory.tsx";
import { loadAllActions, loadMatrix, loadThreats, type Risk } from "./risks-api.ts";

/** /rischi/:id: the risk, its stages, treatment, review, history and linked actions. */
export function RiskDetailPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  const { id = "" } = useParams();
  if (!orgId) {
    return (
      <>
        <PageTitle>{t("registerTitle")}</PageTitle>
        <NoOrganisation />
      </>
    );
  }
  return <Detail key={`${orgId}/${id}`} orgId={orgId} riskId={id} />;
}

function Detail({ orgId, riskId }: { orgId: string; riskId: string }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const path = { orgId, riskId };
  const state = useAsync(async () => {
    const [risk, matrix, threats, actions] = await Promise.all([
      unwrap(api.GET("/api/orgs/{orgId}/risks/{riskId}", { params: { path } })),
      loadMatrix(orgId),
      loadThreats(),
      loadAllActions(orgId, { riskId }).catch(() => []),
    ]);
    return { risk, matrix, threats, actions };
  }, [orgId, riskId]);
  const [risk, setRisk] = useState<Risk | null>(null);
  const [notice, setNotice] = useState<string>();
  const [notes, setNotes] = useState("");
  const change = useFormErrors();
  const [historyVersion, setHistoryVersion] = useState(0);
  const date = (value: string | null | undefined) => (value ? new Date(value.length === 10 ? `${value}T00:00:00` : value).toLocaleDateString(locale) : t("none"));

  return (
    <>
      {!state.data && <PageTitle>{t("registerTitle")}</PageTitle>}
      <PageData state={state}>
        {(data) => {
          const shown = risk ?? data.risk;
          const threat = data.threats.find((th) => th.id === shown.threatId);
          const can = (action: string) => shown.actions.includes(action);
          const review = async () => {
            setNotice(undefined);
            const updated = await change.run(() => unwrap(api.POST("/api/orgs/{orgId}/risks/{riskId}/review", { params: { path }, body: notes.trim() ? { notes } : {} })));
            if (updated) {
              setRisk(updated);
              setNotes("");
              setNotice(t("reviewed", { date: date(updated.nextReviewOn) }));
            }
          };
          const setStatus = async (status: "open" | "closed") => {
            setNotice(undefined);
            const updated = await change.run(() => unwrap(api.PATCH("/api/orgs/{orgId}/risks/{riskId}", { params: { path }, body: { status } })));
            if (updated) {
              setRisk(updated);
              setHistoryVersion((v) => v + 1);
              setNotice(t("saved"));
            }
          };
          const stageRows = stages.map((s) => ({ stage: s, value: shown[s] }));
          return (
            <>
              <PageTitle>{`${shown.ref} ${shown.title}`}</PageTitle>
              <p>
                <Link to="/rischi">{t("backToRegister")}</Link>
              </p>
              {notice && <Notice kind="success">{notice}</Notice>}
              <FormErrors error={change.error} />
              {can("update") && (
                <p className="d-flex flex-wrap gap-2">
                  <Link className="btn btn-primary btn-sm" to={`/rischi/${shown.id}/modifica`}>
                    {t("edit")}
                  </Link>
                  <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => void setStatus(shown.status === "open" ? "closed" : "open")}>
                    {shown.status === "open" ? t("close") : t("reopen")}
                  </button>
                </p>
              )}
              <h2 className="h4">{t("detailsTitle")}</h2>
              <dl className="row">
                <dt className="col-sm-4">{t("threat")}</dt>
                <dd className="col-sm-8">{threat ? (locale === "en" ? threat.title.en : threat.title.it) : shown.threatId}</dd>
                {shown.description && (
                  <>
                    <dt className="col-sm-4">{t("description")}</dt>
                    <dd className="col-sm-8">{shown.description}</dd>
                  </>
                )}
                <dt className="col-sm-4">{t("affectedServices")}</dt>
                <dd className="col-sm-8">{shown.affectedServices ?? t("none")}</dd>
                <dt className="col-sm-4">{t("owner")}</dt>
                <dd className="col-sm-8">{shown.ownerName ?? t("none")}</dd>
                <dt className="col-sm-4">{t("status")}</dt>
                <dd className="col-sm-8">{t(`status.${shown.status}`)}</dd>
                <dt className="col-sm-4">{t("treatment")}</dt>
                <dd className="col-sm-8">
                  {t(shown.treatment ? `treatment.${shown.treatment}` : "treatment.none")}
                  {shown.treatmentNotes ? ` · ${shown.treatmentNotes}` : ""}
                  {shown.acceptance && (
                    <span className="d-block">
                      {t("acceptedBy", { name: shown.acceptance.approverName ?? t("none"), date: date(shown.acceptance.expiresOn), reason: shown.acceptance.reason })}
                    </span>
                  )}
                </dd>
                <dt className="col-sm-4">{t("lastReviewed")}</dt>
                <dd className="col-sm-8">{date(shown.lastReviewedAt)}</dd>
                <dt className="col-sm-4">{t("colNextReview")}</dt>
                <dd className="col-sm-8">{date(shown.nextReviewOn)}</dd>
                <dt className="col-sm-4">{t("gapsTitle")}</dt>
                <dd className="col-sm-8">{shown.gaps.length ? shown.gaps.map((g) => g.requirementId).join(", ") : t("none")}</dd>
              </dl>
              <DataTable<{ stage: StageName; value: Risk["current"] }>
                caption={t("scoresTitle")}
                rows={stageRows}
                rowKey={(r) => r.stage}
                columns={[
                  { header: t("colStage"), rowHeader: true, cell: (r) => t(`stage.${r.stage}`) },
                  { header: t("likelihood"), cell: (r) => (r.value ? labelOf(data.matrix.likelihoodLabels, r.value.likelihood, locale) : t("none")) },
                  { header: t("impact"), cell: (r) => (r.value ? labelOf(data.matrix.impactLabels, r.value.impact, locale) : t("none")) },
                  { header: t("level"), cell: (r) => <LevelBadge level={r.value?.level} /> },
                ]}
              />
              {can("review") && (
                <section aria-labelledby="review-title" className="mb-4">
                  <h2 id="review-title" className="h4">
                    {t("review")}
                  </h2>
                  <div className="form-group mb-3">
                    <label htmlFor="review-notes" className="active">
                      {t("reviewNotes")}
                    </label>
                    <textarea id="review-notes" className="form-control" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
                  </div>
                  <button type="button" className="btn btn-outline-primary" onClick={() => void review()}>
                    {t("review")}
                  </button>
                </section>
              )}
              <section aria-labelledby="linked-actions-title" className="mb-4">
                <h2 id="linked-actions-title" className="h4">
                  {t("linkedActions")}
                </h2>
                {data.actions.length === 0 ? (
                  <p>{t("linkedActionsEmpty")}</p>
                ) : (
                  <ul>
                    {data.actions.map((a) => (
                      <li key={a.id}>
                        <Link to={`/piano/azioni/${a.id}`}>{`${a.ref} ${a.title}`}</Link> · {a.status === "done" ? "✓ " : ""}
                        {a.progress}%{a.dueOn ? ` · ${date(a.dueOn)}` : ""}
                      </li>
                    ))}
                  </ul>
                )}
                {can("update") && <Link to={`/piano/azioni/nuova?riskId=${shown.id}`}>{t("newActionForRisk")}</Link>}
              </section>
              {can("history") && <RiskHistory key={historyVersion} orgId={orgId} riskId={riskId} matrix={data.matrix} />}
            </>
          );
        }}
      </PageData>
    </>
  );
}

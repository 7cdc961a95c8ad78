import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { api, ApiError, unwrap } from "../../api/client.ts";
import { useSession } from "../../app/session.tsx";
import { useLocale, useT } from "../../i18n/index.ts";
import { ConfirmButton, FormErrors, Notice, PageTitle, useAsync, useFormErrors } from "../../ui/index.ts";
import { loadCatalog, requirementsOf, textOf } from "../assessments/catalogs.ts";
import { NoOrganisation, PageData } from "../organisation/page-access.tsx";
import { ActionEvidence } from "./ActionEvidence.tsx";
import { ActionForm, type ActionDraft, type ActionFormChoices } from "./ActionForm.tsx";
import { csfFunctionOf } from "./model.ts";
import { roadmapMessages } from "./roadmap-messages.ts";
import { loadAllActions, loadGaps, loadMembers, loadRiskChoices, planOrgOf, type Action } from "./risks-api.ts";

/**
 * /piano/azioni/nuova (optionally ?riskId= or ?assessmentId=&requirementId= to start from a risk
 * or turn a gap into an action) and /piano/azioni/:id (edit, evidence).
 */
export function ActionFormPage() {
  const t = useT(roadmapMessages);
  const { session } = useSession();
  const [params] = useSearchParams();
  const { id } = useParams();
  const plan = session ? planOrgOf(session, params.get("ente")) : { orgId: null, clients: [] };
  if (!plan.orgId) {
    return (
      <>
        <PageTitle>{t("formNewTitle")}</PageTitle>
        <NoOrganisation />
      </>
    );
  }
  return <Page key={`${plan.orgId}/${id ?? "new"}`} orgId={plan.orgId} actionId={id} asProvider={plan.clients.length > 0} params={params} />;
}

/** The entity and its IT providers: who may carry out an action. */
async function loadOwners(orgId: string, name: string): Promise<{ id: string; name: string }[]> {
  const owners = [{ id: orgId, name }];
  try {
    const relationships = (await unwrap(api.GET("/api/orgs/{orgId}/relationships", { params: { path: { orgId } } }))).items;
    for (const r of relationships) if (r.kind === "provider_of" && r.toOrg.id === orgId) owners.push({ id: r.fromOrg.id, name: r.fromOrg.name });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
  return owners;
}

/** The title and function a gap suggests: the requirement's words, from the assessment's framework. */
async function draftFromGap(orgId: string, assessmentId: string, requirementId: string, locale: string): Promise<ActionDraft> {
  const gaps = [{ assessmentId, requirementId }];
  try {
    const assessment = await unwrap(api.GET("/api/orgs/{orgId}/assessments/{assessmentId}", { params: { path: { orgId, assessmentId } } }));
    const catalog = await loadCatalog(assessment.frameworkId);
    const requirement = catalog ? requirementsOf(catalog, null).find((r) => r.id === requirementId) : undefined;
    const title = requirement ? `${requirementId} ${textOf(requirement.title, locale)}`.slice(0, 200) : requirementId;
    return { title, csfFunction: csfFunctionOf(requirement?.functionNode.id ?? requirementId) ?? undefined, gaps, fromAssessment: assessment.title };
  } catch {
    return { title: requirementId, csfFunction: csfFunctionOf(requirementId) ?? undefined, gaps };
  }
}

function Page({ orgId, actionId, asProvider, params }: { orgId: string; actionId?: string; asProvider: boolean; params: URLSearchParams }) {
  const t = useT(roadmapMessages);
  const { locale } = useLocale();
  const { session } = useSession();
  const orgName = session?.organisations.find((o) => o.id === orgId)?.name ?? session?.relatedOrganisations.find((o) => o.id === orgId)?.name ?? "";
  const riskId = params.get("riskId");
  const assessmentId = params.get("assessmentId");
  const requirementId = params.get("requirementId");
  const state = useAsync(async () => {
    const action = actionId ? await unwrap(api.GET("/api/orgs/{orgId}/actions/{actionId}", { params: { path: { orgId, actionId } } })) : undefined;
    // a provider sees no more than its own actions: the pickers stay as the server allows
    const [owners, members, risks, gaps, others] = await Promise.all([
      asProvider ? Promise.resolve([]) : loadOwners(orgId, orgName),
      asProvider ? Promise.resolve([]) : loadMembers(orgId),
      loadRiskChoices(orgId),
      asProvider ? Promise.resolve([]) : loadGaps(orgId),
      loadAllActions(orgId).catch(() => []),
    ]);
    const draft: ActionDraft | undefined = actionId
      ? undefined
      : assessmentId && requirementId
        ? await draftFromGap(orgId, assessmentId, requirementId, locale)
        : riskId
          ? { riskIds: [riskId] }
          : undefined;
    const choices: ActionFormChoices = { owners, members, risks, gaps, others };
    return { action, choices, draft };
  }, [orgId, actionId, riskId, assessmentId, requirementId]);
  const [saved, setSaved] = useState<Action | null>(null);
  const back = `/piano${asProvider ? `?ente=${orgId}` : ""}`;
  const navigate = useNavigate();
  const removal = useFormErrors();
  const remove = async (id: string) => {
    const done = await removal.run(() => unwrap(api.DELETE("/api/orgs/{orgId}/actions/{actionId}", { params: { path: { orgId, actionId: id } } })).then(() => true));
    if (done) navigate(back);
  };

  return (
    <>
      {!state.data && <PageTitle>{actionId ? t("formEditTitle", { ref: "" }) : t("formNewTitle")}</PageTitle>}
      <PageData state={state}>
        {({ action: loaded, choices, draft }) => {
          const action = saved ?? loaded;
          return (
            <>
              <PageTitle>{action ? t("formEditTitle", { ref: `${action.ref} ${action.title}` }) : t("formNewTitle")}</PageTitle>
              <p>
                <Link to={back}>{t("backToRoadmap")}</Link>
              </p>
              {saved && <Notice kind="success">{t("saved")}</Notice>}
              {!action && draft?.fromAssessment && requirementId && <Notice kind="info">{t("fromGap", { requirement: requirementId, assessment: draft.fromAssessment })}</Notice>}
              <ActionForm key={action?.updatedAt ?? "new"} orgId={orgId} choices={choices} action={action} draft={draft} asProvider={asProvider} onSaved={setSaved} />
              {action && <ActionEvidence orgId={orgId} action={action} onChange={setSaved} />}
              {action?.actions.includes("delete") && (
                <p className="mt-5">
                  <ConfirmButton onConfirm={() => remove(action.id)}>{t("deleteAction")}</ConfirmButton>
                </p>
              )}
              <FormErrors error={removal.error} />
            </>
          );
        }}
      </PageData>
    </>
  );
}

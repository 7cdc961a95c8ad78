import { Link, useSearchParams } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/index.ts";
import { Loading, Notice, PageTitle, useAsync } from "../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../organisation/page-access.tsx";
import { messages } from "./messages.ts";
import type { HeatCell, StageName, Treatment } from "./model.ts";
import { RiskFilters, filterFrom, type RiskFilter } from "./RiskFilters.tsx";
import { RiskHeatMap } from "./RiskHeatMap.tsx";
import { RiskList } from "./RiskList.tsx";
import { loadMatrix, loadMembers, loadThreats, type RiskMatrix } from "./risks-api.ts";

/** /rischi: the register with its filters, the inherent and residual heat maps and the exports. */
export function RiskRegisterPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  return (
    <>
      <PageTitle>{t("registerTitle")}</PageTitle>
      {orgId ? <Register key={orgId} orgId={orgId} /> : <NoOrganisation />}
    </>
  );
}

/** "inherent:3:4" in the address: the heat map cell the list is narrowed to. */
export interface CellFilter {
  stage: StageName;
  likelihood: number;
  impact: number;
}

function cellFrom(value: string | null): CellFilter | null {
  const [stage, l, i] = value?.split(":") ?? [];
  if ((stage !== "inherent" && stage !== "residual") || !Number(l) || !Number(i)) return null;
  return { stage, likelihood: Number(l), impact: Number(i) };
}

function Register({ orgId }: { orgId: string }) {
  const t = useT(messages);
  const role = useSession().session?.role;
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const cell = cellFrom(params.get("cella"));
  const setup = useAsync(async () => {
    const [matrix, threats, owners] = await Promise.all([loadMatrix(orgId), loadThreats(), loadMembers(orgId)]);
    return { matrix, threats, owners };
  }, [orgId]);

  const update = (next: Partial<RiskFilter> & { cella?: string }) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    // a filter chosen by hand replaces the cell's
    if (!("cella" in next) && ("level" in next || "stage" in next)) merged.delete("cella");
    setParams(merged, { replace: true });
  };
  const chooseCell = (stage: StageName, c: HeatCell) => {
    const same = cell?.stage === stage && cell.likelihood === c.likelihood && cell.impact === c.impact;
    update(same ? { cella: "", level: "", stage: "" } : { cella: `${stage}:${c.likelihood}:${c.impact}`, level: c.level, stage });
  };
  // the server's own rule: admin and security manager manage the register
  const manages = role === "admin" || role === "security_manager";

  return (
    <PageData state={setup}>
      {({ matrix, threats, owners }) => (
        <>
          <p className="lead">{t("registerIntro")}</p>
          <p className="d-flex flex-wrap gap-3">
            {manages && (
              <Link className="btn btn-primary" to="/rischi/nuovo">
                {t("newRisk")}
              </Link>
            )}
            {matrix.actions.includes("update") && <Link to="/rischi/matrice">{t("matrixLink")}</Link>}
            <a href={`/api/orgs/${orgId}/risks/export.xlsx`} download>
              {t("exportXlsx")}
            </a>
            <a href={`/api/orgs/${orgId}/risks/report.pdf`} download>
              {t("exportPdf")}
            </a>
          </p>
          <RiskFilters key={filter.q} filter={filter} threats={threats} owners={owners} onChange={update} />
          <HeatMaps orgId={orgId} matrix={matrix} filter={filter} cell={cell} onSelect={chooseCell} />
          {cell && (
            <Notice kind="info">
              {t("cellFilter", { likelihood: cell.likelihood, impact: cell.impact, stage: t(`stage.${cell.stage}`).split(" (")[0]! })}{" "}
              <button type="button" className="btn btn-link p-0 align-baseline" onClick={() => update({ cella: "", level: "", stage: "" })}>
                {t("removeCellFilter")}
              </button>
            </Notice>
          )}
          <RiskList orgId={orgId} filter={filter} cell={cell} threats={threats} />
        </>
      )}
    </PageData>
  );
}

/** Inherent and residual side by side, with the filters that make sense for a heat map. */
function HeatMaps({ orgId, matrix, filter, cell, onSelect }: {
  orgId: string;
  matrix: RiskMatrix;
  filter: RiskFilter;
  cell: CellFilter | null;
  onSelect: (stage: StageName, c: HeatCell) => void;
}) {
  const t = useT(messages);
  const query = {
    ...(filter.threatId ? { threatId: filter.threatId } : {}),
    ...(filter.treatment ? { treatment: filter.treatment as Treatment } : {}),
    ...(filter.status ? { status: filter.status as "open" | "closed" } : {}),
  };
  const maps = useAsync(
    () =>
      Promise.all(
        (["inherent", "residual"] as const).map((stage) =>
          unwrap(api.GET("/api/orgs/{orgId}/risks/heatmap", { params: { path: { orgId }, query: { stage, ...query } } })),
        ),
      ),
    [orgId, filter.threatId, filter.treatment, filter.status],
  );
  return (
    <section aria-labelledby="heat-title" className="mb-4">
      <h2 id="heat-title" className="h4">
        {t("heatTitle")}
      </h2>
      <p>{t("heatHint")}</p>
      {!maps.data ? (
        <Loading />
      ) : (
        <div className="row">
          {maps.data.map((map) => (
            <div key={map.stage} className="col-12 col-lg-6">
              <RiskHeatMap
                matrix={matrix}
                stage={map.stage}
                cells={map.cells}
                selected={cell?.stage === map.stage ? cell : null}
                onSelect={(c) => onSelect(map.stage, c)}
              />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

import { Link, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable, PageTitle, useAsync } from "../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../organisation/page-access.tsx";
import { loadCatalog, textOf } from "./catalogs.ts";
import { BenchmarkPanel } from "./BenchmarkPanel.tsx";
import { HeatMap } from "./HeatMap.tsx";
import { RadarChart } from "./RadarChart.tsx";
import { TrendChart } from "./TrendChart.tsx";
import { messages } from "./messages.ts";
import { formatPercent, ScoreChart } from "./ScoreChart.tsx";
import { useGapActionColumn } from "../risks/gap-action-column.tsx";

type Score = Schemas["AssessmentGroupScore"];
type Results = Schemas["AssessmentResults"];
type Gap = Results["gaps"][number];

/** /valutazioni/:id/risultati: scores by function and category, a chart and the gap list. */
export function ResultsPage() {
  const t = useT(messages);
  const orgId = useCurrentOrgId();
  const { id = "" } = useParams();
  if (!orgId) {
    return (
      <>
        <PageTitle>{t("resultsTitle", { title: "" })}</PageTitle>
        <NoOrganisation />
      </>
    );
  }
  return <Results key={`${orgId}/${id}`} orgId={orgId} assessmentId={id} />;
}

/** The results of one assessment; `back` replaces the link to the answering page (a coordinator reads another entity's). */
export function Results({ orgId, assessmentId, back }: { orgId: string; assessmentId: string; back?: { to: string; label: string } }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const path = { orgId, assessmentId };
  // a gap becomes a roadmap action (issue 4): a link per row, for the organisation's managers
  const gapActions = useGapActionColumn(orgId, assessmentId);
  const state = useAsync(
    async () => {
      const assessment = await unwrap(api.GET("/api/orgs/{orgId}/assessments/{assessmentId}", { params: { path } }));
      const results = await unwrap(api.GET("/api/orgs/{orgId}/assessments/{assessmentId}/results", { params: { path } }));
      // the radar's outer ring is the top of the framework's maturity scale
      const scale = (await loadCatalog(assessment.frameworkId))?.maturityScale.map((s) => s.value) ?? [];
      return { assessment, results, maxMaturity: Math.max(1, ...scale) };
    },
    [orgId, assessmentId],
  );
  const percent = (v: number | null) => (v === null ? t("notAvailable") : formatPercent(v, locale));
  const number = (v: number | null) => (v === null ? t("notAvailable") : v.toLocaleString(locale, { maximumFractionDigits: 2 }));
  // the catalog's scale: 1 normal, 2 high, 3 critical (docs/CATALOG-FORMAT.md)
  const importanceLabel = (v: number) => (v === 1 || v === 2 || v === 3 ? t(`importance${v}` as const) : number(v));
  const scoreColumns = [
    { header: t("colGroup"), rowHeader: true, cell: (s: Score) => `${s.id} ${textOf(s.title, locale)}` },
    { header: t("colRequirements"), cell: (s: Score) => s.requirements },
    { header: t("colAnswered"), cell: (s: Score) => s.answered },
    { header: t("colNotApplicable"), cell: (s: Score) => s.notApplicable },
    { header: t("colCompliance"), cell: (s: Score) => percent(s.compliancePercent) },
    { header: t("colCurrent"), cell: (s: Score) => number(s.averageCurrentMaturity) },
    { header: t("colTarget"), cell: (s: Score) => number(s.averageTargetMaturity) },
  ];
  return (
    <>
      {!state.data && <PageTitle>{t("resultsTitle", { title: "" })}</PageTitle>}
      <PageData state={state}>
        {({ assessment, results, maxMaturity }) => (
          <>
            <PageTitle>{t("resultsTitle", { title: assessment.title })}</PageTitle>
            <p>
              <Link to={back?.to ?? `/valutazioni/${assessment.id}`}>{back?.label ?? t("backToAssessment")}</Link>
            </p>
            <p className="lead">{t("overall", { percent: percent(results.overall.compliancePercent) })}</p>
            <p>{t("formula")}</p>
            <ScoreChart scores={results.functions} />
            <DataTable<Score> caption={t("byFunction")} rows={results.functions} rowKey={(s) => s.id} columns={scoreColumns} />
            <DataTable<Score> caption={t("byCategory")} rows={results.categories} rowKey={(s) => s.id} columns={scoreColumns} />
            <RadarChart scores={results.functions} maxMaturity={maxMaturity} />
            <HeatMap scores={results.categories} />
            <TrendChart orgId={orgId} assessmentId={assessment.id} />
            <BenchmarkPanel orgId={orgId} assessmentId={assessment.id} />
            <h2 className="h4">{t("gapsTitle")}</h2>
            <DataTable<Gap>
              caption={t("gapsCaption")}
              rows={results.gaps}
              rowKey={(g) => g.requirementId}
              empty={t("gapsEmpty")}
              columns={[
                { header: t("colRequirement"), rowHeader: true, cell: (g) => g.requirementId },
                { header: t("colFunction"), cell: (g) => g.functionId },
                { header: t("currentMaturity"), cell: (g) => g.currentMaturity },
                { header: t("targetMaturity"), cell: (g) => g.targetMaturity },
                { header: t("colImportance"), cell: (g) => importanceLabel(g.importance) },
                { header: t("colDistance"), cell: (g) => number(g.weightedDistance) },
                ...gapActions,
              ]}
            />
          </>
        )}
      </PageData>
    </>
  );
}

import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable, FormErrors, Loading, Notice, useAsync } from "../../ui/index.ts";
import { messages as organisationMessages } from "../organisation/messages.ts";
import { isNotAllowed } from "../organisation/page-access.tsx";
import { BenchmarkChart, type BenchmarkRow } from "./BenchmarkChart.tsx";
import { textOf } from "./catalogs.ts";
import { coordinationMessages } from "./coordination-messages.ts";
import { formatPercent } from "./ScoreChart.tsx";

type Benchmark = Schemas["PeerBenchmark"];

/** The assessment's compliance by function next to the median and quartiles of its peers. */
export function BenchmarkPanel({ orgId, assessmentId }: { orgId: string; assessmentId: string }) {
  const t = useT(coordinationMessages);
  const state = useAsync(
    () => unwrap(api.GET("/api/orgs/{orgId}/assessments/{assessmentId}/benchmark", { params: { path: { orgId, assessmentId } } })),
    [orgId, assessmentId],
  );
  return (
    <section className="mb-4" aria-labelledby="benchmark-title">
      <h2 className="h4" id="benchmark-title">
        {t("benchmarkTitle")}
      </h2>
      {state.error ? isNotAllowed(state.error) ? null : <FormErrors error={state.error} /> : state.data ? <Figures benchmark={state.data} /> : <Loading />}
    </section>
  );
}

function rowsOf(benchmark: Benchmark): BenchmarkRow[] {
  const own = new Map((benchmark.own?.functions ?? []).map((f) => [f.id, f.compliancePercent]));
  return (benchmark.functions ?? []).map((f) => ({ id: f.id, title: f.title, own: own.get(f.id) ?? null, peers: f.compliancePercent }));
}

function Figures({ benchmark }: { benchmark: Benchmark }) {
  const t = useT(coordinationMessages);
  const tOrg = useT(organisationMessages);
  const { locale } = useLocale();
  const type = tOrg(`type.${benchmark.organisationType}` as "type.comune").toLocaleLowerCase(locale);
  if (!benchmark.available) {
    return (
      <Notice kind="info">
        {t("benchmarkUnavailable", { minimum: benchmark.minimumContributors, count: benchmark.contributors, type })}
      </Notice>
    );
  }
  const p = (v: number | null | undefined) => (v == null ? t("notAvailable") : formatPercent(v, locale));
  const difference = (r: BenchmarkRow) => {
    if (r.own === null || !r.peers) return t("notAvailable");
    const points = Math.round((r.own - r.peers.median) * 10) / 10;
    return t("points", { value: `${points > 0 ? "+" : ""}${points.toLocaleString(locale)}` });
  };
  const rows = rowsOf(benchmark);
  return (
    <>
      <p>{t("benchmarkIntro", { count: benchmark.contributors, type })}</p>
      {benchmark.overall && <p className="lead">{t("benchmarkOverall", { own: p(benchmark.own?.compliancePercent), median: p(benchmark.overall.median) })}</p>}
      <BenchmarkChart rows={rows} />
      <DataTable<BenchmarkRow>
        caption={t("benchmarkCaption")}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t("colFunction"), rowHeader: true, cell: (r) => `${r.id} ${textOf(r.title, locale)}` },
          { header: t("colOwn"), cell: (r) => p(r.own) },
          { header: t("colMedian"), cell: (r) => (r.peers ? p(r.peers.median) : t("tooFewForFunction")) },
          { header: t("colQ1"), cell: (r) => p(r.peers?.q1) },
          { header: t("colQ3"), cell: (r) => p(r.peers?.q3) },
          { header: t("colDifference"), cell: difference },
        ]}
      />
    </>
  );
}

import { api, unwrap } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable, Loading, useAsync } from "../../ui/index.ts";
import { collaborationMessages } from "./collaboration-messages.ts";
import { formatPercent } from "./ScoreChart.tsx";

interface Cycle {
  id: string;
  title: string;
  compliancePercent: number | null;
}

// a chain longer than this is not a yearly cycle any more; it also bounds the calls
const MAX_CYCLES = 10;

/** Overall compliance along the assessment's previousId chain, oldest first. */
async function loadCycles(orgId: string, assessmentId: string): Promise<Cycle[]> {
  const cycles: Cycle[] = [];
  let id: string | null = assessmentId;
  while (id && cycles.length < MAX_CYCLES) {
    const path: { orgId: string; assessmentId: string } = { orgId, assessmentId: id };
    const assessment = await unwrap(api.GET("/api/orgs/{orgId}/assessments/{assessmentId}", { params: { path } }));
    const results = await unwrap(api.GET("/api/orgs/{orgId}/assessments/{assessmentId}/results", { params: { path } }));
    cycles.unshift({ id: assessment.id, title: assessment.title, compliancePercent: results.overall.compliancePercent });
    id = assessment.previousId;
  }
  return cycles;
}

const width = 600;
const height = 200;
const pad = { left: 44, right: 16, top: 16, bottom: 28 };

/** A small line chart of compliance per cycle, with its text alternative and table. */
export function TrendChart({ orgId, assessmentId }: { orgId: string; assessmentId: string }) {
  const t = useT(collaborationMessages);
  const { locale } = useLocale();
  const state = useAsync(() => loadCycles(orgId, assessmentId), [orgId, assessmentId]);
  const value = (c: Cycle) => (c.compliancePercent === null ? t("notAvailable") : formatPercent(c.compliancePercent, locale));
  if (state.error) return null;
  if (!state.data) return <Loading />;
  const cycles = state.data;
  const step = cycles.length > 1 ? (width - pad.left - pad.right) / (cycles.length - 1) : 0;
  const x = (i: number) => pad.left + (cycles.length > 1 ? i * step : (width - pad.left - pad.right) / 2);
  const y = (p: number) => pad.top + (1 - p / 100) * (height - pad.top - pad.bottom);
  const points = cycles.map((c, i) => `${x(i)},${y(c.compliancePercent ?? 0)}`).join(" ");
  const alt = t("trendAlt", { items: cycles.map((c) => `${c.title} ${value(c)}`).join("; ") });
  return (
    <figure className="mb-4">
      <figcaption className="h5">{t("trendTitle")}</figcaption>
      <svg role="img" aria-label={alt} viewBox={`0 0 ${width} ${height}`} className="w-100 trend-chart">
        {[0, 50, 100].map((p) => (
          <g key={p}>
            <line x1={pad.left} y1={y(p)} x2={width - pad.right} y2={y(p)} stroke="#c5c7c9" />
            <text x={pad.left - 6} y={y(p) + 4} fontSize={11} textAnchor="end" fill="#1a1a1a">{`${p}%`}</text>
          </g>
        ))}
        <polyline points={points} fill="none" stroke="#0066cc" strokeWidth={2} />
        {cycles.map((c, i) => (
          <g key={c.id}>
            <circle cx={x(i)} cy={y(c.compliancePercent ?? 0)} r={4} fill="#0066cc" />
            <text x={x(i)} y={height - 8} fontSize={11} textAnchor="middle" fill="#1a1a1a">
              {String(i + 1)}
            </text>
          </g>
        ))}
      </svg>
      <DataTable<Cycle>
        caption={t("trendCaption")}
        rows={cycles}
        rowKey={(c) => c.id}
        columns={[
          { header: t("colCycle"), rowHeader: true, cell: (c) => `${cycles.indexOf(c) + 1}. ${c.title}` },
          { header: t("colCompliance"), cell: (c) => value(c) },
        ]}
      />
    </figure>
  );
}

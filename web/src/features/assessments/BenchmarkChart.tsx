import { useLocale, useT } from "../../i18n/index.ts";
import { textOf, type LocalizedText } from "./catalogs.ts";
import { coordinationMessages } from "./coordination-messages.ts";
import { formatPercent } from "./ScoreChart.tsx";

export interface BenchmarkRow {
  id: string;
  title: LocalizedText;
  own: number | null;
  /** null when too few peers have a figure for this function */
  peers: { q1: number; median: number; q3: number } | null;
}

const colours = { track: "#e6e9f2", range: "#8fb8e6", median: "#1a1a1a", own: "#a0202a" };

/**
 * Per function, on a 0-100% scale: the peers' middle half (first to third quartile) as a band,
 * their median as a line, this entity as a dot. One image with a text alternative; the table
 * under it gives the same figures, and the legend names each mark, so colour is never the only cue.
 */
export function BenchmarkChart({ rows }: { rows: BenchmarkRow[] }) {
  const t = useT(coordinationMessages);
  const { locale } = useLocale();
  const rowHeight = 40;
  const labelWidth = 220;
  const scale = 400;
  const x = (percent: number) => labelWidth + (percent / 100) * scale;
  const p = (v: number | null) => (v === null ? t("notAvailable") : formatPercent(v, locale));
  const alt = t("benchmarkChartAlt", {
    items: rows
      .map((r) => `${r.id} ${textOf(r.title, locale)}: ${p(r.own)}; ${r.peers ? `${p(r.peers.median)}; ${p(r.peers.q1)}–${p(r.peers.q3)}` : t("tooFewForFunction")}`)
      .join(". "),
  });
  return (
    <figure className="mb-3">
      <figcaption className="h5">{t("benchmarkChartTitle")}</figcaption>
      <svg role="img" aria-label={alt} viewBox={`0 0 ${labelWidth + scale + 20} ${rows.length * rowHeight + 30}`} className="w-100 score-chart">
        {[0, 25, 50, 75, 100].map((tick) => (
          <text key={tick} x={x(tick)} y={rows.length * rowHeight + 24} fontSize={12} textAnchor="middle" fill="#1a1a1a">
            {formatPercent(tick, locale)}
          </text>
        ))}
        {rows.map((r, i) => {
          const y = i * rowHeight + 5;
          return (
            <g key={r.id}>
              <text x={0} y={y + 22} fontSize={14} fill="#1a1a1a">
                {`${r.id} ${textOf(r.title, locale)}`.slice(0, 28)}
              </text>
              <rect x={x(0)} y={y + 8} width={scale} height={20} fill={colours.track} />
              {r.peers && (
                <>
                  <rect x={x(r.peers.q1)} y={y + 8} width={Math.max(2, x(r.peers.q3) - x(r.peers.q1))} height={20} fill={colours.range} />
                  <rect x={x(r.peers.median) - 1.5} y={y + 4} width={3} height={28} fill={colours.median} />
                </>
              )}
              {r.own !== null && <circle cx={x(r.own)} cy={y + 18} r={7} fill={colours.own} stroke="#ffffff" strokeWidth={2} />}
            </g>
          );
        })}
      </svg>
      <ul className="list-unstyled small d-flex flex-wrap gap-3 mb-0">
        <li>
          <svg width="16" height="16" aria-hidden="true" className="me-1 align-middle">
            <circle cx="8" cy="8" r="6" fill={colours.own} />
          </svg>
          {t("benchmarkLegendOwn")}
        </li>
        <li>
          <svg width="16" height="16" aria-hidden="true" className="me-1 align-middle">
            <rect x="6" y="0" width="3" height="16" fill={colours.median} />
          </svg>
          {t("benchmarkLegendMedian")}
        </li>
        <li>
          <svg width="24" height="16" aria-hidden="true" className="me-1 align-middle">
            <rect x="0" y="3" width="24" height="10" fill={colours.range} />
          </svg>
          {t("benchmarkLegendRange")}
        </li>
      </ul>
    </figure>
  );
}

import "./assessments.css";
import { useLocale, useT } from "../../i18n/index.ts";
import { coordinationMessages } from "./coordination-messages.ts";
import type { CoordinatedRow } from "./coordinated-rows.ts";
import { formatPercent } from "./ScoreChart.tsx";

/**
 * Overall compliance of each shared assessment as horizontal bars, in the table's order. One
 * image with a text alternative listing every value; the table under it gives the same figures.
 */
export function CoordinatedChart({ rows, labelOf }: { rows: CoordinatedRow[]; labelOf: (row: CoordinatedRow) => string }) {
  const t = useT(coordinationMessages);
  const { locale } = useLocale();
  const rowHeight = 34;
  const labelWidth = 260;
  const barWidth = 380;
  const value = (r: CoordinatedRow) => (r.compliancePercent === null ? t("notAvailable") : formatPercent(r.compliancePercent, locale));
  const alt = t("coordinatedChartAlt", { items: rows.map((r) => `${labelOf(r)} ${value(r)}`).join("; ") });
  return (
    <figure className="mb-4">
      <figcaption className="h5">{t("coordinatedChartTitle")}</figcaption>
      <svg role="img" aria-label={alt} viewBox={`0 0 ${labelWidth + barWidth + 80} ${rows.length * rowHeight + 10}`} className="w-100 score-chart">
        {rows.map((r, i) => {
          const y = i * rowHeight + 5;
          const label = labelOf(r);
          return (
            <g key={r.id}>
              <text x={0} y={y + 21} fontSize={14} fill="#1a1a1a">
                {label.length > 32 ? `${label.slice(0, 31)}…` : label}
              </text>
              <rect x={labelWidth} y={y + 6} width={barWidth} height={20} fill="#e6e9f2" />
              <rect x={labelWidth} y={y + 6} width={((r.compliancePercent ?? 0) / 100) * barWidth} height={20} fill="#0066cc" />
              <text x={labelWidth + barWidth + 8} y={y + 21} fontSize={14} fill="#1a1a1a">
                {value(r)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

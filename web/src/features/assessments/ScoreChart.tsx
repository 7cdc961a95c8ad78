import "./assessments.css";
import type { Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { textOf } from "./catalogs.ts";
import { messages } from "./messages.ts";

type Score = Schemas["AssessmentGroupScore"];

/**
 * Horizontal bars of compliance per function, drawn by hand. The SVG is one image with a text
 * alternative listing every value; the data table under the chart gives the same figures.
 */
export function ScoreChart({ scores }: { scores: Score[] }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const rowHeight = 36;
  const labelWidth = 220;
  const barWidth = 400;
  const height = scores.length * rowHeight + 10;
  const value = (s: Score) => (s.compliancePercent === null ? t("notAvailable") : `${formatPercent(s.compliancePercent, locale)}`);
  const alt = t("chartAlt", { items: scores.map((s) => `${s.id} ${textOf(s.title, locale)} ${value(s)}`).join("; ") });
  return (
    <figure className="mb-4">
      <figcaption className="h5">{t("chartTitle")}</figcaption>
      <svg role="img" aria-label={alt} viewBox={`0 0 ${labelWidth + barWidth + 80} ${height}`} className="w-100 score-chart">
        {scores.map((s, i) => {
          const y = i * rowHeight + 5;
          const width = ((s.compliancePercent ?? 0) / 100) * barWidth;
          return (
            <g key={s.id}>
              <text x={0} y={y + 22} fontSize={14} fill="#1a1a1a">
                {`${s.id} ${textOf(s.title, locale)}`.slice(0, 28)}
              </text>
              <rect x={labelWidth} y={y + 6} width={barWidth} height={22} fill="#e6e9f2" />
              <rect x={labelWidth} y={y + 6} width={width} height={22} fill="#0066cc" />
              <text x={labelWidth + barWidth + 8} y={y + 22} fontSize={14} fill="#1a1a1a">
                {value(s)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function formatPercent(value: number, locale: string): string {
  return `${value.toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
}

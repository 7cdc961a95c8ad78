import type { Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable } from "../../ui/index.ts";
import { textOf } from "./catalogs.ts";
import { collaborationMessages } from "./collaboration-messages.ts";

type Score = Schemas["AssessmentGroupScore"];

const size = 360;
const centre = size / 2;
const radius = 130;

/**
 * The functions on a radar: average current maturity (solid) against target (dashed), drawn by
 * hand. One image with a text alternative naming every value; the table below gives the figures.
 */
export function RadarChart({ scores, maxMaturity }: { scores: Score[]; maxMaturity: number }) {
  const t = useT(collaborationMessages);
  const { locale } = useLocale();
  const n = Math.max(scores.length, 3);
  const point = (i: number, value: number) => {
    const angle = (Math.PI * 2 * i) / n - Math.PI / 2;
    const r = (Math.min(value, maxMaturity) / maxMaturity) * radius;
    return [centre + r * Math.cos(angle), centre + r * Math.sin(angle)] as const;
  };
  const polygon = (values: number[]) => values.map((v, i) => point(i, v).join(",")).join(" ");
  const number = (v: number | null) => (v === null ? t("notAvailable") : v.toLocaleString(locale, { maximumFractionDigits: 2 }));
  const alt = t("radarAlt", {
    items: scores.map((s) => `${s.id} ${t("current")} ${number(s.averageCurrentMaturity)}, ${t("target")} ${number(s.averageTargetMaturity)}`).join("; "),
  });
  const rings = Array.from({ length: maxMaturity }, (_, i) => i + 1);
  return (
    <figure className="mb-4">
      <figcaption className="h5">{t("radarTitle")}</figcaption>
      <svg role="img" aria-label={alt} viewBox={`0 0 ${size} ${size}`} className="w-100 radar-chart">
        {rings.map((level) => (
          <polygon key={level} points={polygon(scores.map(() => level))} fill="none" stroke="#c5c7c9" strokeWidth={1} />
        ))}
        {scores.map((s, i) => {
          const [x, y] = point(i, maxMaturity);
          const [lx, ly] = point(i, maxMaturity * 1.15);
          return (
            <g key={s.id}>
              <line x1={centre} y1={centre} x2={x} y2={y} stroke="#c5c7c9" />
              <text x={lx} y={ly + 4} fontSize={13} textAnchor="middle" fill="#1a1a1a">
                {s.id}
              </text>
            </g>
          );
        })}
        <polygon points={polygon(scores.map((s) => s.averageTargetMaturity ?? 0))} fill="none" stroke="#a66300" strokeWidth={2} strokeDasharray="6 4" />
        <polygon points={polygon(scores.map((s) => s.averageCurrentMaturity ?? 0))} fill="#0066cc" fillOpacity={0.25} stroke="#0066cc" strokeWidth={2} />
        <g fontSize={12} fill="#1a1a1a">
          <line x1={10} y1={size - 30} x2={34} y2={size - 30} stroke="#0066cc" strokeWidth={2} />
          <text x={40} y={size - 26}>{t("current")}</text>
          <line x1={10} y1={size - 12} x2={34} y2={size - 12} stroke="#a66300" strokeWidth={2} strokeDasharray="6 4" />
          <text x={40} y={size - 8}>{t("target")}</text>
        </g>
      </svg>
      <DataTable<Score>
        caption={t("radarCaption")}
        rows={scores}
        rowKey={(s) => s.id}
        columns={[
          { header: t("colGroup"), rowHeader: true, cell: (s) => `${s.id} ${textOf(s.title, locale)}` },
          { header: t("current"), cell: (s) => number(s.averageCurrentMaturity) },
          { header: t("target"), cell: (s) => number(s.averageTargetMaturity) },
        ]}
      />
    </figure>
  );
}

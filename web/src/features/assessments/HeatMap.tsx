import type { Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable } from "../../ui/index.ts";
import { textOf } from "./catalogs.ts";
import { collaborationMessages } from "./collaboration-messages.ts";
import { formatPercent } from "./ScoreChart.tsx";

type Score = Schemas["AssessmentGroupScore"];

const columns = 6;
const cell = { width: 110, height: 56 };

/** Red (0%) to green (100%) through amber; every cell also prints its id and value, so colour is never the only cue. */
function colourOf(percent: number | null): { fill: string; text: string } {
  if (percent === null) return { fill: "#e6e9f2", text: "#1a1a1a" };
  if (percent < 34) return { fill: "#a0202a", text: "#ffffff" };
  if (percent < 67) return { fill: "#f2c14e", text: "#1a1a1a" };
  return { fill: "#1b6e3a", text: "#ffffff" };
}

/** The categories as a grid of cells coloured by compliance, with a text alternative and a table. */
export function HeatMap({ scores }: { scores: Score[] }) {
  const t = useT(collaborationMessages);
  const { locale } = useLocale();
  const value = (s: Score) => (s.compliancePercent === null ? t("notAvailable") : formatPercent(s.compliancePercent, locale));
  const rows = Math.max(1, Math.ceil(scores.length / columns));
  const alt = t("heatAlt", { items: scores.map((s) => `${s.id} ${value(s)}`).join("; ") });
  return (
    <figure className="mb-4">
      <figcaption className="h5">{t("heatTitle")}</figcaption>
      <svg role="img" aria-label={alt} viewBox={`0 0 ${columns * cell.width} ${rows * cell.height}`} className="w-100 heat-map">
        {scores.map((s, i) => {
          const x = (i % columns) * cell.width;
          const y = Math.floor(i / columns) * cell.height;
          const colour = colourOf(s.compliancePercent);
          return (
            <g key={s.id}>
              <rect x={x + 2} y={y + 2} width={cell.width - 4} height={cell.height - 4} fill={colour.fill} rx={4} />
              <text x={x + cell.width / 2} y={y + 24} fontSize={13} textAnchor="middle" fill={colour.text}>
                {s.id}
              </text>
              <text x={x + cell.width / 2} y={y + 42} fontSize={13} textAnchor="middle" fill={colour.text}>
                {value(s)}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable<Score>
        caption={t("heatCaption")}
        rows={scores}
        rowKey={(s) => s.id}
        columns={[
          { header: t("colGroup"), rowHeader: true, cell: (s) => `${s.id} ${textOf(s.title, locale)}` },
          { header: t("colCompliance"), cell: (s) => value(s) },
        ]}
      />
    </figure>
  );
}

import "./risks.css";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable } from "../../ui/index.ts";
import { messages } from "./messages.ts";
import { fullGrid, labelOf, type HeatCell, type Level, type MatrixShape, type StageName } from "./model.ts";

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A level's name on its colour. */
export function LevelBadge({ level }: { level: Level | null | undefined }) {
  const t = useT(messages);
  if (!level) return <span className="risk-level risk-level-none">{t("notScored")}</span>;
  return <span className={`risk-level risk-level-${level}`}>{t(`level.${level}`)}</span>;
}

/**
 * The register on the organisation's matrix: likelihood rows (highest on top) by impact columns,
 * each cell a button with its count that filters the list. The grid is a real table (headers
 * read with each cell); a sentence and a table of the non-empty cells give the same figures.
 */
export function RiskHeatMap({ matrix, stage, cells, selected, onSelect }: {
  matrix: MatrixShape;
  stage: StageName;
  cells: HeatCell[];
  /** the cell the list is filtered on, if it is in this map */
  selected?: { likelihood: number; impact: number } | null;
  onSelect?: (cell: HeatCell) => void;
}) {
  const t = useT(messages);
  const { locale } = useLocale();
  const grid = fullGrid(matrix, cells);
  const stageName = t(`stage.${stage}`).split(" (")[0]!.toLowerCase();
  const lLabel = (l: number) => labelOf(matrix.likelihoodLabels, l, locale);
  const iLabel = (i: number) => labelOf(matrix.impactLabels, i, locale);
  const filled = grid.flat().filter((c) => c.count > 0);
  const size = { rows: matrix.likelihoodSteps, columns: matrix.impactSteps, stage: stageName };
  const alt = filled.length
    ? t("heatAlt", { ...size, items: filled.map((c) => `${lLabel(c.likelihood)} × ${iLabel(c.impact)} ${c.count}`).join("; ") })
    : t("heatAltEmpty", size);
  return (
    <figure className="mb-4" data-heatmap={stage}>
      <figcaption className="h5">{capitalised(t("heatOf", { stage: stageName }))}</figcaption>
      <p className="visually-hidden">{alt}</p>
      <div className="table-responsive" tabIndex={0} role="region" aria-label={t("heatOf", { stage: stageName })}>
        <table className="risk-heat-grid w-100">
          <caption className="visually-hidden">{t("heatOf", { stage: stageName })}</caption>
          <thead>
            <tr>
              <th scope="col">
                {t("likelihood")} ↓ / {t("impact")} →
              </th>
              {Array.from({ length: matrix.impactSteps }, (_, i) => (
                <th key={i} scope="col">
                  {iLabel(i + 1)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.map((row) => (
              <tr key={row[0]!.likelihood}>
                <th scope="row">{lLabel(row[0]!.likelihood)}</th>
                {row.map((c) => {
                  const pressed = selected?.likelihood === c.likelihood && selected.impact === c.impact;
                  return (
                    <td key={c.impact}>
                      {/* the name is the visible count and level, with the axes around them for screen readers */}
                      <button type="button" className={`risk-level-${c.level}`} aria-pressed={onSelect ? pressed : undefined} disabled={!onSelect} onClick={() => onSelect?.(c)}>
                        <span className="visually-hidden">{t("heatCellBefore", { likelihood: lLabel(c.likelihood), impact: iLabel(c.impact) })} </span>
                        {c.count}
                        <span className="visually-hidden"> {t("heatCellAfter")}</span>
                        <small>{t(`level.${c.level}`)}</small>
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="mt-2">
        <summary>{t("heatCaption", { stage: stageName })}</summary>
        <DataTable<HeatCell>
          caption={t("heatCaption", { stage: stageName })}
          rows={filled}
          rowKey={(c) => `${c.likelihood}:${c.impact}`}
          empty={t("heatAltEmpty", size)}
          columns={[
            { header: t("likelihood"), rowHeader: true, cell: (c) => lLabel(c.likelihood) },
            { header: t("impact"), cell: (c) => iLabel(c.impact) },
            { header: t("level"), cell: (c) => t(`level.${c.level}`) },
            { header: t("colCount"), cell: (c) => c.count },
          ]}
        />
      </details>
    </figure>
  );
}

import { api, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable, Loading, useAsync } from "../../ui/index.ts";
import { messages } from "./messages.ts";
import { labelOf, worstImpact, type MatrixShape, type StageInput } from "./model.ts";

type Change = Schemas["RiskHistory"]["items"][number];

/** Every score change of a risk, newest first: stage, from what to what, who and why. */
export function RiskHistory({ orgId, riskId, matrix }: { orgId: string; riskId: string; matrix: MatrixShape }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const history = useAsync(() => unwrap(api.GET("/api/orgs/{orgId}/risks/{riskId}/history", { params: { path: { orgId, riskId } } })), [orgId, riskId]);
  const score = (stage: StageInput | null, level: string | null) =>
    stage
      ? `${labelOf(matrix.likelihoodLabels, stage.likelihood, locale)} × ${labelOf(matrix.impactLabels, worstImpact(stage.impacts), locale)}${level ? ` (${t(`level.${level}` as "level.low")})` : ""}`
      : t("notScored");
  const newestFirst = [...(history.data?.items ?? [])].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  return (
    <section aria-labelledby="history-title" className="mb-4">
      <h2 id="history-title" className="h4">
        {t("historyTitle")}
      </h2>
      {!history.data ? (
        <Loading />
      ) : (
        <DataTable<Change>
          caption={t("historyCaption")}
          rows={newestFirst}
          rowKey={(c) => c.id}
          empty={t("historyEmpty")}
          columns={[
            { header: t("colWhen"), rowHeader: true, cell: (c) => new Date(c.changedAt).toLocaleString(locale) },
            { header: t("colStage"), cell: (c) => t(`stage.${c.stage}`).split(" (")[0]! },
            { header: t("colChange"), cell: (c) => `${score(c.before, c.levelBefore)} → ${score(c.after, c.levelAfter)}` },
            { header: t("colWho"), cell: (c) => c.changedByName ?? t("none") },
            { header: t("colReason"), cell: (c) => (c.reason === "matrix" ? t("matrixReason") : (c.reason ?? t("none"))) },
          ]}
        />
      )}
    </section>
  );
}

import { Link } from "react-router-dom";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable } from "../../ui/index.ts";
import { daysLate, type ActionView } from "./model.ts";
import { roadmapMessages } from "./roadmap-messages.ts";
import { formatDate } from "./RoadmapTimeline.tsx";

/** "What is late": actions past their due date, the most overdue first, with who must act. */
export function LateList({ actions, today, linkTo }: { actions: ActionView[]; today: string; linkTo: (a: ActionView) => string }) {
  const t = useT(roadmapMessages);
  const { locale } = useLocale();
  const late = actions.filter((a) => a.late).sort((a, b) => daysLate(b, today) - daysLate(a, today));
  return (
    <section aria-labelledby="late-title" className="mb-5">
      <h2 id="late-title" className="h4">
        {t("lateTitle")}
      </h2>
      <DataTable<ActionView>
        caption={t("lateCaption")}
        rows={late}
        rowKey={(a) => a.id}
        empty={t("lateEmpty")}
        columns={[
          { header: t("colTitle"), rowHeader: true, cell: (a) => <Link to={linkTo(a)}>{`${a.ref} ${a.title}`}</Link> },
          { header: t("colDue"), cell: (a) => formatDate(a.dueOn, locale) },
          { header: t("colLateBy"), cell: (a) => t("lateDays", { days: daysLate(a, today) }) },
          { header: t("colOwner"), cell: (a) => [a.ownerOrgName, a.ownerUserName].filter(Boolean).join(" · ") },
          { header: t("colStatus"), cell: (a) => `${t(`status.${a.status}`)} · ${a.progress}%` },
          { header: t("colPriority"), cell: (a) => t(`priority.${a.priority.level}`) },
        ]}
      />
    </section>
  );
}

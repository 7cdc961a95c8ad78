import "./risks.css";
import { Link } from "react-router-dom";
import { useLocale, useT } from "../../i18n/index.ts";
import { DataTable } from "../../ui/index.ts";
import { barOf, csfFunctions, monthTicks, timelineWindow, type ActionView } from "./model.ts";
import { roadmapMessages } from "./roadmap-messages.ts";

export function formatDate(date: string | null, locale: string): string {
  if (!date) return "—";
  return new Date(`${date}T00:00:00`).toLocaleDateString(locale, { day: "numeric", month: "short", year: "numeric" });
}

/**
 * A Gantt-like view grouped by CSF function: one row per action, a bar from start to due date,
 * late bars hatched and named "in ritardo". Each row's link is a tab stop carrying the dates in
 * words; the drawing itself is hidden from screen readers, and a table repeats every figure.
 */
export function RoadmapTimeline({ actions, today, linkTo }: { actions: ActionView[]; today: string; linkTo: (a: ActionView) => string }) {
  const t = useT(roadmapMessages);
  const { locale } = useLocale();
  if (actions.length === 0) return <p>{t("noActions")}</p>;
  const window = timelineWindow(actions, today);
  const ticks = monthTicks(window);
  const todayBar = barOf({ startOn: today, dueOn: today }, window);
  const status = (a: ActionView) => t(`status.${a.status}`).toLowerCase();
  const spoken = (a: ActionView) =>
    a.startOn || a.dueOn
      ? t("timelineBar", { ref: a.ref, title: a.title, start: formatDate(a.startOn, locale), due: formatDate(a.dueOn, locale), status: status(a), progress: a.progress }) +
        (a.late ? `, ${t("timelineBarLate")}` : "")
      : `${a.ref} ${a.title}: ${t("timelineNoDates")}, ${status(a)}`;
  return (
    <section aria-labelledby="timeline-title" className="mb-5">
      <h2 id="timeline-title" className="h4">
        {t("timelineTitle")}
      </h2>
      <p>{t("timelineHint")}</p>
      <div className="table-responsive mb-3" tabIndex={0} role="region" aria-label={t("timelineTitle")}>
        <div className="roadmap-timeline">
          <div className="tl-row" aria-hidden="true">
            <span />
            <div className="tl-scale">
              {ticks.map((tick) => (
                <span key={tick.date} style={{ left: `${tick.left}%` }}>
                  {new Date(`${tick.date}T00:00:00`).toLocaleDateString(locale, { month: "short", year: "2-digit" })}
                </span>
              ))}
            </div>
          </div>
          {csfFunctions.map((fn) => {
            const rows = actions.filter((a) => a.csfFunction === fn);
            if (rows.length === 0) return null;
            return (
              <div key={fn} data-function={fn}>
                <h3 className="h6 mt-3 mb-1">{t(`fn.${fn}`)}</h3>
                <ul className="list-unstyled mb-0">
                  {rows.map((a) => {
                    const bar = barOf(a, window);
                    const kind = a.late ? "tl-late" : a.status === "done" ? "tl-done" : a.status === "blocked" ? "tl-blocked" : "";
                    return (
                      <li key={a.id} className="tl-row" data-action={a.ref}>
                        <span className="small">
                          <Link to={linkTo(a)} aria-label={spoken(a)}>
                            {a.ref} {a.title}
                          </Link>
                          {a.late && <span className="badge bg-danger ms-1">{t("late")}</span>}
                        </span>
                        <div className="tl-track" aria-hidden="true">
                          {ticks.map((tick) => (
                            <span key={tick.date} className="tl-tick" style={{ left: `${tick.left}%` }} />
                          ))}
                          {bar && (
                            <span className={`tl-bar ${kind}`} style={{ left: `${bar.left}%`, width: `${bar.width}%` }}>
                              {a.progress}%
                            </span>
                          )}
                          {todayBar && <span className="tl-today" style={{ left: `${todayBar.left}%` }} title={t("today")} />}
                        </div>
                      </li>
                    );
                  })}
                </ul>
              </div>
            );
          })}
        </div>
      </div>
      <details>
        <summary>{t("timelineCaption")}</summary>
        <ActionsTable actions={actions} linkTo={linkTo} caption={t("timelineCaption")} />
      </details>
    </section>
  );
}

/** The roadmap as a plain table: the alternative to the timeline and the board. */
export function ActionsTable({ actions, linkTo, caption }: { actions: ActionView[]; linkTo: (a: ActionView) => string; caption: string }) {
  const t = useT(roadmapMessages);
  const { locale } = useLocale();
  return (
    <DataTable<ActionView>
      caption={caption}
      rows={actions}
      rowKey={(a) => a.id}
      empty={t("noActions")}
      columns={[
        { header: t("colTitle"), rowHeader: true, cell: (a) => <Link to={linkTo(a)}>{`${a.ref} ${a.title}`}</Link> },
        { header: t("colFunction"), cell: (a) => t(`fn.${a.csfFunction}`) },
        { header: t("colOwner"), cell: (a) => [a.ownerOrgName, a.ownerUserName].filter(Boolean).join(" · ") },
        { header: t("colPriority"), cell: (a) => t(`priority.${a.priority.level}`) },
        { header: t("colStart"), cell: (a) => formatDate(a.startOn, locale) },
        { header: t("colDue"), cell: (a) => formatDate(a.dueOn, locale) },
        { header: t("colStatus"), cell: (a) => `${t(`status.${a.status}`)}${a.late ? ` · ${t("late")}` : ""}` },
        { header: t("colProgress"), cell: (a) => `${a.progress}%` },
      ]}
    />
  );
}

import "./risks.css";
import { useState } from "react";
import { Link } from "react-router-dom";
import { useLocale, useT } from "../../i18n/index.ts";
import { actionStatuses, boardStatuses, type ActionStatus, type ActionView } from "./model.ts";
import { roadmapMessages } from "./roadmap-messages.ts";
import { formatDate } from "./RoadmapTimeline.tsx";

/**
 * The roadmap by status: planned, in progress, blocked, done. Moving a card is a status update,
 * by drag and drop or, without a mouse, with the select on each card. `canMove` says which
 * cards the caller may update (the server's `actions` on the record).
 */
export function RoadmapBoard({ actions, linkTo, canMove, onMove }: {
  actions: ActionView[];
  linkTo: (a: ActionView) => string;
  canMove: (a: ActionView) => boolean;
  onMove: (a: ActionView, status: ActionStatus) => void | Promise<void>;
}) {
  const t = useT(roadmapMessages);
  const { locale } = useLocale();
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<ActionStatus | null>(null);
  const drop = (status: ActionStatus) => {
    const action = actions.find((a) => a.id === dragged);
    setDragged(null);
    setOver(null);
    if (action && action.status !== status && canMove(action)) void onMove(action, status);
  };
  return (
    <section aria-labelledby="board-title" className="mb-5">
      <h2 id="board-title" className="h4">
        {t("boardTitle")}
      </h2>
      <p>{t("boardHint")}</p>
      <div className="roadmap-board">
        {boardStatuses.map((status) => {
          const cards = actions.filter((a) => a.status === status);
          return (
            <section
              key={status}
              aria-labelledby={`board-${status}`}
              data-column={status}
              className={`board-column${over === status ? " drop-target" : ""}`}
              onDragOver={(e) => {
                if (!dragged) return;
                e.preventDefault();
                setOver(status);
              }}
              onDragLeave={() => setOver((o) => (o === status ? null : o))}
              onDrop={(e) => {
                e.preventDefault();
                drop(status);
              }}
            >
              <h3 id={`board-${status}`} className="h6">
                {t("columnCount", { status: t(`status.${status}`), count: cards.length })}
              </h3>
              <ul className="list-unstyled mb-0">
                {cards.map((a) => (
                  <li
                    key={a.id}
                    className="card shadow-sm p-2"
                    data-action={a.ref}
                    draggable={canMove(a)}
                    onDragStart={(e) => {
                      e.dataTransfer.setData("text/plain", a.id);
                      setDragged(a.id);
                    }}
                    onDragEnd={() => {
                      setDragged(null);
                      setOver(null);
                    }}
                  >
                    <Link to={linkTo(a)} className="fw-semibold">
                      {a.ref} {a.title}
                    </Link>
                    <span className="small d-block">
                      {t("colDue")}: {formatDate(a.dueOn, locale)}
                      {a.late && <span className="badge bg-danger ms-1">{t("late")}</span>}
                    </span>
                    <span className="small d-block">{[a.ownerOrgName, a.ownerUserName].filter(Boolean).join(" · ")}</span>
                    <span className="small d-block">
                      {t("colPriority")}: {t(`priority.${a.priority.level}`)} · {a.progress}%
                    </span>
                    {canMove(a) && (
                      <div className="mt-2">
                        <label htmlFor={`move-${a.id}`} className="small d-block">
                          {t("moveTo", { ref: a.ref })}
                        </label>
                        <select
                          id={`move-${a.id}`}
                          className="form-select form-select-sm"
                          value={a.status}
                          onChange={(e) => void onMove(a, e.target.value as ActionStatus)}
                        >
                          {actionStatuses.map((s) => (
                            <option key={s} value={s}>
                              {t(`status.${s}`)}
                            </option>
                          ))}
                        </select>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </section>
  );
}

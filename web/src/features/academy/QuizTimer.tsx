import { useEffect, useRef, useState } from "react";
import { useT } from "../../i18n/use-t.ts";
import { messages } from "./messages.ts";
import { formatRemaining } from "./model.ts";

// Milestones read out by screen readers; the clock itself ticks silently (a timer role is not live),
// so a learner is told, not interrupted every second.
const MILESTONES_S = [600, 300, 60, 30];

/** The time left until `deadline` (epoch ms); calls onExpire once when it runs out. */
export function QuizTimer({ deadline, onExpire }: { deadline: number; onExpire: () => void }) {
  const t = useT(messages);
  const [now, setNow] = useState(() => Date.now());
  const [announcement, setAnnouncement] = useState("");
  const announced = useRef(new Set<number>());
  const expired = useRef(false);
  const expire = useRef(onExpire);
  expire.current = onExpire;
  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(tick);
  }, []);
  const left = deadline - now;
  useEffect(() => {
    const seconds = Math.ceil(left / 1000);
    // every milestone passed since the last tick (a background tab's timers are slowed), said once
    const crossed = MILESTONES_S.filter((m) => seconds <= m && !announced.current.has(m));
    if (crossed.length && left > 0) {
      for (const m of crossed) announced.current.add(m);
      setAnnouncement(t("quiz.timeLeftAnnouncement", { time: formatRemaining(left) }));
    }
    if (left <= 0 && !expired.current) {
      expired.current = true;
      setAnnouncement(t("quiz.timeOver"));
      expire.current();
    }
  }, [left, t]);
  return (
    <div className={`academy-timer alert ${left < 60_000 ? "alert-warning" : "alert-info"} d-flex align-items-center gap-2 mb-4`}>
      <span>{t("quiz.timeLeft")}</span>
      <span role="timer" className="fw-bold font-monospace" aria-label={t("quiz.timeLeftLabel", { time: formatRemaining(left) })}>
        {formatRemaining(left)}
      </span>
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
    </div>
  );
}

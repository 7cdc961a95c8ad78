import { useState } from "react";
import { api, unwrap } from "../../api/client.ts";
import { useT } from "../../i18n/index.ts";
import { FormErrors, useFormErrors } from "../../ui/index.ts";
import { roadmapMessages } from "./roadmap-messages.ts";

/** Creates the caller's iCalendar feed of due dates; the address (a secret) is shown once. */
export function CalendarFeed({ orgId }: { orgId: string }) {
  const t = useT(roadmapMessages);
  const { error, run } = useFormErrors();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    const feed = await run(() => unwrap(api.POST("/api/orgs/{orgId}/roadmap/calendar-feed", { params: { path: { orgId } } })));
    setBusy(false);
    if (feed) setUrl(new URL(feed.url, window.location.origin).toString());
  };
  return (
    <section aria-labelledby="calendar-title" className="mb-4">
      <h2 id="calendar-title" className="h5">
        {t("calendarFeed")}
      </h2>
      <FormErrors error={error} />
      {url ? (
        <div role="status">
          <p className="mb-1">{t("calendarShown")}</p>
          <label htmlFor="calendar-url" className="visually-hidden">
            {t("calendarUrl")}
          </label>
          <input id="calendar-url" className="form-control secret-text" readOnly value={url} onFocus={(e) => e.target.select()} />
        </div>
      ) : (
        <button type="button" className="btn btn-outline-primary btn-sm" disabled={busy} onClick={() => void create()}>
          {t("calendarCreate")}
        </button>
      )}
    </section>
  );
}

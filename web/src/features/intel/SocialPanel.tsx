import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { FormErrors, Loading, Notice, useAsync, useFormErrors } from "../../ui/index.ts";
import type { IntelItem } from "./intel-api.ts";
import { formatDate } from "./ItemList.tsx";
import { messages } from "./messages.ts";

/** "We saw this too": the count of organisations and sightings, never who. */
export function SightingsPanel({ item }: { item: IntelItem }) {
  const t = useT(messages);
  const path = { intelItemId: item.id };
  const counts = useAsync(() => unwrap(api.GET("/api/intel/items/{intelItemId}/sightings", { params: { path } })), [item.id]);
  const { error, run } = useFormErrors();
  const [recorded, setRecorded] = useState(false);
  const saw = () =>
    run(async () => {
      await unwrap(api.POST("/api/intel/items/{intelItemId}/sightings", { params: { path }, body: { count: 1 } }));
      setRecorded(true);
      await counts.reload();
    });
  return (
    <section aria-labelledby="sightings-title" className="mb-4">
      <h2 id="sightings-title" className="h4">
        {t("sightingsTitle")}
      </h2>
      {counts.data ? (
        <p data-sightings={counts.data.organisations}>
          {counts.data.organisations === 0 ? t("sightingsNone") : t("sightingsCount", { organisations: counts.data.organisations, total: counts.data.total })}
        </p>
      ) : counts.error ? (
        <FormErrors error={counts.error} />
      ) : (
        <Loading />
      )}
      <FormErrors error={error} />
      {recorded && <Notice kind="success">{t("sightingRecorded")}</Notice>}
      {item.actions.includes("sight") && (
        <button type="button" className="btn btn-outline-primary" onClick={() => void saw()}>
          {t("sawItToo")}
        </button>
      )}
    </section>
  );
}

/** The comments thread, oldest first, and the form to add one (signed or anonymous). */
export function CommentsPanel({ item }: { item: IntelItem }) {
  const t = useT(messages);
  const { locale } = useLocale();
  const path = { intelItemId: item.id };
  const comments = useAsync(async () => (await unwrap(api.GET("/api/intel/items/{intelItemId}/comments", { params: { path } }))).items, [item.id]);
  const [body, setBody] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const { error, run, fieldError } = useFormErrors();
  const send = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await unwrap(api.POST("/api/intel/items/{intelItemId}/comments", { params: { path }, body: { body, anonymous } }));
      setBody("");
      await comments.reload();
    });
  };
  return (
    <section aria-labelledby="comments-title" className="mb-4">
      <h2 id="comments-title" className="h4">
        {t("commentsTitle")}
      </h2>
      {!comments.data ? (
        comments.error ? <FormErrors error={comments.error} /> : <Loading />
      ) : comments.data.length === 0 ? (
        <p>{t("commentsEmpty")}</p>
      ) : (
        <ol className="list-unstyled">
          {comments.data.map((c) => (
            <li key={c.id} className="border-bottom py-2">
              <p className="small mb-1 fw-semibold">
                {c.author ? t("commentBy", { name: c.author.name ?? "—", org: c.author.orgName ?? "—" }) : t("anonymous")} · {formatDate(c.createdAt, locale)}
              </p>
              <p className="mb-0 intel-pre">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {item.actions.includes("comment") && (
        <form onSubmit={send} noValidate>
          <FormErrors error={error} />
          <div className="form-group mb-3">
            <label htmlFor="comment-body" className="active">
              {t("commentBody")}
            </label>
            <textarea
              id="comment-body"
              className={`form-control${fieldError("body.body") ? " is-invalid" : ""}`}
              rows={3}
              value={body}
              required
              maxLength={10000}
              onChange={(e) => setBody(e.target.value)}
            />
          </div>
          <div className="form-check mb-3">
            <input id="comment-anonymous" type="checkbox" className="form-check-input" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
            <label htmlFor="comment-anonymous" className="form-check-label">
              {t("commentAnonymous")}
            </label>
          </div>
          <button type="submit" className="btn btn-primary">
            {t("commentSend")}
          </button>
        </form>
      )}
    </section>
  );
}

import { useState } from "react";
import { FormErrors, useFormErrors } from "../../ui/index.ts";
import { useT } from "../../i18n/use-t.ts";
import { Markdown } from "./Markdown.tsx";
import { messages } from "./messages.ts";

export interface ArticleViewProps {
  markdown: string;
  estimatedMinutes?: number | undefined;
  /** already marked as read */
  done: boolean;
  onMarkRead: () => Promise<unknown>;
  lang?: string | undefined;
}

/** An article rendered from its Markdown, and "segna come letto". */
export function ArticleView({ markdown, estimatedMinutes, done, onMarkRead, lang }: ArticleViewProps) {
  const t = useT(messages);
  const [busy, setBusy] = useState(false);
  const { error, run } = useFormErrors();
  return (
    <article className="academy-article-view">
      {estimatedMinutes !== undefined && <p className="small text-secondary">{t("minutes", { minutes: estimatedMinutes })}</p>}
      <Markdown source={markdown} lang={lang} />
      <FormErrors error={error} />
      <div aria-live="polite" className="mt-4">
        {done ? (
          <p className="fw-semibold academy-done">
            <span aria-hidden="true">✓ </span>
            {t("article.read")}
          </p>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              await run(onMarkRead);
              setBusy(false);
            }}
          >
            {t("article.markRead")}
          </button>
        )}
      </div>
    </article>
  );
}

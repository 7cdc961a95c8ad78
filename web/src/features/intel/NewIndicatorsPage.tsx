import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import { useT } from "../../i18n/index.ts";
import { FormErrors, FormField, useFormErrors } from "../../ui/index.ts";
import { AnonymousReview } from "./AnonymousReview.tsx";
import { PublishedNotice } from "./EditLinkNotice.tsx";
import { guessIndicatorType } from "./intel-api.ts";
import { PublishFrame, PublishOptions, type PublishOptionsValue, type PublishSetup } from "./PublishFrame.tsx";
import { publishMessages } from "./publish-messages.ts";
import { defaultSharing, sharingBody } from "./SharingFields.tsx";
import { TextArea } from "./TextArea.tsx";
import { usePublishFlow, type Texts } from "./use-publish-flow.ts";

/** /condivisione/nuovo/indicatori: a bulk paste, one indicator per line, all added or none. */
export function NewIndicatorsPage() {
  const t = useT(publishMessages);
  return <PublishFrame title={t("newIndicatorsTitle")}>{(setup) => <IndicatorsForm setup={setup} />}</PublishFrame>;
}

/** The non-empty lines with their line number in the text area, so the server's index maps back to a line. */
const numberedLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((value, i) => ({ value: value.trim(), line: i + 1 }))
    .filter((l) => l.value);

function IndicatorsForm({ setup }: { setup: PublishSetup }) {
  const t = useT(publishMessages);
  const [texts, setTexts] = useState<Texts>({});
  const [lines, setLines] = useState("");
  const [confidence, setConfidence] = useState("");
  const [options, setOptions] = useState<PublishOptionsValue>({ sharing: defaultSharing, anonymous: false, draft: false, validUntil: "" });
  const [published, setPublished] = useState<{ id: string; editKey: string | null; count: number; refreshed: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const { error, run, fieldError } = useFormErrors();
  const flow = usePublishFlow(texts, setTexts);
  const fields = [{ name: "description", label: t("indicatorDescription") }];
  const entries = numberedLines(lines);
  // "body.indicators.3.value" → line of the fourth indicator
  const lineErrors = (error?.fields ?? []).flatMap((f) => {
    const match = /^body\.indicators\.(\d+)(?:\.|$)/.exec(f.field);
    const entry = match ? entries[Number(match[1])] : undefined;
    return entry ? [{ key: f.field, text: t("lineError", { line: entry.line, value: entry.value, reason: f.reason }) }] : [];
  });

  const publish = async () => {
    setBusy(true);
    const description = texts.description?.trim() ? texts.description : null;
    const result = await run(() =>
      unwrap(
        api.POST("/api/intel/indicators", {
          body: {
            sharing: sharingBody(options.sharing),
            anonymous: options.anonymous,
            indicators: entries.map(({ value }) => ({
              type: guessIndicatorType(value),
              value,
              description,
              confidence: confidence ? Number(confidence) : null,
              ...(options.validUntil ? { validUntil: `${options.validUntil}T23:59:59.000Z` } : {}),
            })),
          },
        }),
      ),
    );
    setBusy(false);
    if (result && result.items[0]) {
      setPublished({ id: result.items[0].id, editKey: result.editKey, count: result.items.length - result.refreshedIds.length, refreshed: result.refreshedIds.length });
      flow.setStage("done");
    } else flow.setStage("edit");
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (options.anonymous) await run(() => flow.scan(fields));
    else await publish();
  };

  if (flow.stage === "done" && published)
    return <PublishedNotice itemId={published.id} editKey={published.editKey} extra={t("published", { count: published.count, refreshed: published.refreshed })} />;
  if (flow.stage === "review")
    return (
      <>
        <FormErrors error={error} />
        <AnonymousReview flow={flow} fields={fields} texts={texts} busy={busy} onPublish={() => void publish()} />
      </>
    );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormErrors error={error} />
      <TextArea
        id="indicator-lines"
        label={t("indicatorLines")}
        hint={t("indicatorLinesHint")}
        value={lines}
        onChange={setLines}
        rows={10}
        required
        error={lineErrors.length ? lineErrors.map((l) => l.text).join(" · ") : fieldError("body.indicators")}
      />
      {lineErrors.length > 0 && (
        <section aria-labelledby="line-errors-title" className="mb-4">
          <h2 id="line-errors-title" className="h6">
            {t("lineErrorsTitle")}
          </h2>
          <ul data-line-errors>
            {lineErrors.map((l) => (
              <li key={l.key}>{l.text}</li>
            ))}
          </ul>
        </section>
      )}
      <TextArea id="indicator-description" label={t("indicatorDescription")} value={texts.description ?? ""} onChange={(description) => setTexts((b) => ({ ...b, description }))} />
      <FormField id="indicator-confidence" type="number" min={0} max={100} label={t("confidence")} value={confidence} onChange={setConfidence} />
      <FormField id="indicator-valid-until" type="date" label={t("validUntil")} value={options.validUntil} onChange={(validUntil) => setOptions({ ...options, validUntil })} />
      <PublishOptions setup={setup} value={options} onChange={setOptions} fieldError={fieldError} withDraft={false} />
      <button type="submit" className="btn btn-primary">
        {options.anonymous ? t("checkAndPublish") : t("publish")}
      </button>
    </form>
  );
}

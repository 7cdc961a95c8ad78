import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import { useT } from "../../i18n/index.ts";
import { FormErrors, FormField, useFormErrors } from "../../ui/index.ts";
import { AnonymousReview } from "./AnonymousReview.tsx";
import { PublishedNotice } from "./EditLinkNotice.tsx";
import { PublishFrame, PublishOptions, optionsBody, type PublishOptionsValue, type PublishSetup } from "./PublishFrame.tsx";
import { publishMessages } from "./publish-messages.ts";
import { TextArea } from "./TextArea.tsx";
import { defaultSharing, sharingBody } from "./SharingFields.tsx";
import { usePublishFlow, type TextField, type Texts } from "./use-publish-flow.ts";

/** /condivisione/nuovo/racconto: an experience report, often anonymous. */
export function NewReportPage() {
  const t = useT(publishMessages);
  return <PublishFrame title={t("newReportTitle")}>{(setup) => <ReportForm setup={setup} />}</PublishFrame>;
}

type ReportText = "title" | "attackType" | "entryVector" | "impact" | "detection" | "whatWorked" | "lessons" | "narrative";
const short: ReportText[] = ["title", "attackType", "entryVector"];
const long: ReportText[] = ["impact", "detection", "whatWorked", "lessons", "narrative"];

function ReportForm({ setup }: { setup: PublishSetup }) {
  const t = useT(publishMessages);
  const [texts, setTexts] = useState<Texts>({});
  const [hours, setHours] = useState("");
  const [options, setOptions] = useState<PublishOptionsValue>({ sharing: { ...defaultSharing, tlp: setup.communities.length ? "green" : "amber" }, anonymous: false, draft: false, validUntil: "" });
  const [published, setPublished] = useState<{ id: string; editKey: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const { error, run, fieldError } = useFormErrors();
  const flow = usePublishFlow(texts, setTexts);
  const fields: TextField[] = [...short, ...long].map((name) => ({ name, label: t(name) }));
  const text = (name: ReportText) => texts[name] ?? "";
  const optional = (name: ReportText) => (text(name).trim() ? text(name) : null);

  const publish = async () => {
    setBusy(true);
    const result = await run(() =>
      unwrap(
        api.POST("/api/intel/experience-reports", {
          body: {
            ...optionsBody(options),
            sharing: sharingBody(options.sharing),
            title: text("title"),
            attackType: text("attackType"),
            entryVector: optional("entryVector"),
            impact: optional("impact"),
            detection: optional("detection"),
            whatWorked: optional("whatWorked"),
            lessons: optional("lessons"),
            narrative: text("narrative"),
            timeToRecoverHours: hours ? Number(hours) : null,
          },
        }),
      ),
    );
    setBusy(false);
    if (result) {
      setPublished({ id: result.id, editKey: result.editKey });
      flow.setStage("done");
    } else flow.setStage("edit");
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (options.anonymous) await run(() => flow.scan(fields));
    else await publish();
  };

  if (flow.stage === "done" && published) return <PublishedNotice itemId={published.id} editKey={published.editKey} />;
  if (flow.stage === "review")
    return (
      <>
        <FormErrors error={error} />
        <AnonymousReview flow={flow} fields={fields} texts={texts} busy={busy} onPublish={() => void publish()} />
      </>
    );
  const set = (name: ReportText) => (value: string) => setTexts((before) => ({ ...before, [name]: value }));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormErrors error={error} />
      {short.map((name) => (
        <FormField key={name} id={`report-${name}`} label={t(name)} value={text(name)} onChange={set(name)} error={fieldError(`body.${name}`)} required={name !== "entryVector"} maxLength={name === "title" ? 300 : 500} />
      ))}
      <FormField id="report-hours" type="number" min={0} label={t("timeToRecover")} value={hours} onChange={setHours} error={fieldError("body.timeToRecoverHours")} />
      {long.map((name) => (
        <TextArea key={name} id={`report-${name}`} label={t(name)} value={text(name)} onChange={set(name)} error={fieldError(`body.${name}`)} rows={name === "narrative" ? 8 : 3} required={name === "narrative"} />
      ))}
      <PublishOptions setup={setup} value={options} onChange={setOptions} fieldError={fieldError} withDraft />
      <button type="submit" className="btn btn-primary">
        {options.anonymous ? t("checkAndPublish") : t("publish")}
      </button>
    </form>
  );
}

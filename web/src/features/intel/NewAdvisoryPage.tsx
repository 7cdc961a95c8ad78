import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client.ts";
import { useT } from "../../i18n/index.ts";
import { FormErrors, FormField, useFormErrors } from "../../ui/index.ts";
import { EntriesFields, ProductsFields, entryBody, linesOf, productBody, type EntryDraft, type ProductDraft } from "./AdvisoryLists.tsx";
import { AnonymousReview } from "./AnonymousReview.tsx";
import { PublishedNotice } from "./EditLinkNotice.tsx";
import { guessIndicatorType, severities, type Severity } from "./intel-api.ts";
import { messages } from "./messages.ts";
import { PublishFrame, PublishOptions, optionsBody, type PublishOptionsValue, type PublishSetup } from "./PublishFrame.tsx";
import { publishMessages } from "./publish-messages.ts";
import { defaultSharing, sharingBody } from "./SharingFields.tsx";
import { TextArea } from "./TextArea.tsx";
import { usePublishFlow, type Texts } from "./use-publish-flow.ts";

/** /condivisione/nuovo/bollettino: an advisory with its products, CVEs, patches, mitigations and indicators. */
export function NewAdvisoryPage() {
  const t = useT(publishMessages);
  return <PublishFrame title={t("newAdvisoryTitle")}>{(setup) => <AdvisoryForm setup={setup} />}</PublishFrame>;
}

function AdvisoryForm({ setup }: { setup: PublishSetup }) {
  const t = useT(publishMessages);
  const tItem = useT(messages);
  const [texts, setTexts] = useState<Texts>({});
  const [severity, setSeverity] = useState<Severity>("high");
  const [products, setProducts] = useState<ProductDraft[]>([]);
  const [patches, setPatches] = useState<EntryDraft[]>([]);
  const [mitigations, setMitigations] = useState<EntryDraft[]>([]);
  const [cves, setCves] = useState("");
  const [references, setReferences] = useState("");
  const [indicators, setIndicators] = useState("");
  const [options, setOptions] = useState<PublishOptionsValue>({ sharing: defaultSharing, anonymous: false, draft: false, validUntil: "" });
  const [published, setPublished] = useState<{ id: string; editKey: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const { error, run, fieldError } = useFormErrors();
  const flow = usePublishFlow(texts, setTexts);
  const fields = [
    { name: "title", label: t("title") },
    { name: "summary", label: t("summary") },
  ];

  const publish = async () => {
    setBusy(true);
    const result = await run(async () => {
      const sharing = sharingBody(options.sharing);
      // linked indicators go out first, shared the same way, so the advisory can point at them
      const lines = options.anonymous ? [] : linesOf(indicators);
      const indicatorIds = lines.length
        ? (await unwrap(api.POST("/api/intel/indicators", { body: { sharing, anonymous: false, indicators: lines.map((value) => ({ type: guessIndicatorType(value), value })) } }))).items.map((i) => i.id)
        : [];
      return unwrap(
        api.POST("/api/intel/advisories", {
          body: {
            ...optionsBody(options),
            sharing,
            title: texts.title ?? "",
            summary: texts.summary ?? "",
            severity,
            affectedProducts: products.map(productBody),
            cveIds: linesOf(cves).map((c) => c.toUpperCase()),
            patches: patches.map(entryBody),
            mitigations: mitigations.map(entryBody),
            references: linesOf(references).map((url) => ({ url, title: null })),
            indicatorIds,
          },
        }),
      );
    });
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
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormErrors error={error} />
      <FormField id="advisory-title" label={t("title")} value={texts.title ?? ""} onChange={(title) => setTexts((b) => ({ ...b, title }))} error={fieldError("body.title")} required maxLength={300} />
      <TextArea id="advisory-summary" label={t("summary")} value={texts.summary ?? ""} onChange={(summary) => setTexts((b) => ({ ...b, summary }))} error={fieldError("body.summary")} rows={5} required />
      <FormField
        id="advisory-severity"
        label={t("severity")}
        value={severity}
        onChange={(v) => setSeverity(v as Severity)}
        options={severities.map((s) => ({ value: s, label: tItem(`severity.${s}`) }))}
      />
      <ProductsFields products={products} onChange={setProducts} fieldError={fieldError} />
      <TextArea id="advisory-cves" label={t("cves")} hint={t("cvesHint")} value={cves} onChange={setCves} error={fieldError("body.cveIds")} />
      <EntriesFields name="patches" legend={t("patches")} addLabel={t("addPatch")} entries={patches} onChange={setPatches} fieldError={fieldError} />
      <EntriesFields name="mitigations" legend={t("mitigations")} addLabel={t("addMitigation")} entries={mitigations} onChange={setMitigations} fieldError={fieldError} />
      <TextArea id="advisory-references" label={t("references")} value={references} onChange={setReferences} error={fieldError("body.references")} />
      {!options.anonymous && (
        <TextArea id="advisory-indicators" label={t("linkedIndicators")} hint={t("linkedIndicatorsHint")} value={indicators} onChange={setIndicators} error={fieldError("body.indicators")} />
      )}
      <PublishOptions setup={setup} value={options} onChange={setOptions} fieldError={fieldError} withDraft />
      <button type="submit" className="btn btn-primary">
        {options.anonymous ? t("checkAndPublish") : t("publish")}
      </button>
    </form>
  );
}

import { useT } from "../../i18n/index.ts";
import { FormField } from "../../ui/index.ts";
import { publishMessages } from "./publish-messages.ts";
import { TextArea } from "./TextArea.tsx";

// The repeatable parts of the advisory form: affected products, and patches or mitigations.

export interface ProductDraft {
  vendor: string;
  product: string;
  from: string;
  to: string;
  cpe: string;
}
export interface EntryDraft {
  title: string;
  url: string;
  steps: string;
}
export const emptyProduct: ProductDraft = { vendor: "", product: "", from: "", to: "", cpe: "" };
export const emptyEntry: EntryDraft = { title: "", url: "", steps: "" };

const replace = <T,>(list: T[], i: number, patch: Partial<T>) => list.map((x, j) => (j === i ? { ...x, ...patch } : x));

export function ProductsFields({ products, onChange, fieldError }: { products: ProductDraft[]; onChange: (next: ProductDraft[]) => void; fieldError: (f: string) => string | undefined }) {
  const t = useT(publishMessages);
  return (
    <fieldset className="mb-4">
      <legend className="h5">{t("products")}</legend>
      {products.map((p, i) => (
        <div key={i} className="row border-bottom mb-3" role="group" aria-label={t("productN", { n: i + 1 })}>
          <FormField className="col-12 col-md-6" label={t("vendor")} value={p.vendor} onChange={(vendor) => onChange(replace(products, i, { vendor }))} error={fieldError(`body.affectedProducts.${i}.vendor`)} />
          <FormField className="col-12 col-md-6" label={t("product")} value={p.product} onChange={(product) => onChange(replace(products, i, { product }))} error={fieldError(`body.affectedProducts.${i}.product`)} />
          <FormField className="col-6 col-md-3" label={t("versionFrom")} value={p.from} onChange={(from) => onChange(replace(products, i, { from }))} />
          <FormField className="col-6 col-md-3" label={t("versionTo")} value={p.to} onChange={(to) => onChange(replace(products, i, { to }))} />
          <FormField className="col-12 col-md-6" label={t("cpe")} value={p.cpe} onChange={(cpe) => onChange(replace(products, i, { cpe }))} error={fieldError(`body.affectedProducts.${i}.cpe`)} />
          <p className="col-12">
            <button type="button" className="btn btn-link p-0" onClick={() => onChange(products.filter((_, j) => j !== i))}>
              {t("removeProduct", { n: i + 1 })}
            </button>
          </p>
        </div>
      ))}
      <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => onChange([...products, emptyProduct])}>
        {t("addProduct")}
      </button>
    </fieldset>
  );
}

export function EntriesFields({ name, legend, addLabel, entries, onChange, fieldError }: {
  name: "patches" | "mitigations";
  legend: string;
  addLabel: string;
  entries: EntryDraft[];
  onChange: (next: EntryDraft[]) => void;
  fieldError: (f: string) => string | undefined;
}) {
  const t = useT(publishMessages);
  return (
    <fieldset className="mb-4">
      <legend className="h5">{legend}</legend>
      {entries.map((e, i) => (
        <div key={i} className="border-bottom mb-3" role="group" aria-label={`${legend} ${i + 1}`}>
          <FormField label={t("entryTitle")} value={e.title} onChange={(title) => onChange(replace(entries, i, { title }))} error={fieldError(`body.${name}.${i}.title`)} />
          <FormField type="url" label={t("entryUrl")} value={e.url} onChange={(url) => onChange(replace(entries, i, { url }))} error={fieldError(`body.${name}.${i}.url`)} />
          <TextArea label={t("entrySteps")} value={e.steps} onChange={(steps) => onChange(replace(entries, i, { steps }))} />
          <p>
            <button type="button" className="btn btn-link p-0" onClick={() => onChange(entries.filter((_, j) => j !== i))}>
              {t("remove", { name: `${legend} ${i + 1}` })}
            </button>
          </p>
        </div>
      ))}
      <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => onChange([...entries, emptyEntry])}>
        {addLabel}
      </button>
    </fieldset>
  );
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);
export const productBody = (p: ProductDraft) => ({ vendor: p.vendor, product: p.product, versionStartIncluding: orNull(p.from), versionEndExcluding: orNull(p.to), cpe: orNull(p.cpe) });
export const entryBody = (e: EntryDraft) => ({ title: e.title, url: orNull(e.url), steps: orNull(e.steps) });
export const linesOf = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

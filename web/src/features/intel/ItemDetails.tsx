import type { ReactNode } from "react";
import { useT } from "../../i18n/index.ts";
import type { IntelItem } from "./intel-api.ts";
import { IndicatorTable } from "./IndicatorTable.tsx";
import { messages } from "./messages.ts";

type Advisory = NonNullable<IntelItem["advisory"]>;
type Product = Advisory["affectedProducts"][number];
type LinkSteps = Advisory["patches"][number];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-4">
      <h2 id={id} className="h4">
        {title}
      </h2>
      {children}
    </section>
  );
}

const versionsOf = (p: Product, any: string) => {
  const from = p.versionStartIncluding ? `≥ ${p.versionStartIncluding}` : p.versionStartExcluding ? `> ${p.versionStartExcluding}` : "";
  const to = p.versionEndIncluding ? `≤ ${p.versionEndIncluding}` : p.versionEndExcluding ? `< ${p.versionEndExcluding}` : "";
  return [from, to].filter(Boolean).join(", ") || any;
};

function LinkStepsList({ entries }: { entries: LinkSteps[] }) {
  const t = useT(messages);
  if (entries.length === 0) return <p>{t("none")}</p>;
  return (
    <ol>
      {entries.map((e, i) => (
        <li key={i} className="mb-2">
          <strong>{e.title}</strong>
          {e.url && (
            <>
              {" — "}
              <a href={e.url} rel="noopener noreferrer" target="_blank">
                {t("openLink", { title: e.title })}
              </a>
            </>
          )}
          {e.steps && <p className="mb-0 intel-pre">{e.steps}</p>}
        </li>
      ))}
    </ol>
  );
}

/** An advisory: summary, affected products, CVEs, patches, mitigations, its indicators, references. */
export function AdvisoryDetails({ advisory, indicators }: { advisory: Advisory; indicators: IntelItem[] | null }) {
  const t = useT(messages);
  return (
    <>
      <Section id="adv-summary" title={t("summary")}>
        <p className="intel-pre">{advisory.summary}</p>
      </Section>
      <Section id="adv-products" title={t("affectedProducts")}>
        {advisory.affectedProducts.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <div className="table-responsive">
            <table className="table table-sm">
              <caption className="visually-hidden">{t("affectedProducts")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("vendor")}</th>
                  <th scope="col">{t("product")}</th>
                  <th scope="col">{t("versions")}</th>
                  <th scope="col">{t("cpe")}</th>
                </tr>
              </thead>
              <tbody>
                {advisory.affectedProducts.map((p, i) => (
                  <tr key={i}>
                    <td>{p.vendor}</td>
                    <th scope="row" className="fw-normal">{p.product}</th>
                    <td>{versionsOf(p, t("anyVersion"))}</td>
                    <td className="intel-value">{p.cpe ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section id="adv-cves" title={t("cves")}>
        {advisory.cveIds.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <ul className="list-inline">
            {advisory.cveIds.map((cve) => (
              <li key={cve} className="list-inline-item">
                <a href={`https://www.cve.org/CVERecord?id=${cve}`} rel="noopener noreferrer" target="_blank">
                  {cve}
                </a>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="adv-patches" title={t("patches")}>
        <LinkStepsList entries={advisory.patches} />
      </Section>
      <Section id="adv-mitigations" title={t("mitigations")}>
        <LinkStepsList entries={advisory.mitigations} />
      </Section>
      <Section id="adv-indicators" title={t("indicators")}>
        {indicators && indicators.length > 0 ? <IndicatorTable items={indicators} caption={t("indicatorsCaption")} /> : <p>{t("none")}</p>}
      </Section>
      <Section id="adv-references" title={t("references")}>
        {advisory.references.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <ul>
            {advisory.references.map((r, i) => (
              <li key={i}>
                <a href={r.url} rel="noopener noreferrer" target="_blank">
                  {r.title ?? r.url}
                </a>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

/** An experience report: the structured fields, then the narrative. */
export function ReportDetails({ report }: { report: NonNullable<IntelItem["experienceReport"]> }) {
  const t = useT(messages);
  const fields: [string, string | null][] = [
    [t("attackType"), report.attackType],
    [t("entryVector"), report.entryVector],
    [t("impact"), report.impact],
    [t("timeToRecover"), report.timeToRecoverHours === null ? null : t("hours", { count: report.timeToRecoverHours })],
    [t("detection"), report.detection],
    [t("whatWorked"), report.whatWorked],
    [t("lessons"), report.lessons],
  ];
  return (
    <>
      <dl className="row">
        {fields
          .filter(([, v]) => v)
          .map(([label, value]) => (
            <div key={label} className="col-12 col-md-6 mb-2">
              <dt>{label}</dt>
              <dd className="intel-pre">{value}</dd>
            </div>
          ))}
      </dl>
      <Section id="report-narrative" title={t("narrative")}>
        <p className="intel-pre">{report.narrative}</p>
      </Section>
    </>
  );
}

import { useState } from "react";
import { api, ApiError, unwrap } from "../../api/client.ts";
import type { Schemas } from "../../api/types.ts";
import { useLocale, useT } from "../../i18n/index.ts";
import { ConfirmButton, DataTable, Notice, PageTitle, useAsync } from "../../ui/index.ts";
import { NoOrganisation, PageData, useCurrentOrgId } from "../organisation/page-access.tsx";
import { textOf } from "./catalogs.ts";
import { FrameworkUploadForm } from "./FrameworkUploadForm.tsx";
import { frameworksMessages } from "./frameworks-messages.ts";

type Framework = Schemas["OrganisationFramework"];

/** /valutazioni/framework: the frameworks of the current organisation, their templates, uploads. */
export function FrameworksPage() {
  const t = useT(frameworksMessages);
  const orgId = useCurrentOrgId();
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <p>{t("intro")}</p>
      {orgId ? <Frameworks key={orgId} orgId={orgId} /> : <NoOrganisation />}
    </>
  );
}

function Frameworks({ orgId }: { orgId: string }) {
  const t = useT(frameworksMessages);
  const { locale } = useLocale();
  const [notice, setNotice] = useState<string | null>(null);
  const list = useAsync(() => unwrap(api.GET("/api/orgs/{orgId}/frameworks", { params: { path: { orgId } } })), [orgId]);
  // the notice comes once the table shows the change it announces
  const reloadThen = async (message: string) => {
    await list.reload();
    setNotice(message);
  };
  const [problem, setProblem] = useState<string | null>(null);
  const remove = async (framework: Framework) => {
    setNotice(null);
    setProblem(null);
    try {
      await unwrap(api.DELETE("/api/orgs/{orgId}/frameworks/{frameworkId}", { params: { path: { orgId, frameworkId: framework.id } } }));
    } catch (caught) {
      // e.g. 409: assessments still use the organisation's own framework
      const error = caught instanceof ApiError ? caught : new ApiError(0, "internal", String(caught));
      setProblem([error.message, ...error.fields.map((f) => f.reason)].join(" "));
      return;
    }
    await reloadThen(t("removed"));
  };
  const date = (iso: string) => new Date(iso).toLocaleDateString(locale);
  // per level (or "all"), the count of the deepest kind: what an assessment answers
  const counts = (f: Framework) =>
    Object.entries(f.requirementCounts)
      .map(([level, byKind]) => {
        const answered = Object.values(byKind).at(-1) ?? 0;
        const name = textOf(f.levels?.find((l) => l.id === level)?.title, locale);
        return name ? `${name}: ${answered}` : String(answered);
      })
      .join("; ");
  return (
    <PageData state={list}>
      {(data) => (
        <>
          {notice && <Notice kind="success">{notice}</Notice>}
          {problem && <Notice kind="danger">{problem}</Notice>}
          <DataTable<Framework>
            caption={t("caption")}
            rows={data.items}
            rowKey={(f) => f.id}
            columns={[
              { header: t("colFramework"), rowHeader: true, cell: (f) => textOf(f.title, locale) },
              { header: t("colId"), cell: (f) => <code>{f.id}</code> },
              { header: t("colVersion"), cell: (f) => f.version },
              {
                header: t("colOrigin"),
                cell: (f) => (
                  <>
                    {t(`origin.${f.origin}`)}
                    {f.upload && (
                      <span className="d-block small">
                        {f.upload.uploadedByName ? t("uploadedBy", { name: f.upload.uploadedByName, date: date(f.upload.uploadedAt) }) : t("uploadedOn", { date: date(f.upload.uploadedAt) })}
                      </span>
                    )}
                  </>
                ),
              },
              { header: t("colRequirements"), cell: counts },
              {
                header: t("colDownload"),
                cell: (f) => (
                  <span className="d-flex flex-wrap gap-2">
                    {(["xlsx", "csv"] as const).map((format) => (
                      <a key={format} className="btn btn-outline-primary btn-sm" href={`/api/frameworks/${encodeURIComponent(f.id)}/template.${format}`} download aria-label={t("downloadLabel", { framework: textOf(f.title, locale), format: format.toUpperCase() })}>
                        {t(format === "xlsx" ? "downloadXlsx" : "downloadCsv")}
                      </a>
                    ))}
                  </span>
                ),
              },
              {
                header: t("colActions"),
                cell: (f) =>
                  f.actions.includes("delete") ? (
                    <ConfirmButton question={t("removeQuestion")} onConfirm={() => remove(f)}>
                      {t("remove")}
                    </ConfirmButton>
                  ) : null,
              },
            ]}
          />
          <section aria-labelledby="empty-template" className="mb-4">
            <h2 id="empty-template" className="h5">
              {t("emptyTemplateTitle")}
            </h2>
            <p>{t("emptyTemplateText")}</p>
            <p className="d-flex flex-wrap gap-2">
              <a className="btn btn-outline-secondary btn-sm" href="/api/frameworks/template.xlsx" download>
                {t("emptyXlsx")}
              </a>
              <a className="btn btn-outline-secondary btn-sm" href="/api/frameworks/template.csv" download>
                {t("emptyCsv")}
              </a>
            </p>
          </section>
          {data.actions.includes("upload") && (
            <FrameworkUploadForm
              orgId={orgId}
              frameworks={data.items}
              onUploaded={(message) => reloadThen(message)}
            />
          )}
        </>
      )}
    </PageData>
  );
}

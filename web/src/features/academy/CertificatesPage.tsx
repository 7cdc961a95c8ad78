import { Link } from "react-router-dom";
import { useLocale } from "../../i18n/locale.tsx";
import { useT } from "../../i18n/use-t.ts";
import { DataTable, FormErrors, Loading, PageTitle, useAsync, type Column } from "../../ui/index.ts";
import { academyApi, certificatePdfHref, type Certificate } from "./academy-api.ts";
import { messages } from "./messages.ts";
import { academyPaths, pathHref, verifyHref } from "./paths.ts";

/** /academy/attestati: the signed-in learner's certificates, each with its PDF and verification page. */
export function CertificatesPage() {
  const t = useT(messages);
  const { locale } = useLocale();
  const list = useAsync(() => academyApi.myCertificates(), []);
  const date = (iso: string) => new Date(iso).toLocaleDateString(locale === "en" ? "en-GB" : "it-IT");
  const columns: Column<Certificate>[] = [
    { header: t("certificates.path"), rowHeader: true, cell: (c) => <Link to={pathHref(c.pathSlug)}>{c.pathTitle}</Link> },
    { header: t("certificates.issuedAt"), cell: (c) => date(c.issuedAt) },
    { header: t("certificates.code"), cell: (c) => <span className="font-monospace">{c.code}</span> },
    { header: t("certificates.state"), cell: (c) => (c.revokedAt ? t("certificates.revoked") : t("certificates.valid")) },
    {
      header: t("actions"),
      cell: (c) => (
        <span className="d-flex flex-wrap gap-3">
          <a href={certificatePdfHref(c.id, "it")} download>
            {t("certificates.pdfIt")} <span className="visually-hidden">{c.pathTitle}</span>
          </a>
          <a href={certificatePdfHref(c.id, "en")} download>
            {t("certificates.pdfEn")} <span className="visually-hidden">{c.pathTitle}</span>
          </a>
          <Link to={verifyHref(c.code)}>
            {t("certificates.verifyLink")} <span className="visually-hidden">{c.code}</span>
          </Link>
        </span>
      ),
    },
  ];
  return (
    <>
      <PageTitle>{t("certificates.title")}</PageTitle>
      <p>{t("certificates.intro")}</p>
      {list.loading && <Loading />}
      <FormErrors error={list.error} />
      {list.data &&
        (list.data.items.length === 0 ? (
          <p>
            {t("certificates.none")} <Link to={academyPaths.catalog}>{t("backToCatalog")}</Link>
          </p>
        ) : (
          <DataTable caption={t("certificates.title")} columns={columns} rows={list.data.items} rowKey={(c) => c.id} />
        ))}
    </>
  );
}

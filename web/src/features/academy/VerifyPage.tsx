import { useState, type FormEvent } from "react";
import { Navigate, useNavigate, useParams } from "react-router-dom";
import { useLocale } from "../../i18n/locale.tsx";
import { useT } from "../../i18n/use-t.ts";
import { FormField, Loading, Notice, PageTitle, useAsync } from "../../ui/index.ts";
import { academyApi } from "./academy-api.ts";
import { messages } from "./messages.ts";
import { verifyHref } from "./paths.ts";

/** The form to type a certificate's code (public). */
function CodeForm({ initial = "" }: { initial?: string }) {
  const t = useT(messages);
  const navigate = useNavigate();
  const [code, setCode] = useState(initial);
  const [problem, setProblem] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const clean = code.trim().toUpperCase();
    if (!clean) {
      setProblem(t("verify.codeRequired"));
      return;
    }
    setProblem(undefined);
    navigate(verifyHref(clean));
  };
  return (
    <form onSubmit={submit} noValidate className="mb-4 academy-verify-form">
      <FormField label={t("verify.code")} hint={t("verify.codeHint")} value={code} onChange={setCode} error={problem} autoComplete="off" spellCheck={false} />
      <button type="submit" className="btn btn-primary">
        {t("verify.submit")}
      </button>
    </form>
  );
}

/** /academy/verifica: anyone checks a certificate by its code. */
export function VerifyFormPage() {
  const t = useT(messages);
  return (
    <>
      <PageTitle>{t("verify.title")}</PageTitle>
      <p>{t("verify.intro")}</p>
      <CodeForm />
    </>
  );
}

/** /academy/verifica/:code: whether a certificate with that code exists, and for whom and what. */
export function VerifyPage() {
  const { code = "" } = useParams();
  const t = useT(messages);
  const { locale } = useLocale();
  const check = useAsync(() => academyApi.verify(code), [code]);
  const date = (iso: string) => new Date(iso).toLocaleDateString(locale === "en" ? "en-GB" : "it-IT");
  return (
    <>
      <PageTitle>{t("verify.title")}</PageTitle>
      {check.loading && <Loading />}
      {check.error &&
        (check.error.status === 404 || check.error.status === 422 ? (
          <Notice kind="danger">
            <strong>{t("verify.unknownTitle")}</strong> {t("verify.unknown", { code })}
          </Notice>
        ) : (
          <Notice kind="danger">{check.error.code === "network" ? t("networkError") : check.error.message}</Notice>
        ))}
      {check.data &&
        (check.data.valid ? (
          <Notice kind="success">
            <strong>{t("verify.validTitle")}</strong>{" "}
            {t("verify.valid", { name: check.data.learnerName, path: check.data.pathTitle, date: date(check.data.issuedAt), code: check.data.code })}
          </Notice>
        ) : (
          <Notice kind="warning">
            <strong>{t("verify.revokedTitle")}</strong>{" "}
            {t("verify.revoked", { name: check.data.learnerName, path: check.data.pathTitle, date: check.data.revokedAt ? date(check.data.revokedAt) : "" })}
          </Notice>
        ))}
      <h2 className="h4 mt-4">{t("verify.another")}</h2>
      <CodeForm key={code} />
    </>
  );
}

/** The address the certificate PDF prints, /academy/certificates/{code}. */
export function CertificateLinkAlias() {
  const { code = "" } = useParams();
  return <Navigate to={verifyHref(code)} replace />;
}

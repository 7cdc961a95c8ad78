import { Link, useParams } from "react-router-dom";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, Loading, Notice, PageTitle, useAsync } from "../../ui/index.ts";
import { academyApi, type AcademyPath } from "./academy-api.ts";
import { BrowserProgressNotice } from "./BrowserProgressNotice.tsx";
import { messages } from "./messages.ts";
import type { ItemStatus, ModuleProgress } from "./model.ts";
import { academyPaths, itemHref } from "./paths.ts";
import { useLearnerProgress, type LearnerProgress } from "./use-progress.ts";

/** /academy/:pathId: the path's modules in order, with prerequisites, locks and the learner's progress. */
export function PathPage() {
  const { pathId = "" } = useParams();
  const t = useT(messages);
  const path = useAsync(() => academyApi.path(pathId), [pathId]);
  const progress = useLearnerProgress(path.data);
  if (path.loading) return <Loading />;
  if (!path.data) {
    return (
      <>
        <PageTitle>{t("path.notFound")}</PageTitle>
        <FormErrors error={path.error} />
        <Link to={academyPaths.catalog}>{t("backToCatalog")}</Link>
      </>
    );
  }
  return <PathView path={path.data} progress={progress} />;
}

function PathView({ path, progress }: { path: AcademyPath; progress: LearnerProgress }) {
  const t = useT(messages);
  const moduleOf = (id: string): ModuleProgress | undefined => progress.modules.find((m) => m.id === id);
  const titleOf = (id: string) => path.modules.find((m) => m.id === id)?.title ?? id;
  return (
    <>
      <nav aria-label={t("breadcrumb")} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to={academyPaths.catalog}>{t("catalog.title")}</Link>
          </li>
        </ol>
      </nav>
      <PageTitle title={path.title}>
        <span lang={path.language}>{path.title}</span>
      </PageTitle>
      <p className="lead" lang={path.language}>
        {path.summary}
      </p>
      <p className="small">
        <span className="badge bg-primary me-2">{t(`level.${path.level}`)}</span>
        {t("minutes", { minutes: path.estimatedMinutes })} · {t("catalog.for")} {path.audiences.map((a) => t(`audience.${a}`)).join(", ")}
      </p>
      {progress.source === "browser" ? <BrowserProgressNotice /> : <p className="small">{t("path.serverProgress")}</p>}
      <FormErrors error={progress.error} />
      {progress.certificate && (
        <Notice kind="success">
          {t("path.certificateEarned", { code: progress.certificate.code })} <Link to={academyPaths.certificates}>{t("certificates.title")}</Link>
        </Notice>
      )}
      {progress.source === "browser" && progress.completed && <Notice kind="success">{t("path.completedInBrowser")}</Notice>}
      {progress.loading && <Loading />}
      <ol className="list-unstyled academy-modules">
        {path.modules.map((m, index) => {
          const state = moduleOf(m.id);
          const locked = state?.locked ?? false;
          const missing = m.prerequisites.filter((p) => !moduleOf(p)?.completed);
          return (
            <li key={m.id} className="card card-bg mb-4 academy-module" data-module={m.id}>
              <div className="card-body">
                <h2 className="h4">
                  {t("path.moduleNumber", { n: index + 1 })} <span lang={path.language}>{m.title}</span>
                </h2>
                <p className="fw-semibold mb-2" data-module-status>
                  {locked ? (
                    <>
                      <span aria-hidden="true">🔒 </span>
                      {t("path.locked", { modules: missing.map((p) => `«${titleOf(p)}»`).join(", ") })}
                    </>
                  ) : state?.completed ? (
                    <>
                      <span aria-hidden="true">✓ </span>
                      {t("path.moduleComplete")}
                    </>
                  ) : (
                    t("path.moduleOpen")
                  )}
                </p>
                <p lang={path.language}>{m.summary}</p>
                {m.prerequisites.length > 0 && <p className="small">{t("path.prerequisites", { modules: m.prerequisites.map((p) => `«${titleOf(p)}»`).join(", ") })}</p>}
                <p className="small">{m.completion === "pass_quiz" ? t("path.rulePassQuiz") : t("path.ruleAllItems")}</p>
                <ul className="list-unstyled mb-0">
                  {m.items.map((item) => {
                    const status = progress.itemOf(item.id).status;
                    const label = (
                      <>
                        <span className="badge bg-secondary me-2">{t(`kind.${item.kind}`)}</span>
                        <span lang={path.language}>{item.title}</span>
                      </>
                    );
                    return (
                      <li key={item.id} className="d-flex flex-wrap align-items-center justify-content-between gap-2 py-2 border-top">
                        {/* a locked module's quizzes and exercises cannot be taken yet; its reading can */}
                        {locked && (item.kind === "quiz" || item.kind === "exercise") ? <span>{label}</span> : <Link to={itemHref(path.slug, item.id)}>{label}</Link>}
                        <StatusText status={status} />
                      </li>
                    );
                  })}
                </ul>
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}

export function StatusText({ status }: { status: ItemStatus }) {
  const t = useT(messages);
  const mark = status === "passed" || status === "completed" ? "✓ " : status === "failed" ? "✗ " : "";
  return (
    <span className="small">
      <span aria-hidden="true">{mark}</span>
      {t(`status.${status}`)}
    </span>
  );
}

import { Link, useParams } from "react-router-dom";
import { useT } from "../../i18n/use-t.ts";
import { FormErrors, Loading, Notice, PageTitle, useAsync } from "../../ui/index.ts";
import { academyApi, type AcademyItem, type AcademyPath } from "./academy-api.ts";
import { ArticleView } from "./ArticleView.tsx";
import { BrowserProgressNotice } from "./BrowserProgressNotice.tsx";
import { messages } from "./messages.ts";
import { PhishingPlayer } from "./PhishingPlayer.tsx";
import { QuizItem } from "./QuizItem.tsx";
import { ScenarioPlayer } from "./ScenarioPlayer.tsx";
import { academyPaths, itemHref, pathHref } from "./paths.ts";
import { StatusText } from "./PathPage.tsx";
import { useLearnerProgress, type LearnerProgress } from "./use-progress.ts";

/** /academy/:pathId/:itemId: one article, quiz or exercise of a path, with the way to the next one. */
export function ItemPage() {
  const { pathId = "", itemId = "" } = useParams();
  const t = useT(messages);
  const path = useAsync(() => academyApi.path(pathId), [pathId]);
  const progress = useLearnerProgress(path.data);
  if (path.loading || progress.loading) return <Loading />;
  const found = path.data?.modules.flatMap((m) => m.items.map((item) => ({ module: m, item }))).find((x) => x.item.id === itemId);
  if (!path.data || !found) {
    return (
      <>
        <PageTitle>{t("item.notFound")}</PageTitle>
        <FormErrors error={path.error} />
        <Link to={path.data ? pathHref(path.data.slug) : academyPaths.catalog}>{t("backToPath")}</Link>
      </>
    );
  }
  return <ItemView key={itemId} path={path.data} item={found.item} moduleId={found.module.id} progress={progress} />;
}

function ItemView({ path, item, moduleId, progress }: { path: AcademyPath; item: AcademyItem; moduleId: string; progress: LearnerProgress }) {
  const t = useT(messages);
  const all = path.modules.flatMap((m) => m.items);
  const next = all[all.findIndex((i) => i.id === item.id) + 1];
  const module = path.modules.find((m) => m.id === moduleId)!;
  const locked = progress.modules.find((m) => m.id === moduleId)?.locked ?? false;
  const practice = item.kind === "quiz" || item.kind === "exercise";
  return (
    <>
      <nav aria-label={t("breadcrumb")} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to={academyPaths.catalog}>{t("catalog.title")}</Link>
          </li>
          <li className="breadcrumb-item">
            <Link to={pathHref(path.slug)} lang={path.language}>
              {path.title}
            </Link>
          </li>
        </ol>
      </nav>
      <PageTitle title={item.title}>
        <span lang={path.language}>{item.title}</span>
      </PageTitle>
      <p className="small">
        <span className="badge bg-secondary me-2">{t(`kind.${item.kind}`)}</span>
        <span lang={path.language}>{module.title}</span> · <StatusText status={progress.itemOf(item.id).status} />
      </p>
      {progress.source === "browser" && <BrowserProgressNotice />}
      {locked && practice ? (
        <Notice kind="warning">
          <span aria-hidden="true">🔒 </span>
          {t("item.locked")} <Link to={pathHref(path.slug)}>{t("backToPath")}</Link>
        </Notice>
      ) : (
        <ItemBody path={path} item={item} progress={progress} />
      )}
      <nav aria-label={t("item.nextNav")} className="mt-5 d-flex flex-wrap gap-3">
        <Link to={pathHref(path.slug)}>{t("backToPath")}</Link>
        {next && (
          <Link to={itemHref(path.slug, next.id)}>
            {t("item.next")} <span lang={path.language}>{next.title}</span>
          </Link>
        )}
      </nav>
    </>
  );
}

function ItemBody({ path, item, progress }: { path: AcademyPath; item: AcademyItem; progress: LearnerProgress }) {
  const t = useT(messages);
  const now = () => new Date().toISOString();
  const status = progress.itemOf(item.id).status;
  const markDone = async () => {
    if (progress.source === "server") {
      await academyApi.complete(path.slug, item.id);
      await progress.reload();
    } else progress.record(item.id, { status: "completed", score: null, completedAt: now() });
  };
  switch (item.kind) {
    case "article":
      return <ArticleView markdown={item.markdown ?? ""} estimatedMinutes={item.estimatedMinutes} done={status === "completed"} onMarkRead={markDone} lang={path.language} />;
    case "quiz":
      return <QuizItem path={path} item={item} progress={progress} />;
    case "exercise": {
      const exercise = item.exercise;
      if (!exercise) return null;
      const intro = item.instructions ? <p lang={path.language}>{item.instructions}</p> : null;
      if (exercise.type === "spot_the_phishing") {
        return (
          <>
            {intro}
            <PhishingPlayer
              exercise={exercise}
              lang={path.language}
              onCheck={async (marked) => {
                const result = await academyApi.checkPhishing(path.slug, item.id, marked);
                if (progress.source === "server") await progress.reload();
                else progress.record(item.id, { status: "completed", score: result.scorePercent, completedAt: now() });
                return result;
              }}
            />
          </>
        );
      }
      if (!exercise.start) return null;
      return (
        <>
          {intro}
          <ScenarioPlayer
            start={exercise.start}
            lang={path.language}
            onWalk={async (choices) => {
              const step = await academyApi.walk(path.slug, item.id, choices);
              if (step.ending) {
                if (progress.source === "server") await progress.reload();
                else progress.record(item.id, { status: "completed", score: step.ending.scorePercent, completedAt: now() });
              }
              return step;
            }}
          />
        </>
      );
    }
    case "video": {
      // served by the academy's media route with range requests; captions are required to publish
      const media = (name: string) => `/api/academy/media/${encodeURIComponent(path.id)}/${name.split("/").map(encodeURIComponent).join("/")}`;
      return (
        <>
          <video controls preload="metadata" className="w-100 mb-3" src={media(item.media ?? "")} onEnded={() => void markDone()}>
            {(item.captions ?? []).map((c) => (
              <track key={c.file} kind="captions" srcLang={c.language} label={c.language === "it" ? "Italiano" : "English"} src={media(c.file)} default={c.language === path.language} />
            ))}
          </video>
          <h2 className="h5">{t("item.transcript")}</h2>
          {item.transcript && <ArticleView markdown={item.transcript} done={status === "completed"} onMarkRead={markDone} lang={path.language} />}
        </>
      );
    }
    case "resource":
      return (
        <>
          <p lang={path.language}>{item.description}</p>
          <button type="button" className="btn btn-primary" disabled={status === "completed"} onClick={() => void markDone()}>
            {status === "completed" ? t("status.completed") : t("article.markRead")}
          </button>
        </>
      );
  }
}

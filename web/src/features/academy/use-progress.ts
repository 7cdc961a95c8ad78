import { useCallback, useEffect, useState } from "react";
import type { ApiError } from "../../api/client.ts";
import { useSession } from "../../app/session.tsx";
import { academyApi, type AcademyPath, type AcademyProgress } from "./academy-api.ts";
import { localProgressKey, mergeResult, moduleProgress, parseLocalProgress, type ItemProgress, type ModuleProgress } from "./model.ts";

export interface LearnerProgress {
  /** "server" for a signed-in learner, "browser" for everyone else */
  source: "server" | "browser";
  loading: boolean;
  error: ApiError | null;
  modules: ModuleProgress[];
  completed: boolean;
  certificate: AcademyProgress["certificate"];
  itemOf: (itemId: string) => ItemProgress;
  /** a learner without an account: keeps a result in the browser (signed-in: the server already has it) */
  record: (itemId: string, result: ItemProgress) => void;
  /** reads the server's progress again after a learning event */
  reload: () => Promise<void>;
}

const notStarted: ItemProgress = { status: "not_started", score: null, completedAt: null };

function readLocal(slug: string) {
  try {
    return parseLocalProgress(window.localStorage.getItem(localProgressKey(slug)));
  } catch {
    // storage disabled: progress lasts as long as the page
    return parseLocalProgress(null);
  }
}

/**
 * A path's progress: the server's for a signed-in learner, the browser's (localStorage) for
 * everyone else, with the same completion and prerequisite rules.
 */
export function useLearnerProgress(path: AcademyPath | null): LearnerProgress {
  const { session, loading: sessionLoading } = useSession();
  const signedIn = !!session && !session.pending;
  const slug = path?.slug ?? "";
  const [server, setServer] = useState<AcademyProgress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [serverLoading, setServerLoading] = useState(false);
  const [local, setLocal] = useState(() => readLocal(slug));

  const reload = useCallback(async () => {
    if (!signedIn || !slug) return;
    setServerLoading(true);
    try {
      setServer(await academyApi.progress(slug));
      setError(null);
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setServerLoading(false);
    }
  }, [signedIn, slug]);

  useEffect(() => {
    setLocal(readLocal(slug));
    void reload();
  }, [slug, reload]);

  const record = useCallback(
    (itemId: string, result: ItemProgress) => {
      if (signedIn || !slug) return;
      setLocal((current) => {
        const next = { ...current, items: { ...current.items, [itemId]: mergeResult(current.items[itemId], result) } };
        try {
          window.localStorage.setItem(localProgressKey(slug), JSON.stringify(next));
        } catch {
          // storage full or disabled: the page still shows it until it is closed
        }
        return next;
      });
    },
    [signedIn, slug],
  );

  if (signedIn) {
    const modules: ModuleProgress[] = (server?.modules ?? []).map((m) => ({
      id: m.id,
      completed: m.completed,
      locked: m.locked,
      items: m.items.map((i) => ({ id: i.id, status: i.status, score: i.score, completedAt: i.completedAt })),
    }));
    const byItem = new Map(modules.flatMap((m) => m.items.map((i) => [i.id, i] as const)));
    return {
      source: "server",
      loading: sessionLoading || (serverLoading && !server),
      error,
      modules,
      completed: server?.completed ?? false,
      certificate: server?.certificate ?? null,
      itemOf: (id) => byItem.get(id) ?? notStarted,
      record,
      reload,
    };
  }
  const modules = path ? moduleProgress(path, local.items) : [];
  return {
    source: "browser",
    loading: sessionLoading,
    error: null,
    modules,
    completed: modules.length > 0 && modules.every((m) => m.completed),
    certificate: null,
    itemOf: (id) => local.items[id] ?? notStarted,
    record,
    reload,
  };
}

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../../api/client.ts";

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

const asApiError = (caught: unknown) => (caught instanceof ApiError ? caught : new ApiError(0, "internal", String(caught)));

/**
 * A server-paged list ({ items, nextCursor }): the first page loads whenever a key changes (the
 * organisation, the search, the filters); `loadMore` appends the next page. Answers for old keys
 * are dropped, so a slow reply never overwrites a newer search.
 */
export function usePagedList<Item>(loadPage: (cursor: string | undefined) => Promise<Page<Item>>, keys: readonly unknown[]) {
  const [items, setItems] = useState<Item[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const loader = useRef(loadPage);
  loader.current = loadPage;

  const fetchPage = useCallback(async (cursor: string | undefined, append: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await loader.current(cursor);
      if (mine !== generation.current) return;
      setItems((before) => (append && before ? [...before, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
    } catch (caught) {
      if (mine === generation.current) setError(asApiError(caught));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  const reload = useCallback(() => fetchPage(undefined, false), [fetchPage]);

  useEffect(() => {
    setItems(null);
    void fetchPage(undefined, false);
    // keys name every input of loadPage
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, keys);

  const loadMore = useCallback(() => (nextCursor ? fetchPage(nextCursor, true) : Promise.resolve()), [fetchPage, nextCursor]);
  return { items, setItems, nextCursor, loading, error, loadMore, reload };
}

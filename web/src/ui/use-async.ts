import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../api/client.ts";

/** Loads data for a view: { data, error, loading, reload }. Pair it with <Loading> and <FormErrors>. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: true });
  // the caller lists what `load` depends on, as with useEffect
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const data = await run();
      setState({ data, error: null, loading: false });
    } catch (caught) {
      setState({ data: null, loading: false, error: caught instanceof ApiError ? caught : new ApiError(0, "internal", String(caught)) });
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { ...state, reload };
}

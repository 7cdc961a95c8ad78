import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, ApiError, setCsrfToken, SIGNED_OUT_EVENT, unwrap } from "../api/client.ts";
import type { SessionInfo } from "../api/types.ts";
import { useLocale } from "../i18n/locale.tsx";

export interface SessionState {
  /** GET /api/auth/session, or null when signed out */
  session: SessionInfo | null;
  loading: boolean;
  refresh: () => Promise<SessionInfo | null>;
  switchOrganisation: (orgId: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** true after the user signed out here: the sign-in page then needs no way back to a page */
  signedOut: boolean;
}

const SessionContext = createContext<SessionState | null>(null);

async function loadSession(): Promise<SessionInfo | null> {
  try {
    return await unwrap(api.GET("/api/auth/session"));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [loading, setLoading] = useState(true);
  const [signedOut, setSignedOut] = useState(false);
  const { locale, setLocale } = useLocale();

  const refresh = useCallback(async () => {
    try {
      const next = await loadSession();
      setCsrfToken(next?.csrfToken ?? null);
      setSession(next);
      if (next) setSignedOut(false);
      return next;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setSession(null));
    // a 401 elsewhere means the session ended: reload it, and the route guard sends the user to sign-in
    const onSignedOut = () => void refresh().catch(() => setSession(null));
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, [refresh]);

  // The profile's language wins once the user is known.
  const profileLocale = session?.user.locale;
  useEffect(() => {
    if (profileLocale && profileLocale !== locale) setLocale(profileLocale);
    // only when the profile changes, so the header switch still works before the profile is saved
  }, [profileLocale]);

  const switchOrganisation = useCallback(
    async (orgId: string) => {
      await unwrap(api.POST("/api/auth/switch-organisation", { body: { orgId } }));
      await refresh();
    },
    [refresh],
  );

  const signOut = useCallback(async () => {
    try {
      await unwrap(api.POST("/api/auth/logout"));
    } finally {
      setCsrfToken(null);
      setSignedOut(true);
      setSession(null);
    }
  }, []);

  const value = useMemo(
    () => ({ session, loading, refresh, switchOrganisation, signOut, signedOut }),
    [session, loading, refresh, switchOrganisation, signOut, signedOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}

import type { ReactNode } from "react";
import type { ApiError } from "../../api/client.ts";
import { useSession } from "../../app/session.tsx";
import { useT } from "../../i18n/index.ts";
import { FormErrors, Loading, Notice } from "../../ui/index.ts";
import { messages } from "./messages.ts";

/** 403 and 404 both mean "not for you here": the server hides what the caller may not see. */
export const isNotAllowed = (error: ApiError | null) => error?.status === 403 || error?.status === 404;

/** The current organisation's id, or null while the user acts for none. */
export function useCurrentOrgId(): string | null {
  return useSession().session?.currentOrgId ?? null;
}

/**
 * What an organisation page shows before its data: a progress indicator, a clear "not allowed"
 * when the server refuses (the server decides, the page never re-implements role checks), or the
 * failure. Renders children once the data is there.
 */
export function PageData<T>({ state, children }: { state: { data: T | null; error: ApiError | null; loading: boolean }; children: (data: T) => ReactNode }) {
  if (state.error && isNotAllowed(state.error)) return <NotAllowedNotice />;
  if (state.error) return <FormErrors error={state.error} />;
  if (state.data === null) return <Loading />;
  return <>{children(state.data)}</>;
}

/** Shown instead of an organisation page while the user acts for no organisation. */
export function NoOrganisation() {
  const t = useT(messages);
  return <Notice kind="info">{t("noOrganisation")}</Notice>;
}

/** The clear "not allowed" a page shows when the server refuses its data to the caller. */
export function NotAllowedNotice() {
  const t = useT(messages);
  return <Notice kind="warning">{t("notAllowed")}</Notice>;
}

import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { api } from "../../api/client.ts";
import { useT } from "../../i18n/use-t.ts";
import { Notice } from "../../ui/index.ts";
import { ssoMessages, type SsoMessageKey } from "./messages.ts";

type Provider = { id: string; name: string };

// Only a complete-looking address is worth asking about; the wait lets the person finish typing,
// so password sign-in never waits for this and the server is asked once per address.
const looksComplete = (email: string) => /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email);
const TYPING_PAUSE_MS = 350;

/** Enabled providers serving the typed email's domain (empty while unknown or on failure). */
function useSsoProviders(email: string): Provider[] {
  const [found, setFound] = useState<{ email: string; providers: Provider[] }>({ email: "", providers: [] });
  const wanted = email.trim().toLowerCase();
  useEffect(() => {
    if (!looksComplete(wanted)) return;
    let current = true;
    const timer = setTimeout(async () => {
      const { data } = await api.GET("/api/auth/sso/discover", { params: { query: { email: wanted } } }).catch(() => ({ data: undefined }));
      // a failed look-up just leaves password sign-in, which always works
      if (current) setFound({ email: wanted, providers: data?.providers ?? [] });
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [wanted]);
  return found.email === wanted ? found.providers : [];
}

/**
 * Under the password form: once the email is typed, a button per single sign-on provider that
 * serves its domain. Shows nothing at all for everyone else.
 */
export function SsoSignInOption({ email, next }: { email: string; next: string }) {
  const t = useT(ssoMessages);
  const providers = useSsoProviders(email);
  return (
    // a polite live region, so the option is announced when it appears
    <div aria-live="polite">
      {providers.length > 0 && (
        <section aria-labelledby="sso-sign-in-title" className="mt-4 p-3 border rounded">
          <h2 id="sso-sign-in-title" className="h5">
            {t("signInHeading")}
          </h2>
          <p className="small">{t("signInIntro")}</p>
          <ul className="list-unstyled mb-0 d-flex flex-column gap-2">
            {providers.map((p) => (
              <li key={p.id}>
                {/* a full navigation: the server redirects to the provider */}
                <a className="btn btn-outline-primary" href={`/api/auth/sso/${encodeURIComponent(p.id)}/start?returnTo=${encodeURIComponent(next)}`}>
                  {t("continueWith", { name: p.name })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

const failureCodes = ["expired", "denied", "failed", "unavailable", "disabled", "email_unverified", "domain_not_served", "not_member", "account_disabled"];

/** Why a single sign-on failed, when the server sent the person back here with `?sso=<code>`. */
export function SsoFailureNotice() {
  const t = useT(ssoMessages);
  const [params] = useSearchParams();
  const code = params.get("sso");
  if (!code) return null;
  const key = `error.${failureCodes.includes(code) ? code : "failed"}` as SsoMessageKey;
  return <Notice kind="danger">{t(key)}</Notice>;
}

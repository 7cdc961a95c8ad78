import { api } from "../../api/client.ts";
import { locales, useLocale, type Locale } from "../../i18n/locale.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useSession } from "../session.tsx";
import { navMessages } from "./messages.ts";

const names: Record<Locale, string> = { it: "Italiano", en: "English" };

/** IT | EN. When signed in the choice is saved in the profile, which wins on the next visit. */
export function LanguageSwitch() {
  const t = useT(navMessages);
  const { locale, setLocale } = useLocale();
  const { session, refresh } = useSession();
  const choose = async (next: Locale) => {
    setLocale(next);
    if (session && !session.pending) {
      const { response } = await api.PATCH("/api/me", { body: { locale: next } });
      if (response.ok) await refresh();
    }
  };
  return (
    <div role="group" aria-label={t("language")} className="btn-group me-3 language-switch">
      {locales.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={`btn btn-sm ${l === locale ? "btn-light" : "btn-outline-light"}`}
          aria-pressed={l === locale}
          onClick={() => void choose(l)}
        >
          {l.toUpperCase()}
          <span className="visually-hidden"> – {names[l]}</span>
        </button>
      ))}
    </div>
  );
}

export const locales = ["it", "en"] as const;
export type Locale = (typeof locales)[number];

/** Italian unless the caller clearly prefers English (Accept-Language or ?lang=). */
export function pickLocale(acceptLanguage: string | undefined, explicit?: string | null): Locale {
  if (explicit === "en" || explicit === "it") return explicit;
  if (!acceptLanguage) return "it";
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", q] = part.trim().split(";q=");
      return { lang: tag.slice(0, 2).toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((x) => x.lang === "it" || x.lang === "en")
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Locale | undefined) ?? "it";
}

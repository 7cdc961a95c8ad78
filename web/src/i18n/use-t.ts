import { useCallback } from "react";
import { common, type CommonKey, type Messages } from "./common.ts";
import { useLocale } from "./locale.tsx";

export type Translate<K extends string> = (key: K | CommonKey, params?: Record<string, string | number>) => string;

function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * `const t = useT(messages)`: t("key", { name }) looks the key up in the feature's messages, then in
 * the shared words, in the current language; "{name}" placeholders are filled from params.
 */
export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const { locale } = useLocale();
  return useCallback(
    (key, params) => {
      const own = messages[locale] as Record<string, string>;
      const shared = common[locale] as Record<string, string>;
      return interpolate(own[key] ?? shared[key] ?? key, params);
    },
    [locale, messages],
  );
}

export { LocaleProvider, useLocale, currentLocale, locales, type Locale } from "./locale.tsx";
export { useT, type Translate } from "./use-t.ts";
export { common, type Messages, type CommonKey } from "./common.ts";

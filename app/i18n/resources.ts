import { en } from "./locales/en.ts";
import { zhCN } from "./locales/zh-CN.ts";

/** Every language has exactly the keys of the Chinese source (checked by the type below). */
type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhCN>;

export const SUPPORTED_LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "zh-CN";

export const resources = {
  "zh-CN": { translation: zhCN },
  en: { translation: en },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** Shared i18next options for server and browser: resources are bundled, no loading step. */
export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: "translation",
  resources,
  interpolation: { escapeValue: false },
};

import { createCookie } from "@remix-run/node";
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LANGUAGE, i18nOptions, SUPPORTED_LANGUAGES, type Language } from "./resources.ts";

/** The chosen language is kept in a cookie; without one the UI is Simplified Chinese (not the browser's language). */
export const languageCookie = createCookie("lng", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });

const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: DEFAULT_LANGUAGE,
    cookie: languageCookie,
    order: ["searchParams", "cookie"],
  },
});

export async function getLocale(request: Request): Promise<Language> {
  return (await detector.getLocale(request)) as Language;
}

/**
 * One initialised i18next per language, shared by all requests: resources are bundled and the
 * language of an instance never changes, so rendering needs no per-request setup.
 */
const instances = new Map<Language, Promise<I18n>>();
export function i18nFor(language: Language): Promise<I18n> {
  let instance = instances.get(language);
  if (!instance) {
    const created = createInstance();
    instance = created.use(initReactI18next).init({ ...i18nOptions, lng: language }).then(() => created);
    instances.set(language, instance);
  }
  return instance;
}

/** `t` in the language a Cookie header chose (Chinese without one): for handlers outside Remix. */
export async function fixedTForCookieHeader(cookieHeader: string | null): Promise<TFunction> {
  const chosen: unknown = cookieHeader ? await languageCookie.parse(cookieHeader) : null;
  const language = SUPPORTED_LANGUAGES.find((l) => l === chosen) ?? DEFAULT_LANGUAGE;
  return (await i18nFor(language)).t;
}

/** `t` in the language of this request, for loaders and actions. */
export async function getFixedT(request: Request): Promise<TFunction> {
  return (await i18nFor(await getLocale(request))).t;
}

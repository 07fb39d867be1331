import { createInstance, type TFunction } from "i18next";
import { DEFAULT_LANGUAGE, i18nOptions, isLanguage, type Language } from "./resources.ts";

/**
 * Page titles (`meta`) in the person's language. `meta` runs on the server and in the browser
 * without hooks, so it reads the language the root loader chose from `matches` and translates
 * with the bundled resources. Every title ends with the one suffix, the platform's name:
 *
 *   export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
 *     pageTitle(matches, (t) => [data?.studio.name, t("studios.team.heading")]);
 */
const translators = new Map<Language, TFunction>();

function translatorFor(language: Language): TFunction {
  let t = translators.get(language);
  if (!t) {
    const instance = createInstance();
    // Resources are bundled, so initialisation is synchronous.
    void instance.init({ ...i18nOptions, lng: language, initImmediate: false });
    t = instance.t;
    translators.set(language, t);
  }
  return t;
}

type Matches = ReadonlyArray<{ id: string; data?: unknown } | undefined>;

export function languageOf(matches: Matches): Language {
  const root = matches.find((match) => match?.id === "root")?.data as { locale?: unknown } | undefined;
  return isLanguage(root?.locale) ? root.locale : DEFAULT_LANGUAGE;
}

/** The parts of the title, most specific first; empty parts are left out. */
export function pageTitle(matches: Matches, parts: (t: TFunction) => ReadonlyArray<string | null | undefined>) {
  const t = translatorFor(languageOf(matches));
  const title = [...parts(t), t("app.name")].filter((part): part is string => Boolean(part)).join(" · ");
  return [{ title }];
}

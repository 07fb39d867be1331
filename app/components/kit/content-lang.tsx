import { useTranslation } from "react-i18next";
import type { MessageParams } from "~/i18n/keys.ts";

const HAN = /\p{Script=Han}/u;

/**
 * The `lang` of what people wrote (names, titles of studios and documents) where it is shown: in
 * the English interface Chinese text is marked `lang="zh-CN"`, so screen readers pronounce it as
 * Chinese and browsers pick Chinese glyph forms; in the Chinese interface it inherits the page's.
 */
export function contentLang(text: string | null | undefined, uiLanguage: string): "zh-CN" | undefined {
  return uiLanguage !== "zh-CN" && text && HAN.test(text) ? "zh-CN" : undefined;
}

/** `lang={contentLang(text)}` for an element that shows people's text, in the current language. */
export function useContentLang(): (text: string | null | undefined) => "zh-CN" | undefined {
  const { i18n } = useTranslation();
  return (text) => contentLang(text, i18n.language);
}

/** People's own text in a span that carries its language (see contentLang). */
export function Content({ children, className }: { children: string | null | undefined; className?: string }) {
  const lang = useContentLang()(children);
  if (!lang && !className) return <>{children}</>;
  return (
    <span lang={lang} className={className}>
      {children}
    </span>
  );
}

/** Marks where a value goes in a translated message; control characters never occur in messages. */
const SLOT = /\u0001(\d+)\u0001/g;

/**
 * A translated message whose placeholders hold people's text (a notice naming a person and a
 * studio): `render` translates it with the values it is given, and each string value comes back in
 * its own `Content`, so in English the Chinese names are marked and the English words are not.
 */
export function ContentMessage<Values extends MessageParams>({ values, render }: { values: Values; render: (values: Values) => string }) {
  const strings: string[] = [];
  // The same names with the strings swapped for slots: the shape `render` was given.
  const slotted = Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      if (typeof value !== "string") return [name, value];
      strings.push(value);
      return [name, `\u0001${strings.length - 1}\u0001`];
    }),
  ) as Values;
  // split with a capturing group alternates text and slot numbers.
  const parts = render(slotted).split(SLOT);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 0 ? part : <Content key={i}>{strings[Number(part)]}</Content>))}
    </>
  );
}

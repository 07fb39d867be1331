import { useTranslation } from "react-i18next";

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

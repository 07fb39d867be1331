/** The shape of a Chinese message tree with every leaf widened to string, for its English twin. */
export type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/**
 * A feature's messages in both languages. Chinese is the source of keys; the English object must
 * have exactly the same keys (the compiler checks). Register the pair in app/i18n/resources.ts.
 */
export function defineMessages<const Zh extends object>(zh: Zh, en: Widen<Zh>): { zh: Zh; en: Widen<Zh> } {
  return { zh, en };
}

/** One message in both languages: Simplified Chinese first, its English twin beside it. */
export type Pair = readonly [zh: string, en: string];

/** Messages as written in the source: nested keys, every leaf a pair. */
export interface MessageTree {
  readonly [key: string]: Pair | MessageTree;
}

/** Index of a language in a pair. */
export type PairIndex = 0 | 1;

/** The tree of one language (0: Chinese, 1: English), as i18next reads it. */
export type InLanguage<T, I extends PairIndex> = { -readonly [K in keyof T]: T[K] extends Pair ? T[K][I] : InLanguage<T[K], I> };

/**
 * A feature's messages, each leaf written as `[zh, en]` so the two stay side by side and neither
 * can be missing (the compiler checks). Register the tree in app/i18n/resources.ts.
 */
export function defineMessages<const T extends MessageTree>(messages: T): T {
  return messages;
}

export function isPair(value: Pair | MessageTree): value is Pair {
  return Array.isArray(value);
}

/** One language's tree of a tree of pairs (what resources.ts hands to i18next). */
export function inLanguage<T extends MessageTree, I extends PairIndex>(tree: T, index: I): InLanguage<T, I> {
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, isPair(value) ? value[index] : inLanguage(value, index)])) as InLanguage<T, I>;
}

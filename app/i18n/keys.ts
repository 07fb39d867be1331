import type { ParseKeys, TFunction } from "i18next";
import { isPair, type MessageTree } from "./define-messages.ts";
import { messages } from "./resources.ts";

/**
 * Any key of the message tree. i18next's `t` is typed with the tree (app/i18n/i18next.d.ts), so
 * t("studios.errors.nameTaken") and t(`documentStatus.${status}`) fail to compile when the key
 * does not exist; code that hands a key on (an error, a navigation entry) types it as MessageKey.
 */
export type MessageKey = ParseKeys;

/** Placeholders known only at run time (a refusal's parameters, a notification's data). */
export type MessageParams = Record<string, string | number>;

/** Every key of the tree, dotted: "studios.errors.nameTaken". */
export function keysOf(tree: MessageTree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (isPair(value) ? [prefix + key] : keysOf(value, `${prefix}${key}.`)));
}

const KEYS: ReadonlySet<string> = new Set(keysOf(messages));

/** Whether a string that arrived at run time (from zod, the database, the server) is a message key. */
export function isMessageKey(value: string): value is MessageKey {
  return KEYS.has(value);
}

/**
 * A key checked by the compiler where it was written, translated with parameters known only at
 * run time. `t` checks the placeholders of a literal key; for a key held in a variable it cannot,
 * so this is the one place that lets them through.
 */
export function translateKey(t: TFunction, key: MessageKey, params?: MessageParams): string {
  const untyped = t as unknown as (key: string, options?: MessageParams) => string;
  return untyped(key, params);
}

/**
 * Text that may be a message key: a zod message ("validation.required"), an error's message, a
 * stored notification type. A key is translated; anything else is shown as it is.
 */
export function translateKnown(t: TFunction, text: string, params?: MessageParams): string {
  return isMessageKey(text) ? translateKey(t, text, params) : text;
}

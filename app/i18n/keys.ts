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
 * A key with the values of its placeholders, as one string that travels where only strings go
 * (a form's field errors between zod and the page): "validation.tooLong?max=60".
 */
export function keyWithParams(key: MessageKey, params: MessageParams): string {
  const entries = Object.entries(params).map(([name, value]) => [name, String(value)]);
  return entries.length === 0 ? key : `${key}?${new URLSearchParams(entries)}`;
}

const KEY_WITH_PARAMS = /^([\w.]+)\?(.*)$/s;

/**
 * Text that may be a message key: a zod message ("validation.required", or with its values
 * "validation.tooLong?max=60"), an error's message, a stored notification type. A key is
 * translated; anything else is shown as it is.
 */
export function translateKnown(t: TFunction, text: string, params?: MessageParams): string {
  if (isMessageKey(text)) return translateKey(t, text, params);
  const withParams = KEY_WITH_PARAMS.exec(text);
  if (withParams && isMessageKey(withParams[1]!)) {
    return translateKey(t, withParams[1], { ...Object.fromEntries(new URLSearchParams(withParams[2])), ...params });
  }
  return text;
}

import { parseWithZod as parseWithConform } from "@conform-to/zod/v4";
import type { $ZodIssue } from "zod/v4/core";
import { isMessageKey, keyWithParams, type MessageKey, type MessageParams } from "~/i18n/keys.ts";

/**
 * Conform's parseWithZod, with each field error a message key that carries the values of its
 * placeholders ("validation.tooLong?max=60"), so the page says "最多 60 个字符" and never
 * "{{max}}". Every form parses with this one (client and server alike).
 */
export const parseWithZod = ((payload: FormData | URLSearchParams, options: Parameters<typeof parseWithConform>[1]) =>
  parseWithConform(payload, { ...options, formatError: (issues: $ZodIssue[]) => issues.map(issueMessage) } as typeof options)) as typeof parseWithConform;

/** A zod issue as a message key with its values; zod's own (English) messages fall back to a shared key. */
export function issueMessage(issue: $ZodIssue): string {
  const key = isMessageKey(issue.message) ? issue.message : fallbackKey(issue);
  return keyWithParams(key, paramsOf(issue));
}

function paramsOf(issue: $ZodIssue): MessageParams {
  const params: MessageParams = {};
  if (issue.code === "too_big") params.max = limit(issue.maximum);
  if (issue.code === "too_small") params.min = limit(issue.minimum);
  if (issue.code === "custom" && issue.params) {
    for (const [name, value] of Object.entries(issue.params)) {
      if (typeof value === "string" || typeof value === "number") params[name] = value;
    }
  }
  return params;
}

function limit(value: number | bigint | Date | unknown): string | number {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === "number" ? value : String(value);
}

function fallbackKey(issue: $ZodIssue): MessageKey {
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "number" || issue.expected === "int") return issue.input === undefined ? "validation.required" : "validation.notANumber";
      return "validation.required";
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "validation.required" : "validation.tooShort";
      if (issue.origin === "array" || issue.origin === "set") return "validation.tooFew";
      return "validation.tooSmall";
    case "too_big":
      if (issue.origin === "string") return "validation.tooLong";
      if (issue.origin === "array" || issue.origin === "set") return "validation.tooMany";
      return "validation.tooLarge";
    case "invalid_value":
      return "validation.invalidChoice";
    case "invalid_format":
      return "validation.invalidFormat";
    default:
      return "validation.invalid";
  }
}

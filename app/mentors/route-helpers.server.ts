import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import { translateKey } from "~/i18n/keys.ts";
import { isUserError } from "~/lib/user-error.ts";

export type ActionReply = { ok: true; message: string; extra?: unknown } | { ok: false; error: string; problems?: string[] };

/**
 * Runs a change and answers the page: a translated confirmation, or the translated reason it was
 * refused (409), so people read it in their language with or without JavaScript.
 */
export async function reply(t: TFunction, change: () => Promise<string>) {
  try {
    return data<ActionReply>({ ok: true, message: await change() });
  } catch (error) {
    if (isUserError(error)) return data<ActionReply>({ ok: false, error: translateKey(t, error.key, error.params) }, { status: error.status });
    throw error;
  }
}

export function badRequest(t: TFunction) {
  return data<ActionReply>({ ok: false, error: t("mentors.errors.badRequest") }, { status: 400 });
}

/** Page number from ?page=, at least 1. */
export function pageParam(url: URL, name = "page"): number {
  const n = Number(url.searchParams.get(name));
  return Number.isInteger(n) && n > 0 ? n : 1;
}

import { z } from "zod";
import type { MessageKey } from "~/i18n/keys.ts";

/**
 * Edits of a shared record carry the version they were made against (decision 095): the record's
 * `updatedAt` as an ISO string in a hidden field, `version`. Optional, so a post without one (a
 * script, an older client) saves as before; every form of the app sends it.
 */
export const versionField = z
  .string()
  .trim()
  .refine((value) => !Number.isNaN(Date.parse(value)), "validation.invalid")
  .optional()
  .or(z.literal("").transform(() => undefined));

/** A value as the conflict notice shows it: text, a message key (an enum's label, yes/no), or a list of those. */
export type ShownPart = string | { key: MessageKey };
export type ShownValue = ShownPart | ShownPart[];

/** One field of a stale edit: what is stored now and what the person sent. */
export interface ConflictField {
  label: MessageKey;
  theirs: ShownValue;
  yours: ShownValue;
}

/** The details of a "已被他人修改" refusal: the fields that differ and the version stored now. */
export interface EditConflict {
  version: string;
  fields: ConflictField[];
}

export function editConflictOf(details: unknown): EditConflict | null {
  const conflict = (details as { conflict?: EditConflict } | null | undefined)?.conflict;
  return conflict && typeof conflict.version === "string" && Array.isArray(conflict.fields) ? conflict : null;
}

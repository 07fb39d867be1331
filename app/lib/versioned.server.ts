import { isoDay } from "./calendar-date.ts";
import { formatDateTime } from "./format.ts";
import { UserError } from "./user-error.ts";
import type { ConflictField, EditConflict, ShownValue } from "./version.ts";
import type { MessageKey } from "~/i18n/keys.ts";

/**
 * No silent lost updates (decision 095). A form that edits a shared record posts the version it was
 * made against (its `updatedAt`); the save first claims that version inside its transaction:
 *
 *   await claimVersion(input.version, {
 *     claim: (at) => tx.studio.updateMany({ where: { id, updatedAt: at }, data: { updatedAt: new Date() } }),
 *     current: () => tx.studio.findUnique({ where: { id }, select: { updatedAt: true, description: true } }),
 *     fields: { description: edited("studios.create.description", input.description) },
 *   });
 *   await tx.studio.update(…);   // as before
 *
 * The claim is a conditional update: it matches only while the record is as the person saw it, and
 * takes the row's lock, so of two saves at once the second waits and then matches nothing. Then the
 * record as stored now is compared field by field with what the person sent: the fields that differ
 * come back with "已被他人修改" (409) — theirs and yours — and nothing is written. When nothing the
 * form edits differs (someone changed another part, or made the same change), the save goes on.
 */
export interface EditedField<V = unknown> {
  label: MessageKey;
  yours: V;
  /** How the value reads (an enum's label); plain text, days and numbers need none. */
  show?: (value: V) => ShownValue;
}

export function edited<V>(label: MessageKey, yours: V, show?: (value: V) => ShownValue): EditedField<V> {
  return { label, yours, show };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each field has its own value type
export type EditedFields = Record<string, EditedField<any>>;

export async function claimVersion<Fields extends EditedFields>(
  version: string | undefined,
  spec: {
    claim: (updatedAt: Date) => Promise<{ count: number }>;
    current: () => Promise<({ updatedAt: Date } & { [K in keyof Fields]: unknown }) | null>;
    fields: Fields;
  },
): Promise<void> {
  if (version === undefined) return;
  const at = new Date(version);
  if (!Number.isNaN(at.getTime()) && (await spec.claim(at)).count > 0) return;
  const row = await spec.current();
  if (!row) throw new Response("Not Found", { status: 404 });
  const fields: ConflictField[] = [];
  for (const [name, field] of Object.entries(spec.fields) as Array<[string, EditedField<unknown>]>) {
    const theirs = (row as Record<string, unknown>)[name];
    if (same(theirs, field.yours)) continue;
    const show = field.show ?? plain;
    fields.push({ label: field.label, theirs: show(theirs), yours: show(field.yours) });
  }
  if (!fields.length) return;
  const conflict: EditConflict = { version: row.updatedAt.toISOString(), fields };
  throw new UserError("kit.editedByOthers", {}, { status: 409, details: { conflict } });
}

/** Values compared as the form holds them: empty and missing alike, numbers and decimals by value, lists in order. */
function comparable(value: unknown): unknown {
  if (value === null || value === undefined || value === "") return "";
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === "object" && typeof (value as { toNumber?: unknown }).toNumber === "function") return (value as { toNumber: () => number }).toNumber();
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
}

/** Text as it is; a calendar day as YYYY-MM-DD, an instant in school time; lists with 、; yes/no by key. */
function plain(value: unknown): ShownValue {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0 ? isoDay(value) : formatDateTime(value, "zh-CN");
  if (typeof value === "boolean") return { key: value ? "kit.yes" : "kit.no" };
  if (Array.isArray(value)) return value.map((item) => String(plain(item) as string)).join("、");
  return String(value);
}

import type { MessageKey } from "~/i18n/keys.ts";

/**
 * The one refusal a person can act on: a rule of the domain said no (the studio is full, the
 * invitation was already answered, the file is too large …). `key` is a message key and
 * `params` its placeholders, so the person reads it in their language; services throw it inside
 * their transaction, so nothing is half-written. The action protocol (app/lib/actions.server.ts)
 * turns it into an error reply with `status` (409 unless said otherwise).
 */
export class UserError extends Error {
  override name = "UserError";
  readonly status: number;
  /** Extra structured data the page may show (e.g. what an ineligible candidate lacks). */
  readonly details: unknown;
  /** The form field the refusal is about (the current password was wrong): shown at that field. */
  readonly field: string | undefined;

  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
    options: { status?: number; details?: unknown; field?: string } = {},
  ) {
    super(key);
    this.status = options.status ?? 409;
    this.details = options.details;
    this.field = options.field;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

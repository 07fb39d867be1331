import type { TFunction } from "i18next";
import { UserError } from "~/lib/user-error.ts";
import { describeGaps } from "~/people/gaps.ts";
import { isRuleError } from "./errors.ts";

/**
 * A bridge for the converted studio routes while the studio services still throw StudioRuleError
 * (branch studio-work turns them into UserError): runs the service call and rethrows a broken
 * studio rule as the one UserError, which the action protocol translates. What an ineligible
 * candidate lacks is spelled out in `gaps` and carried in `details`. Delete with StudioRuleError.
 */
export async function asUserError<T>(call: { t: TFunction; locale: string }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isRuleError(error)) throw error;
    const params: Record<string, string | number> = { ...error.params };
    if (error.gaps.length) params.gaps = describeGaps(error.gaps, call.t, call.locale);
    throw new UserError(`studios.errors.${error.code}`, params, error.gaps.length ? { details: { gaps: error.gaps } } : {});
  }
}

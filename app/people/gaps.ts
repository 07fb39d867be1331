import type { TFunction } from "i18next";
import type { EligibilityGap } from "~/studios/eligibility.ts";
import { formatDate } from "~/lib/format.ts";
import { isUserError, UserError } from "~/lib/user-error.ts";

/** "还差 2 年工作年限（2028年9月1日满 10 年）；职称需为副高及以上（当前：讲师）" in the reader's language. */
export function describeGaps(gaps: ReadonlyArray<EligibilityGap | SerializedGap>, t: TFunction, locale: string): string {
  return gaps
    .map((gap) => {
      switch (gap.kind) {
        case "years":
          return t("people.gaps.years", { missing: gap.missing, required: gap.required, date: formatDate(gap.eligibleOn, locale) });
        case "startDateUnknown":
          return t("people.gaps.startDateUnknown");
        case "title":
          return t("people.gaps.title", { title: t(`title.${gap.current}`) });
        case "honours":
          return t("people.gaps.honours", { missing: gap.missing });
      }
    })
    .join(locale === "en" ? "; " : "；");
}

/** A gap after JSON (dates as strings), as loaders hand it to the page. */
export type SerializedGap = EligibilityGap extends infer G ? (G extends { eligibleOn: Date } ? Omit<G, "eligibleOn"> & { eligibleOn: string | Date } : G) : never;

/**
 * An eligibility refusal (a UserError whose `details.gaps` say what the candidate lacks) with
 * the gaps written into its sentence ({{gaps}}) in the reader's language, since a service does not
 * know the reader; any other error comes back as it is.
 */
export function withGapsWritten(error: unknown, t: TFunction, locale: string): unknown {
  if (!isUserError(error) || !hasGaps(error.details)) return error;
  return new UserError(error.key, { ...error.params, gaps: describeGaps(error.details.gaps, t, locale) }, { status: error.status, details: error.details });
}

function hasGaps(details: unknown): details is { gaps: EligibilityGap[] } {
  return typeof details === "object" && details !== null && Array.isArray((details as { gaps?: unknown }).gaps);
}

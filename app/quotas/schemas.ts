import { z } from "zod";
import { QuotaKind, TargetGroup } from "~/generated/prisma/enums.ts";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import { calendarDay } from "~/people/schemas.ts";

/** What the quota services accept, checked on the server; the same schemas read the pages' forms. */

export const QUOTA_KINDS = Object.values(QuotaKind);
export const QUOTA_GROUPS = Object.values(TargetGroup);

const choice = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]], { error: "quotas.errors.badChoice" });
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
/** Checkboxes: absent is none, one ticked box arrives as a string. */
const many = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(item).max(50, "validation.tooMany"));

export const quotaSchema = z.object({
  title: z.string({ error: "quotas.errors.titleRequired" }).trim().min(1, "quotas.errors.titleRequired").max(120, "validation.tooLong"),
  kind: choice(QUOTA_KINDS),
  seats: z.coerce.number({ error: "quotas.errors.badSeats" }).int("quotas.errors.badSeats").min(1, "quotas.errors.badSeats").max(200, "quotas.errors.badSeats"),
  description: z.string().trim().max(2000, "validation.tooLong").optional().default(""),
  stages: many(choice(CAREER_STAGES)),
  groups: many(choice(QUOTA_GROUPS)),
  /** Blank: the latest camp whose results are released. */
  campId: z.preprocess(blankToUndefined, z.string().max(40, "validation.tooLong").optional()),
  dueOn: z.preprocess(blankToUndefined, calendarDay("quotas.errors.badDate").optional()),
});
export type QuotaInput = z.input<typeof quotaSchema>;
export type QuotaValue = z.output<typeof quotaSchema>;

/** The candidates shown on one page of the list, and which of them are ticked. */
export const picksSchema = z.object({
  shown: many(z.string().max(40, "validation.tooLong")),
  chosen: many(z.string().max(40, "validation.tooLong")),
});

export const noInputSchema = z.object({});

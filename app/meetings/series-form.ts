import { z } from "zod";
import { seriesSchema, seriesUpdateSchema } from "./schemas.ts";

/**
 * The "new series" form: the fields of `seriesSchema`, with the organiser as one choice
 * ("SCHOOL", "COLLEGE:<id>", "JOINT_GROUP:<id>", "STUDIO:<id>"), the audience as checkboxes per
 * kind plus named people by 工号 (whitespace or commas between them), and how many months to
 * generate at once. Blank fields are "not given"; one checked box arrives as a string.
 */
const list = (value: unknown): string[] => (value === undefined ? [] : [value].flat().filter((v): v is string => typeof v === "string" && v !== ""));

function formToSeries(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  const { organiser, stages, groups, colleges, studios, people, ...rest } = raw as Record<string, unknown>;
  const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== "" && v !== undefined));
  const [kind, id] = typeof organiser === "string" ? organiser.split(":", 2) : [undefined, undefined];
  const idField = kind === "COLLEGE" ? "collegeId" : kind === "JOINT_GROUP" ? "jointGroupId" : kind === "STUDIO" ? "studioId" : null;
  return {
    ...fields,
    organiserKind: kind || undefined,
    ...(idField && id ? { [idField]: id } : {}),
    targets: [
      ...list(stages).map((stage) => ({ kind: "STAGE", stage })),
      ...list(groups).map((group) => ({ kind: "GROUP", group })),
      ...list(colleges).map((collegeId) => ({ kind: "COLLEGE", collegeId })),
      ...list(studios).map((studioId) => ({ kind: "STUDIO", studioId })),
    ],
    people: typeof people === "string" ? people.split(/[\s,，、;；]+/).filter(Boolean) : [],
  };
}

export const seriesFormSchema = z.preprocess(
  formToSeries,
  seriesSchema.extend({
    months: z.coerce.number({ error: "meetings.errors.badCount" }).int("meetings.errors.badCount").min(1, "meetings.errors.badCount").max(36, "meetings.errors.badCount").default(12),
    /** 工号 of people invited by name; resolved to accounts by the action. */
    people: z.array(z.string().max(40, "validation.tooLong")).max(200, "validation.tooMany").default([]),
  }),
);
export type SeriesFormValue = z.output<typeof seriesFormSchema>;

/** The "change series" form: the same fields without the organiser (fixed) and the months to generate. */
export const seriesEditFormSchema = z.preprocess(
  formToSeries,
  seriesUpdateSchema.extend({
    people: z.array(z.string().max(40, "validation.tooLong")).max(200, "validation.tooMany").default([]),
  }),
);

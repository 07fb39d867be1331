import { z } from "zod";
import { Duty, Education, Level, ProfessionalTitle, Role, TargetGroup } from "~/generated/prisma/enums.ts";
import { CAREER_STAGES } from "./career-stage.ts";
import { versionField } from "~/lib/version.ts";

/** Enum values in display order, for filters and forms. */
export const DUTIES = Object.values(Duty);
export const TITLES = Object.values(ProfessionalTitle);
export const GROUPS = Object.values(TargetGroup);
export const EDUCATIONS = Object.values(Education);
export const LEVELS = Object.values(Level);
export const ROLES = Object.values(Role);

const enumOf = <T extends string>(values: readonly T[], message: string) => z.enum(values as [T, ...T[]], { error: message });

/** A calendar day typed in a form (YYYY-MM-DD), as UTC midnight like a DATE column. */
export const calendarDay = (message = "people.errors.badDate") =>
  z
    .string({ error: message })
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .transform((value, ctx) => {
      const date = new Date(`${value}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return date;
    });

/**
 * Directory filters from the query string. Unknown values are dropped rather than refused: a
 * stale bookmark still opens the directory.
 */
export const directoryFiltersSchema = z.object({
  q: z.string().trim().max(50).optional().catch(undefined),
  collegeId: z.string().max(64).optional().catch(undefined),
  stage: z.enum(CAREER_STAGES).optional().catch(undefined),
  group: enumOf(GROUPS, "").optional().catch(undefined),
  duty: enumOf(DUTIES, "").optional().catch(undefined),
  title: enumOf(TITLES, "").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type DirectoryFilters = z.infer<typeof directoryFiltersSchema>;

export function parseDirectoryFilters(search: URLSearchParams): DirectoryFilters {
  const raw = Object.fromEntries([...search.entries()].filter(([, value]) => value !== ""));
  return directoryFiltersSchema.parse(raw);
}

const tags = z
  .string()
  .max(400, "people.errors.tagsTooLong")
  .optional()
  .transform((value) =>
    [...new Set((value ?? "").split(/[、,，;；\n]+/).map((tag) => tag.trim()).filter(Boolean))],
  )
  .pipe(z.array(z.string().max(20, "people.errors.tagTooLong")).max(10, "people.errors.tooManyTags"));

/** What a person keeps up to date themselves (画像: specialties, interests, contact). */
export const personalProfileSchema = z.object({
  intent: z.literal("personal"),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, "people.errors.badPhone")
    .optional(),
  email: z.email("people.errors.badEmail").max(100, "validation.tooLong").optional(),
  education: enumOf(EDUCATIONS, "people.errors.badChoice").optional(),
  major: z.string().trim().max(50, "validation.tooLong").optional(),
  researchInterests: z.string().trim().max(500, "validation.tooLong").optional(),
  specialties: z.array(enumOf(DUTIES, "people.errors.badChoice")).max(3, "people.errors.tooManySpecialties").default([]),
  specialtyTags: tags,
  version: versionField,
});
export type PersonalProfileInput = z.infer<typeof personalProfileSchema>;

/** The official record kept by the college or 学工部: it drives stages and eligibility. */
export const recordSchema = z.object({
  intent: z.literal("record"),
  name: z.string({ error: "people.errors.nameRequired" }).trim().min(1, "people.errors.nameRequired").max(50, "validation.tooLong"),
  gender: z.enum(["男", "女"], { error: "people.errors.badChoice" }).optional(),
  birthDate: calendarDay().optional(),
  counselorSince: calendarDay().optional(),
  title: enumOf(TITLES, "people.errors.badChoice"),
  position: z.string().trim().max(50, "validation.tooLong").optional(),
  fullTime: z.enum(["yes", "no"]).default("yes").transform((v) => v === "yes"),
  groups: z.array(enumOf(GROUPS, "people.errors.badChoice")).default([]),
  version: versionField,
});
export type RecordInput = z.infer<typeof recordSchema>;

export const honourSchema = z.object({
  intent: z.literal("add-honour"),
  name: z.string({ error: "people.errors.honourNameRequired" }).trim().min(1, "people.errors.honourNameRequired").max(60, "validation.tooLong"),
  level: enumOf(LEVELS, "people.errors.badChoice"),
  year: z.coerce
    .number({ error: "people.errors.badYear" })
    .int("people.errors.badYear")
    .min(1980, "people.errors.badYear")
    .max(2100, "people.errors.badYear"),
});

export const removeHonourSchema = z.object({ intent: z.literal("remove-honour"), honourId: z.string().min(1) });

/** Roles, college and whether the account may sign in: 学工部 only. */
export const accountSchema = z.object({
  intent: z.literal("account"),
  roles: z.array(enumOf(ROLES, "people.errors.badChoice")).min(1, "people.errors.rolesRequired"),
  collegeId: z.string().optional(),
  active: z.enum(["yes", "no"]).default("yes").transform((v) => v === "yes"),
});

/** What a person picker sends to /people/lookup: a name, its pinyin or initials, or a 工号. */
export const lookupQuerySchema = z.object({
  q: z.string({ error: "people.lookup.queryRequired" }).trim().min(1, "people.lookup.queryRequired").max(40, "people.lookup.queryTooLong"),
});

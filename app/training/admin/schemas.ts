import { z } from "zod";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import { budgetSchema, jointGroupSchema, overrideSchema, planItemSchema, planSchema, platformSchema } from "../schemas.ts";

/**
 * The settings forms of 学工部 (issue 18 points 1 and 7). They read form fields (text) into the
 * inputs the training services take (app/training/schemas.ts), with messages that name the limits.
 */

const id = z.string({ error: "training.errors.badChoice" }).min(1, "training.errors.badChoice");
const tenths = (n: number) => Math.abs(Math.round(n * 10) - n * 10) < 1e-9;
const blank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** A required-item row left blank (the page's "add one" row, or a cleared one) is not an item. */
const planItems = z.preprocess(
  (rows) => (Array.isArray(rows) ? rows.filter((row: Record<string, unknown> | undefined) => row && !blank(row.label)) : rows),
  z.array(planItemSchema).max(20, "validation.tooMany"),
);

export const planFormSchema = planSchema.extend({
  stage: z.enum(CAREER_STAGES, { error: "training.errors.badChoice" }),
  /** One focus area a line. */
  focusAreas: z.preprocess(
    (text) => (typeof text === "string" ? text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean) : (text ?? [])),
    z.array(z.string().max(40, "training.admin.errors.focusArea")).max(20, "training.admin.errors.focusArea"),
  ),
  yearlyHours: z.coerce
    .number({ error: "training.admin.errors.planHours" })
    .min(0, "training.admin.errors.planHours")
    .max(400, "training.admin.errors.planHours")
    .refine(tenths, "training.admin.errors.planHours"),
  items: planItems.default([]),
});

const ruleHours = z.coerce.number({ error: "training.admin.errors.ruleHours" }).min(0, "training.admin.errors.ruleHours").max(400, "training.admin.errors.ruleHours");
const wholeNumber = (min: number, max: number, message: "training.admin.errors.ruleYears" | "training.admin.errors.ruleCount") =>
  z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);

/** The national rules and the ≥6 threshold (the rest of the training settings stay as they are). */
export const rulesFormSchema = z.object({
  inductionHours: ruleHours,
  schoolLevelHoursPerYear: ruleHours,
  nationalOrProvincialEveryYears: wholeNumber(1, 20, "training.admin.errors.ruleYears"),
  collegeLevelMinCounselors: wholeNumber(1, 200, "training.admin.errors.ruleCount"),
});

export const addPlatformSchema = platformSchema.extend({
  code: z.string({ error: "training.admin.errors.platformCode" }).trim().toUpperCase().regex(/^[A-Z][A-Z0-9_]{1,39}$/, "training.admin.errors.platformCode"),
});
export const renamePlatformSchema = platformSchema.pick({ nameZh: true, nameEn: true }).extend({ platformId: id });
export const platformIdSchema = z.object({ platformId: id });

export const grantSchema = overrideSchema.extend({ collegeId: id });
export const collegeIdSchema = z.object({ collegeId: id });

export const groupFormSchema = jointGroupSchema.extend({
  // No default: an empty list (no box ticked arrives as nothing) is refused, not a group of none.
  collegeIds: z.array(id, { error: "training.admin.errors.noMembers" }).min(1, "training.admin.errors.noMembers").max(50, "validation.tooMany"),
});
export const editGroupSchema = groupFormSchema.extend({ groupId: id });
export const groupIdSchema = z.object({ groupId: id });

/** "school", "college:<id>" or "group:<id>" (organisers.server.ts budgetOwnerKey). */
export const budgetFormSchema = budgetSchema.extend({
  ownerKey: z.string({ error: "training.admin.errors.unknownOwner" }).regex(/^(school|college:\S+|group:\S+)$/, "training.admin.errors.unknownOwner"),
});

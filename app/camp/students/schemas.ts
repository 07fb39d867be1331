import { z } from "zod";

/** Lengths of a student's facts (the sheet's check and the round's typed answers). */
export const STUDENT_LIMITS = { name: 40, className: 60, dorm: 60 } as const;

/** A file field: sent and not empty when required (a file input left empty still sends an empty part). */
const file = (required: boolean) =>
  z.instanceof(File, { message: "camp.students.errors.fileRequired" }).refine((f) => !required || (f.size > 0 && f.name !== ""), "camp.students.errors.fileRequired");
export const importFilesSchema = z.object({
  sheet: file(true),
  photos: z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(file(false))),
});
export const importZipSchema = z.object({ zip: file(true) });

export const deleteStudentSchema = z.object({ studentId: z.string().min(1).max(60) });
/** Deleting all students of one counselor, or of everyone the viewer may manage (no counselor). */
export const deleteAllSchema = z.object({ counselorId: z.string().max(60).optional() });

/** One photo's answers, saved as they are typed. */
export const saveItemSchema = z.object({
  position: z.coerce.number().int().min(0).max(999),
  typedName: z.string().trim().max(STUDENT_LIMITS.name, "camp.students.round.tooLong").optional().default(""),
  typedClass: z.string().trim().max(STUDENT_LIMITS.className, "camp.students.round.tooLong").optional().default(""),
  typedDorm: z.string().trim().max(STUDENT_LIMITS.dorm, "camp.students.round.tooLong").optional().default(""),
  markedNotMine: z
    .enum(["on", "true", "false", ""])
    .optional()
    .transform((value) => value === "on" || value === "true"),
});
export type SaveItemInput = z.output<typeof saveItemSchema>;

export const emptySchema = z.object({});

/**
 * The round's points per fact (CampRound.identificationPoints, decision 080: { name, className,
 * dorm }); validated against app/camp/identification.ts's rule by the service.
 */
export const identificationPointsSchema = z.object({ name: z.number(), className: z.number(), dorm: z.number() });

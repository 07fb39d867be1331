import { z } from "zod";
import { decisionSchema, externalRecordSchema } from "./schemas.ts";

/** The record form: the service's fields, with the evidence as a file (stored first) instead of an id. */
const { evidenceFileId: _storedFirst, ...recordFields } = externalRecordSchema.shape;
export const externalFormSchema = z
  .object({ ...recordFields, evidence: z.instanceof(File, { error: "training.errors.evidenceRequired" }).optional() })
  .refine((r) => r.endsOn >= r.startsOn, { path: ["endsOn"], message: "training.errors.endsBeforeStart" });

/** A rejection says why (the person reads it in their notice); an approval may say nothing. */
export const decideFormSchema = decisionSchema
  .extend({ recordId: z.string().min(1, "training.errors.badChoice"), title: z.string().max(200).optional().default("") })
  .refine((d) => d.decision === "APPROVED" || d.note.trim().length >= 2, { path: ["note"], message: "training.external.noteRequired" });

export const recordIdSchema = z.object({ recordId: z.string().min(1, "training.errors.badChoice"), title: z.string().max(200).optional().default("") });

import { z } from "zod";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import { courseSchema, GROUPS } from "./schemas.ts";

/**
 * The course form: the same fields as `courseSchema`, with the targets as one choice per stage and
 * per group ("stageKind.NOVICE" = REQUIRED | ELECTIVE | empty), which a keyboard fills faster than
 * a list of rows. Blank fields are "not given"; one checked duty arrives as a string.
 */
function formToCourse(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  const { stageKind, groupKind, duties, ...rest } = raw as Record<string, unknown>;
  const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== "" && v !== undefined));
  const kinds = (value: unknown) => (typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {});
  const targets = [
    ...CAREER_STAGES.flatMap((stage) => (kinds(stageKind)[stage] ? [{ stage, kind: kinds(stageKind)[stage] }] : [])),
    ...GROUPS.flatMap((group) => (kinds(groupKind)[group] ? [{ group, kind: kinds(groupKind)[group] }] : [])),
  ];
  return { ...fields, duties: duties === undefined ? [] : [duties].flat().filter((d) => d !== ""), targets };
}

export const courseFormSchema = z.preprocess(formToCourse, courseSchema);

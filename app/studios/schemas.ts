import { z } from "zod";
import { ActivityKind, Duty, EvaluationGrade, Level, OutputType, ProjectStatus, TaskStatus } from "~/generated/prisma/enums.ts";
import { calendarDay } from "~/people/schemas.ts";
import { versionField } from "~/lib/version.ts";

export const DUTIES = Object.values(Duty);
/** Studios are approved at school, provincial or national level (校级/省级/国家级). */
export const STUDIO_LEVELS = ["SCHOOL", "PROVINCIAL", "NATIONAL"] as const satisfies readonly Level[];
export const LEVELS = Object.values(Level);
export const PROJECT_STATUSES = Object.values(ProjectStatus);
export const TASK_STATUSES = Object.values(TaskStatus);
export const OUTPUT_TYPES = Object.values(OutputType);
export const ACTIVITY_KINDS = Object.values(ActivityKind);
export const GRADES = Object.values(EvaluationGrade);

const choice = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]], { error: "studios.errors.badChoice" });
const requiredText = (max: number, message: string) => z.string({ error: message }).trim().min(1, message).max(max, "validation.tooLong");
const text = (max: number) => z.string().trim().max(max, "validation.tooLong").optional();
const username = z
  .string({ error: "studios.errors.usernameRequired" })
  .trim()
  .min(1, "studios.errors.usernameRequired")
  .max(64, "validation.tooLong");

export const tagList = z
  .string()
  .max(400, "validation.tooLong")
  .optional()
  .transform((value) => [...new Set((value ?? "").split(/[、,，;；\n]+/).map((t) => t.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(20, "studios.errors.keywordTooLong")).max(10, "studios.errors.tooManyKeywords"));

const budget = z.coerce
  .number({ error: "studios.errors.badBudget" })
  .min(0, "studios.errors.badBudget")
  .max(100_000_000, "studios.errors.badBudget")
  .refine((n) => Math.round(n * 100) === n * 100, "studios.errors.badBudget");

export const studioFields = {
  name: requiredText(60, "studios.errors.nameRequired"),
  duty: choice(DUTIES),
  level: choice(STUDIO_LEVELS),
  description: text(2000),
  platform: text(200),
  budgetYuan: budget.default(0),
  foundedOn: calendarDay("studios.errors.badDate").optional(),
};

export const createStudioSchema = z.object({
  intent: z.literal("create"),
  ...studioFields,
  leaderUsername: username,
  overrideReason: text(500),
});

/** What the leader may change about their studio. */
export const leaderEditSchema = z.object({ intent: z.literal("details"), description: text(2000), platform: text(200), version: versionField });
/** What 学工部 may change (what it approved). */
export const adminEditSchema = z.object({ intent: z.literal("official"), ...studioFields, version: versionField });
export const changeLeaderSchema = z.object({ intent: z.literal("leader"), leaderUsername: username, overrideReason: text(500) });

export const applySchema = z.object({
  intent: z.literal("apply"),
  motivation: z
    .string({ error: "studios.errors.motivationRequired" })
    .trim()
    .min(10, "studios.errors.motivationShort")
    .max(500, "validation.tooLong"),
});

/** Answering a join request or invitation, or withdrawing one's own application (the request by id). */
const joinRequestSchema = <Intent extends string>(intent: Intent) => z.object({ intent: z.literal(intent), requestId: z.string().min(1), note: text(300) });
export const approveJoinSchema = joinRequestSchema("approve");
export const declineJoinSchema = joinRequestSchema("decline");
export const withdrawJoinSchema = joinRequestSchema("withdraw");
export const leaveStudioSchema = z.object({ intent: z.literal("leave") });

export const inviteSchema = z.object({ intent: z.literal("invite"), username, message: text(300) });

export const decideSchema = z.object({
  intent: z.enum(["approve", "decline", "withdraw"]),
  note: text(300),
  redirectTo: z.string().optional(),
});

export const roleChangeSchema = z.object({
  intent: z.literal("role"),
  membershipId: z.string().min(1),
  role: z.enum(["BACKBONE", "NEWCOMER"], { error: "studios.errors.badChoice" }),
  overrideReason: text(500),
});
export const removeMemberSchema = z.object({ intent: z.literal("remove"), membershipId: z.string().min(1) });

const mentorTarget = z.coerce.number({ error: "studios.errors.badMentorTarget" }).int().min(1, "studios.errors.badMentorTarget").max(3, "studios.errors.badMentorTarget");
const directionFields = {
  name: requiredText(60, "studios.errors.directionNameRequired"),
  description: text(500),
  keywords: tagList,
  internalMentorTarget: mentorTarget.default(1),
  externalMentorTarget: mentorTarget.default(1),
};
export const createDirectionSchema = z.object({ intent: z.literal("create"), ...directionFields });
export const updateDirectionSchema = z.object({ intent: z.literal("update"), directionId: z.string().min(1), ...directionFields });
export const deleteDirectionSchema = z.object({ intent: z.literal("delete"), directionId: z.string().min(1) });

const dateRange = <T extends { startDate?: Date; endDate?: Date }>(value: T, ctx: z.RefinementCtx) => {
  if (value.startDate && value.endDate && value.endDate < value.startDate) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "studios.errors.endBeforeStart" });
  }
};

const projectFields = z.object({
  title: requiredText(100, "studios.errors.projectTitleRequired"),
  level: choice(LEVELS),
  status: choice(PROJECT_STATUSES).default("PLANNING"),
  directionId: z.string().optional(),
  description: text(2000),
  startDate: calendarDay("studios.errors.badDate").optional(),
  endDate: calendarDay("studios.errors.badDate").optional(),
  principalId: z.string({ error: "studios.errors.principalRequired" }).min(1, "studios.errors.principalRequired"),
  memberIds: z.array(z.string()).default([]),
  /** The version an edit was made against (decision 095); none when creating. */
  version: versionField,
});
/** A project's form, for creating it (projects page) or editing it (its own page). */
export const projectSchemaFor = <Intent extends "create" | "update">(intent: Intent) =>
  projectFields.extend({ intent: z.literal(intent) }).superRefine(dateRange);
export const createProjectSchema = projectSchemaFor("create");
export const updateProjectSchema = projectSchemaFor("update");

export const milestoneSchema = z.object({
  intent: z.literal("add-milestone"),
  title: requiredText(100, "studios.errors.milestoneTitleRequired"),
  dueDate: calendarDay("studios.errors.badDate"),
});
export const milestoneDoneSchema = z.object({ intent: z.literal("toggle-milestone"), milestoneId: z.string().min(1) });
export const taskSchema = z.object({
  intent: z.literal("add-task"),
  title: requiredText(100, "studios.errors.taskTitleRequired"),
  assigneeId: z.string().optional(),
  dueDate: calendarDay("studios.errors.badDate").optional(),
  milestoneId: z.string().optional(),
});
export const taskStatusSchema = z.object({ intent: z.literal("task-status"), taskId: z.string().min(1), status: choice(TASK_STATUSES) });
export const deleteTaskSchema = z.object({ intent: z.literal("delete-task"), taskId: z.string().min(1) });
export const deleteProjectSchema = z.object({ intent: z.literal("delete-project") });

export const outputSchema = z.object({
  intent: z.literal("create"),
  type: choice(OUTPUT_TYPES),
  title: requiredText(200, "studios.errors.outputTitleRequired"),
  level: choice(LEVELS),
  date: calendarDay("studios.errors.badDate"),
  description: text(1000),
  authors: z
    .string({ error: "studios.errors.authorsRequired" })
    .trim()
    .min(1, "studios.errors.authorsRequired")
    .max(500, "validation.tooLong"),
  documentId: z.string().optional(),
  file: z.instanceof(File).optional(),
});
export const deleteOutputSchema = z.object({ intent: z.literal("delete"), outputId: z.string().min(1) });

export const activitySchema = z.object({
  intent: z.literal("create"),
  kind: choice(ACTIVITY_KINDS),
  title: requiredText(100, "studios.errors.activityTitleRequired"),
  date: calendarDay("studios.errors.badDate"),
  location: text(100),
  participants: z.coerce.number({ error: "studios.errors.badParticipants" }).int("studios.errors.badParticipants").min(1, "studios.errors.badParticipants").max(10_000, "studios.errors.badParticipants").optional(),
  summary: text(2000),
});
export const deleteActivitySchema = z.object({ intent: z.literal("delete"), activityId: z.string().min(1) });

export const evaluationSubmitSchema = z.object({
  intent: z.literal("submit"),
  cycle: z
    .string({ error: "studios.errors.cycleRequired" })
    .trim()
    .regex(/^\d{4}-\d{4}$/, "studios.errors.badCycle")
    .refine((c) => Number(c.slice(5)) === Number(c.slice(0, 4)) + 1, "studios.errors.badCycle"),
  report: z.string({ error: "studios.errors.reportRequired" }).trim().min(20, "studios.errors.reportShort").max(20_000, "validation.tooLong"),
});
export const evaluationGradeSchema = z.object({
  intent: z.literal("grade"),
  evaluationId: z.string().min(1),
  grade: choice(GRADES),
  comments: z.string({ error: "studios.errors.commentsRequired" }).trim().min(1, "studios.errors.commentsRequired").max(2000, "validation.tooLong"),
});

export const studioListSchema = z.object({
  q: z.string().trim().max(50).optional().catch(undefined),
  duty: choice(DUTIES).optional().catch(undefined),
  level: choice(STUDIO_LEVELS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});

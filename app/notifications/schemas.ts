import { z } from "zod";

/** The inbox's one action: everything unread becomes read. */
export const markAllReadSchema = z.object({ intent: z.literal("markAllRead") });

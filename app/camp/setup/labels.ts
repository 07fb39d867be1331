import type { CampStatus } from "~/generated/prisma/enums.ts";

/** The badge tone of a camp's state. Labels of the camp's enums are in app/i18n/enum-labels.ts (campStatus, campRoundKind, …). */
export const STATUS_TONE: Record<CampStatus, "slate" | "sky" | "amber" | "emerald"> = {
  DRAFT: "slate",
  OPEN: "sky",
  SCORING: "amber",
  RELEASED: "emerald",
  ARCHIVED: "slate",
};

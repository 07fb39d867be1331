import type { TFunction } from "i18next";
import type { SessionUser } from "~/auth/session.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import { describeGaps } from "~/people/gaps.ts";
import { can } from "~/policy/index.ts";
import type { StudioAccess } from "./access.server.ts";
import { isRuleError } from "./errors.ts";
import type { StudioTab } from "./studio-header.tsx";

/** The studio's name line and the sections this person may open, for every studio sub-page. */
export function studioChrome(user: SessionUser, access: StudioAccess) {
  const { studio, resource } = access;
  const tabs: StudioTab[] = ["overview"];
  const manage = can(user, "studio:manage", resource);
  if (manage) tabs.push("team", "directions");
  if (can(user, "studio:view-workspace", resource)) tabs.push("projects");
  tabs.push("outputs", "activities");
  if (can(user, "studio:view-report", resource)) tabs.push("report");
  if (can(user, "evaluation:view", resource)) tabs.push("evaluations");
  if (manage) tabs.push("dashboard", "edit");
  return { id: studio.id, name: studio.name, duty: studio.duty, level: studio.level, archived: studio.archivedAt !== null, viewerRole: resource.viewerRole, tabs };
}
export type StudioChrome = ReturnType<typeof studioChrome>;

/** A broken studio rule as a sentence in the person's language; other errors are rethrown. */
export function ruleMessage(error: unknown, t: TFunction, locale: string): string {
  if (!isRuleError(error)) throw error;
  const params: Record<string, string | number> = { ...error.params };
  if (error.gaps.length) params.gaps = describeGaps(error.gaps, t, locale);
  return translateKey(t, `studios.errors.${error.code}`, params);
}

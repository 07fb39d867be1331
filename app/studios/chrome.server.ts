import type { SessionUser } from "~/auth/session.server.ts";
import { abilities as abilitiesOf } from "~/policy/index.ts";
import type { StudioAccess } from "./access.server.ts";
import type { StudioTab } from "./studio-header.tsx";

/**
 * The studio's name line, the sections this person may open, and what they may do in the studio
 * (every studio rule evaluated, `abilities["project:create"]` …), for every studio sub-page.
 */
export function studioChrome(user: SessionUser, access: StudioAccess) {
  const { studio, resource } = access;
  const abilities = abilitiesOf(user, "studio", resource);
  const tabs: StudioTab[] = ["overview"];
  if (abilities["studio:manage"]) tabs.push("team", "directions");
  if (abilities["studio:view-workspace"]) tabs.push("projects", "documents");
  tabs.push("outputs", "activities");
  if (abilities["studio:view-report"]) tabs.push("report");
  if (abilities["evaluation:view"]) tabs.push("evaluations");
  // The preferences page is closed once the studio is archived (404), so no tab leads there.
  if (abilities["matching:state-preferences"] && studio.archivedAt === null) tabs.push("mentorPreferences");
  if (abilities["training:view-team"]) tabs.push("training");
  if (abilities["studio:manage"]) tabs.push("dashboard", "edit");
  return {
    id: studio.id,
    name: studio.name,
    duty: studio.duty,
    level: studio.level,
    archived: studio.archivedAt !== null,
    viewerRole: resource.viewerRole,
    tabs,
    abilities,
  };
}
export type StudioChrome = ReturnType<typeof studioChrome>;

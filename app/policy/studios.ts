import type { StudioRole } from "~/generated/prisma/enums.ts";
import { hasRole, type Actor } from "./actor.ts";

/** A studio as seen by one actor: their own role in it, if any, and whether they mentor it. */
export interface StudioResource {
  studioId: string;
  viewerRole: StudioRole | null;
  viewerMentors: boolean;
}

export const studioRules = {
  /** Studio pages (team, directions, outputs) are open to all staff, so newcomers can find one to join. */
  "studio:view": (_actor: Actor, _studio: StudioResource) => true,
  /** Working material (documents, projects, tasks) is for members, the studio's mentors and 学工部. */
  "studio:view-workspace": (actor: Actor, studio: StudioResource) =>
    studio.viewerRole !== null || studio.viewerMentors || hasRole(actor, "ADMIN"),
  /** Team, directions, projects: the leader (leader-responsibility system) and 学工部. */
  "studio:manage": (actor: Actor, studio: StudioResource) => studio.viewerRole === "LEADER" || hasRole(actor, "ADMIN"),
  /** Creating studios and appointing leaders is 学工部's. */
  "studio:create": (actor: Actor, _resource: null) => hasRole(actor, "ADMIN"),
};

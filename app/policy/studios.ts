import type { StudioRole } from "~/generated/prisma/enums.ts";
import { hasRole, type Actor } from "./actor.ts";

/** A studio as seen by one actor: their own role in it, if any, and whether they mentor it. */
export interface StudioResource {
  studioId: string;
  viewerRole: StudioRole | null;
  viewerMentors: boolean;
}

const isMember = (studio: StudioResource) => studio.viewerRole !== null;

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
  /** Name, duty, level, budget, leader and closing a studio: what 学工部 approved, so 学工部 changes it. */
  "studio:administer": (actor: Actor, _studio: StudioResource) => hasRole(actor, "ADMIN"),
  /** A counselor who is not yet in the studio may apply to join it (limits are checked by the service). */
  "studio:apply": (actor: Actor, studio: StudioResource) => hasRole(actor, "COUNSELOR") && !isMember(studio),
  /** Any member but the leader may leave (the leader is replaced by 学工部 first). */
  "studio:leave": (_actor: Actor, studio: StudioResource) => isMember(studio) && studio.viewerRole !== "LEADER",
  /** Members record what the studio does (activities, outputs); 学工部 may too. */
  "studio:contribute": (actor: Actor, studio: StudioResource) => isMember(studio) || hasRole(actor, "ADMIN"),
  /** An activity record is removed by the leader, 学工部, or the member who recorded it. */
  "activity:delete": (actor: Actor, activity: { studio: StudioResource; viewerRecorded: boolean }) =>
    activity.studio.viewerRole === "LEADER" || hasRole(actor, "ADMIN") || (activity.viewerRecorded && isMember(activity.studio)),
  /** The annual report (members, projects, outputs, activities): the team, its mentors, 学工部 and college staff. */
  "studio:view-report": (actor: Actor, studio: StudioResource) =>
    isMember(studio) || studio.viewerMentors || hasRole(actor, "ADMIN") || hasRole(actor, "COLLEGE_ADMIN"),
};

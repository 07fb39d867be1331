import type { Prisma } from "~/generated/prisma/client.ts";
import type { StudioRole } from "~/generated/prisma/enums.ts";
import { hasRole, holdersOf, type Actor } from "./actor.ts";

/** A studio as seen by one actor: their own role in it, if any, and whether they mentor it. */
export interface StudioResource {
  studioId: string;
  viewerRole: StudioRole | null;
  viewerMentors: boolean;
}

/**
 * A mentor counts for a studio through an ACCEPTED assignment to one of its directions (proposed,
 * invited, declined and excluded ones do not). The relation loader (app/studios/access.server.ts)
 * and the list scopes read `viewerMentors` from this one definition.
 */
export const countingAssignment = (userId: string) => ({ status: "ACCEPTED", mentor: { userId } }) satisfies Prisma.MentorAssignmentWhereInput;

const isMember = (studio: Pick<StudioResource, "viewerRole">) => studio.viewerRole !== null;

/**
 * Who sees a studio's working material (documents, projects, tasks, files): its members, its
 * mentors and 学工部. Whatever the document's status, so search filters with it too.
 */
export function seesWorkspace(actor: Actor, studio: Pick<StudioResource, "viewerRole" | "viewerMentors">): boolean {
  return isMember(studio) || studio.viewerMentors || hasRole(actor, "ADMIN");
}

/** Counselors may belong to studios: apply, be invited, lead one (limits are the service's). */
const mayJoinStudios = (actor: Actor) => hasRole(actor, "COUNSELOR");

export const studioRules = {
  school: {
    /** Creating studios and appointing leaders is 学工部's. */
    "studio:create": (actor: Actor, _resource: null) => hasRole(actor, "ADMIN"),
    /**
     * Taking part in studios at all: being recommended one, applying, being invited or appointed
     * leader. Asked about the applicant, invitee or candidate too, not only about whoever acts.
     */
    "studio:join": (actor: Actor, _resource: null) => mayJoinStudios(actor),
  },
  studio: {
    /** Studio pages (team, directions, outputs) are open to all staff, so newcomers can find one to join. */
    "studio:view": (_actor: Actor, _studio: StudioResource) => true,
    /** Working material (documents, projects, tasks) is for members, the studio's mentors and 学工部. */
    "studio:view-workspace": (actor: Actor, studio: StudioResource) => seesWorkspace(actor, studio),
    /** Team, directions, projects: the leader (leader-responsibility system) and 学工部. */
    "studio:manage": (actor: Actor, studio: StudioResource) => studio.viewerRole === "LEADER" || hasRole(actor, "ADMIN"),
    /** Name, duty, level, budget, leader and closing a studio: what 学工部 approved, so 学工部 changes it. */
    "studio:administer": (actor: Actor, _studio: StudioResource) => hasRole(actor, "ADMIN"),
    /** A counselor who is not yet in the studio may apply to join it (limits are checked by the service). */
    "studio:apply": (actor: Actor, studio: StudioResource) => mayJoinStudios(actor) && !isMember(studio),
    /** Any member but the leader may leave (the leader is replaced by 学工部 first). */
    "studio:leave": (_actor: Actor, studio: StudioResource) => isMember(studio) && studio.viewerRole !== "LEADER",
    /** Members record what the studio does (activities, outputs); 学工部 may too. */
    "studio:contribute": (actor: Actor, studio: StudioResource) => isMember(studio) || hasRole(actor, "ADMIN"),
    /** The annual report (members, projects, outputs, activities): the team, its mentors, 学工部 and college staff. */
    "studio:view-report": (actor: Actor, studio: StudioResource) => seesWorkspace(actor, studio) || hasRole(actor, "COLLEGE_ADMIN"),
  },
  activity: {
    /** An activity record is removed by the leader, 学工部, or the member who recorded it. */
    "activity:delete": (actor: Actor, activity: { studio: StudioResource; viewerRecorded: boolean }) =>
      activity.studio.viewerRole === "LEADER" || hasRole(actor, "ADMIN") || (activity.viewerRecorded && isMember(activity.studio)),
  },
};

/** The list side of "studio:view": every studio. */
const viewableStudios = (_actor: Actor): Prisma.StudioWhereInput => ({});

/** The list side of "studio:view-workspace": the studios the actor is a member of or mentors, all of them for 学工部. */
function workspaceStudios(actor: Actor): Prisma.StudioWhereInput {
  if (hasRole(actor, "ADMIN")) return {};
  return {
    OR: [
      { memberships: { some: { userId: actor.id } } },
      { directions: { some: { mentorAssignments: { some: countingAssignment(actor.id) } } } },
    ],
  };
}

/** The people a rule about the person alone holds for (whom to offer as leader or invitee). */
export const studioWhoMay = {
  "studio:join": holdersOf("COUNSELOR"),
};

export const studioScopes = {
  "studio:view": viewableStudios,
  "studio:view-workspace": workspaceStudios,
};

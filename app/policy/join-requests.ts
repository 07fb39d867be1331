import type { JoinRequestKind } from "~/generated/prisma/enums.ts";
import { hasRole, type Actor } from "./actor.ts";
import type { StudioResource } from "./studios.ts";

/** A join request or invitation, with the studio as the actor sees it. */
export interface JoinRequestResource {
  kind: JoinRequestKind;
  /** The counselor who applies or is invited. */
  userId: string;
  studio: StudioResource;
}

const managesStudio = (actor: Actor, studio: StudioResource) => studio.viewerRole === "LEADER" || hasRole(actor, "ADMIN");

export const joinRequestRules = {
  studio: {
    /** Leaders (and 学工部) see who applied and whom they invited. */
    "studio:view-requests": (actor: Actor, studio: StudioResource) => managesStudio(actor, studio),
    /** Leaders invite counselors into their team. */
    "studio:invite": (actor: Actor, studio: StudioResource) => managesStudio(actor, studio),
  },
  joinRequest: {
    /** An application is decided by the studio's leader; an invitation by the person invited. */
    "join-request:decide": (actor: Actor, request: JoinRequestResource) =>
      request.kind === "APPLICATION" ? managesStudio(actor, request.studio) : actor.id === request.userId,
    /** The applicant withdraws an application; the leader withdraws an invitation. */
    "join-request:withdraw": (actor: Actor, request: JoinRequestResource) =>
      request.kind === "APPLICATION" ? actor.id === request.userId : managesStudio(actor, request.studio),
  },
};

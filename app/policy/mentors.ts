import { hasRole, holdersOf, type Actor } from "./actor.ts";
import type { StudioResource } from "./studios.ts";

/** A mentor as seen by one actor: whose profile it is, and whether the actor's studio is mentored by them. */
export interface MentorResource {
  mentorUserId: string;
  /** The actor belongs to a studio this mentor serves (accepted or invited). */
  viewerIsMentee: boolean;
}

/** An invitation to mentor a direction, as seen by the mentor it was sent to. */
export interface InvitationResource {
  mentorUserId: string;
}

export const mentorRules = {
  school: {
    /** The pool (names, organisations, expertise) is open to all staff: leaders pick preferences from it, counselors see who guides them. */
    "mentor:view-pool": (_actor: Actor, _resource: null) => true,
    /** Adding, importing, linking accounts, changing kind, removing from the pool: 学工部 curates. */
    "mentor:curate": (actor: Actor, _resource: null) => hasRole(actor, "ADMIN"),
    /** The "我的指导" page (invitations, directions, review queue) and the home page's mentoring card. */
    "mentoring:view-own": (actor: Actor, _resource: null) => hasRole(actor, "MENTOR"),
    /** The matching board: run, lock, exclude, add by hand, publish, weights. */
    "matching:administer": (actor: Actor, _resource: null) => hasRole(actor, "ADMIN"),
  },
  mentor: {
    "mentor:view-profile": (_actor: Actor, _mentor: MentorResource) => true,
    /** Phone and e-mail: 学工部, the mentor, and the studios they guide. */
    "mentor:view-contact": (actor: Actor, mentor: MentorResource) =>
      hasRole(actor, "ADMIN") || actor.id === mentor.mentorUserId || mentor.viewerIsMentee,
    /** Mentors keep their own profile (expertise, capacity, availability) current; 学工部 may edit any. */
    "mentor:edit-profile": (actor: Actor, mentor: MentorResource) => hasRole(actor, "ADMIN") || actor.id === mentor.mentorUserId,
  },
  invitation: {
    /** Only the invited mentor accepts or declines; nobody answers on their behalf. */
    "mentoring:respond": (actor: Actor, invitation: InvitationResource) => actor.id === invitation.mentorUserId,
  },
  studio: {
    /** A studio's preferred mentors and how many mentors each direction asks for: its leader and 学工部. */
    "matching:state-preferences": (actor: Actor, studio: StudioResource) => studio.viewerRole === "LEADER" || hasRole(actor, "ADMIN"),
  },
};

/** Who runs the matching: those told when a mentor accepts or declines an invitation. */
export const mentorWhoMay = {
  "matching:administer": holdersOf("ADMIN"),
};

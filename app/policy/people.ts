import type { Prisma } from "~/generated/prisma/client.ts";
import { hasRole, holdersOf, type Actor } from "./actor.ts";
import { managesScope, ownScope, type SchoolScope } from "./scope.ts";

/** A person's record in the personnel database: who they are and which college holds it. */
export interface PersonResource {
  userId: string;
  collegeId: string | null;
}

/** 学工部 looks after everyone; a college admin the people of their own college (none if they have no college). */
function managesPerson(actor: Actor, person: PersonResource): boolean {
  const own = ownScope(actor);
  return own !== null && (own.kind === "school" || own.collegeId === person.collegeId);
}

export const peopleRules = {
  school: {
    /** The card directory (/people): staff of the programme; mentors reach people through studios. */
    "people:browse": (actor: Actor, _resource: null) =>
      hasRole(actor, "ADMIN") || hasRole(actor, "COLLEGE_ADMIN") || hasRole(actor, "COUNSELOR"),
    /** One's own career stage, its goal and what comes next (the home page's card): counselors. */
    "career:view-own": (actor: Actor, _resource: null) => hasRole(actor, "COUNSELOR"),
  },
  person: {
    /** Name, college, studios and specialties: visible to every signed-in member of staff. */
    "person:view-card": (_actor: Actor, _person: PersonResource) => true,
    /** The full profile (contact details, birth date, honours, education). */
    "person:view-profile": (actor: Actor, person: PersonResource) => actor.id === person.userId || managesPerson(actor, person),
    /** A person edits their own profile; college admins their college; admins everyone. */
    "person:edit-profile": (actor: Actor, person: PersonResource) => actor.id === person.userId || managesPerson(actor, person),
    /**
     * The official record (start date, title, position, honours, groups): it drives career stages and
     * studio eligibility, so the college or 学工部 keeps it, not the person.
     */
    "person:edit-record": (actor: Actor, person: PersonResource) => managesPerson(actor, person),
    /** Roles, college and account state: 学工部 only. */
    "person:manage-account": (actor: Actor, _person: PersonResource) => hasRole(actor, "ADMIN"),
  },
  schoolScope: {
    /** Exporting or importing rosters: 学工部 for anyone, a college admin for their own college. */
    "people:export": (actor: Actor, scope: SchoolScope) => managesScope(actor, scope),
    "people:import": (actor: Actor, scope: SchoolScope) => managesScope(actor, scope),
  },
};

export const peopleScopes = {
  /** The list side of "person:view-card": everyone's card (pickers, the directory). */
  "person:view-card": (_actor: Actor): Prisma.UserWhereInput => ({}),
};

/** The people with a career stage of their own: counted in the programme's figures. */
export const peopleWhoMay = {
  "career:view-own": holdersOf("COUNSELOR"),
};

import { hasRole, type Actor } from "./actor.ts";

/** A person's record in the personnel database: who they are and which college holds it. */
export interface PersonResource {
  userId: string;
  collegeId: string | null;
}

function managesPerson(actor: Actor, person: PersonResource): boolean {
  if (hasRole(actor, "ADMIN")) return true;
  return hasRole(actor, "COLLEGE_ADMIN") && actor.collegeId !== null && actor.collegeId === person.collegeId;
}

export const peopleRules = {
  /** Name, college, studios and specialties: visible to every signed-in member of staff. */
  "person:view-card": (_actor: Actor, _person: PersonResource) => true,
  /** The full profile (contact details, birth date, honours, education). */
  "person:view-profile": (actor: Actor, person: PersonResource) => actor.id === person.userId || managesPerson(actor, person),
  /** A person edits their own profile; college admins their college; admins everyone. */
  "person:edit-profile": (actor: Actor, person: PersonResource) => actor.id === person.userId || managesPerson(actor, person),
  /** Roles and account state: 学工部 only. */
  "person:manage-account": (actor: Actor, _person: PersonResource) => hasRole(actor, "ADMIN"),
};

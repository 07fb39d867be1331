import { hasRole, type Actor } from "./actor.ts";

/**
 * A slice of the school for rosters and dashboards: all of it, or one college. A college is named
 * by its id, never by a missing one, so an account without a college (`collegeId` null) cannot be
 * turned into "the whole school" on the way from the session to a query.
 */
export type SchoolScope = { kind: "school" } | { kind: "college"; collegeId: string };

/** The slice an actor looks after: 学工部 the school, a college admin their own college, anyone else (or a college admin with no college) none. */
export function ownScope(actor: Actor): SchoolScope | null {
  if (hasRole(actor, "ADMIN")) return { kind: "school" };
  if (hasRole(actor, "COLLEGE_ADMIN") && actor.collegeId !== null) return { kind: "college", collegeId: actor.collegeId };
  return null;
}

/** Whether `scope` lies within what the actor looks after. */
export function managesScope(actor: Actor, scope: SchoolScope): boolean {
  const own = ownScope(actor);
  if (own === null) return false;
  if (own.kind === "school") return true;
  // A school scope has no collegeId, so the kind test never changes the answer; it is what lets
  // the type checker see `scope.collegeId` (docs/benchmarks.md lists it as the equivalent mutant).
  return scope.kind === "college" && scope.collegeId === own.collegeId;
}

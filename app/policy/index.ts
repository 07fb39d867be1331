/**
 * The one place that decides who may do what (like Outline's server/policies). Routes, services
 * and the realtime server ask `can(actor, action, resource)` or `authorize(...)`; no permission
 * logic lives anywhere else. Rules are pure functions of the actor and a small resource
 * description, so each is tested for every role in app/policy/policy.test.ts.
 */
import type { Actor } from "./actor.ts";
import { accountRules } from "./accounts.ts";
import { ownScope, type SchoolScope } from "./scope.ts";
import { mentorRules } from "./mentors.ts";
import { documentRules } from "./documents.ts";
import { evaluationRules } from "./evaluations.ts";
import { joinRequestRules } from "./join-requests.ts";
import { notificationRules } from "./notifications.ts";
import { outputRules } from "./outputs.ts";
import { peopleRules } from "./people.ts";
import { projectRules } from "./projects.ts";
import { schoolRules } from "./school.ts";
import { searchRules } from "./search.ts";
import { studioRules } from "./studios.ts";

export { hasRole, type Actor } from "./actor.ts";
export { ownScope, type SchoolScope } from "./scope.ts";

/** Each resource's rules live in their own file; add a line here for a new one. */
const rules = {
  ...schoolRules,
  ...peopleRules,
  ...studioRules,
  ...notificationRules,
  ...mentorRules,
  ...searchRules,
  ...documentRules,
  ...joinRequestRules,
  ...projectRules,
  ...outputRules,
  ...evaluationRules,
  ...accountRules,
};

export type Rules = typeof rules;
export type Action = keyof Rules;
export type ResourceOf<A extends Action> = Parameters<Rules[A]>[1];

export function can<A extends Action>(actor: Actor | null | undefined, action: A, resource: ResourceOf<A>): boolean {
  if (!actor) return false;
  const rule = rules[action] as (actor: Actor, resource: ResourceOf<A>) => boolean;
  return rule(actor, resource);
}

/** Throws a 403 response (rendered by the error boundary in the person's language) when not allowed. */
export function authorize<A extends Action>(actor: Actor | null | undefined, action: A, resource: ResourceOf<A>): void {
  if (!can(actor, action, resource)) throw forbidden();
}

/**
 * The slice of the school the actor looks after (app/policy/scope.ts), for pages that show "mine":
 * 学工部 the school, a college admin their college; a 403 for anyone else, including a college
 * admin whose account has no college — never the whole school.
 */
export function requireOwnScope(actor: Actor): SchoolScope {
  const scope = ownScope(actor);
  if (scope === null) throw forbidden();
  return scope;
}

function forbidden() {
  return new Response("forbidden", { status: 403, statusText: "Forbidden" });
}

declare const permitted: unique symbol;
/** Proof that the policy allowed an action; the action protocol's intents must return one. */
export type Permit = { readonly [permitted]: true };

/** authorize(), returning the proof an intent hands the action protocol (app/lib/actions.server.ts). */
export function permit<A extends Action>(actor: Actor | null | undefined, action: A, resource: ResourceOf<A>): Permit {
  authorize(actor, action, resource);
  return {} as Permit;
}

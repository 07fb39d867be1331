import { hasRole, type Actor } from "./actor.ts";
import { seesWorkspace, studioScopes, type StudioResource } from "./studios.ts";

/**
 * Search and its API tokens. "search:see-document" is the rule search filters every query with;
 * it is the documents' own read rule (members, the studio's mentors, 学工部), so a hit never
 * shows a document its reader could not open.
 */
export const searchRules = {
  school: {
    /** Everyone signed in may search; what they find is narrowed by the rules below. */
    "search:use": (_actor: Actor, _resource: null) => true,
    /** Studios, people's cards and outputs are open to all staff (studio:view, person:view-card). */
    "search:see-public": (_actor: Actor, _resource: null) => true,
    /** The synonym list and rebuilding the index: 学工部. */
    "search:administer": (actor: Actor, _resource: null) => hasRole(actor, "ADMIN"),
    /** Where a search's time went (the API's Server-Timing header): 学工部, who run the benchmarks and the server. */
    "search:timings": (actor: Actor, _resource: null) => hasRole(actor, "ADMIN"),
  },
  studio: {
    /** A document in search results: members of its studio, its ACCEPTED mentors, 学工部. */
    "search:see-document": (actor: Actor, studio: StudioResource) => seesWorkspace(actor, studio),
  },
  account: {
    /** Personal API tokens: each person creates their own. */
    "api-token:create": (actor: Actor, owner: { userId: string }) => actor.id === owner.userId,
  },
  apiToken: {
    /** …and revokes them; 学工部 may revoke anyone's (e.g. a leaked token). */
    "api-token:revoke": (actor: Actor, token: { userId: string }) => actor.id === token.userId || hasRole(actor, "ADMIN"),
  },
};

export const searchScopes = {
  /** The list side of "search:see-document": the studios whose documents a search may return. */
  "search:see-document": studioScopes["studio:view-workspace"],
};

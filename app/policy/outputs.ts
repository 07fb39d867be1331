import { hasRole, type Actor } from "./actor.ts";
import type { StudioResource } from "./studios.ts";

/** An output (成果) of a studio, and whether the actor is one of its authors. */
export interface OutputResource {
  studio: StudioResource;
  viewerIsAuthor: boolean;
}

const managesStudio = (actor: Actor, studio: StudioResource) => studio.viewerRole === "LEADER" || hasRole(actor, "ADMIN");

export const outputRules = {
  /** Published outputs are the studio's shop window: every signed-in person sees the list. */
  "output:view": (_actor: Actor, _output: OutputResource) => true,
  /** The attached file (manuscript, scan) is working material: the team, its mentors, 学工部. */
  "output:download": (actor: Actor, output: OutputResource) =>
    output.studio.viewerRole !== null || output.studio.viewerMentors || hasRole(actor, "ADMIN") || output.viewerIsAuthor,
  /** Members record outputs of their studio. */
  "output:create": (actor: Actor, studio: StudioResource) => studio.viewerRole !== null || hasRole(actor, "ADMIN"),
  /** An output is corrected or removed by the leader, 学工部 or one of its authors who is still a member. */
  "output:edit": (actor: Actor, output: OutputResource) =>
    managesStudio(actor, output.studio) || (output.viewerIsAuthor && output.studio.viewerRole !== null),
};

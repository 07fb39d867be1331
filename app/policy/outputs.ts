import { hasRole, type Actor } from "./actor.ts";
import { seesWorkspace, type StudioResource } from "./studios.ts";

/** An output (成果) of a studio, and whether the actor is one of its authors. */
export interface OutputResource {
  studio: StudioResource;
  viewerIsAuthor: boolean;
}

const managesStudio = (actor: Actor, studio: StudioResource) => studio.viewerRole === "LEADER" || hasRole(actor, "ADMIN");

export const outputRules = {
  output: {
    /** Published outputs are the studio's shop window: every signed-in person sees the list. */
    "output:view": (_actor: Actor, _output: OutputResource) => true,
    /** The attached file (manuscript, scan) is working material: the team, its mentors, 学工部 — and its authors. */
    "output:download": (actor: Actor, output: OutputResource) => seesWorkspace(actor, output.studio) || output.viewerIsAuthor,
    /** An output is corrected or removed by the leader, 学工部 or one of its authors who is still a member. */
    "output:edit": (actor: Actor, output: OutputResource) =>
      managesStudio(actor, output.studio) || (output.viewerIsAuthor && output.studio.viewerRole !== null),
  },
  studio: {
    /** Members record outputs of their studio. */
    "output:create": (actor: Actor, studio: StudioResource) => studio.viewerRole !== null || hasRole(actor, "ADMIN"),
  },
};

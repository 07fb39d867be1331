import { hasRole, holdersOf, type Actor } from "./actor.ts";
import type { StudioResource } from "./studios.ts";

/** 周期考核: the leader reports on the cycle, 学工部 grades it. */
export const evaluationRules = {
  studio: {
    /** The history of a studio's evaluations: its leader, 学工部 and college staff (who take part in reviews). */
    "evaluation:view": (actor: Actor, studio: StudioResource) =>
      studio.viewerRole === "LEADER" || hasRole(actor, "ADMIN") || hasRole(actor, "COLLEGE_ADMIN"),
    /** Only the leader submits the cycle report (leader-responsibility system). */
    "evaluation:submit": (_actor: Actor, studio: StudioResource) => studio.viewerRole === "LEADER",
    /** Grading (优秀/合格/不合格) is 学工部's. */
    "evaluation:grade": (actor: Actor, _studio: StudioResource) => hasRole(actor, "ADMIN"),
  },
};

/** Who grades, whatever the studio: those told that a cycle report awaits grading. */
export const evaluationWhoMay = {
  "evaluation:grade": holdersOf("ADMIN"),
};

import type { ProjectRole } from "~/generated/prisma/enums.ts";
import { hasRole, type Actor } from "./actor.ts";
import type { StudioResource } from "./studios.ts";

/** A project (课题) as the actor sees it: the studio and the actor's own part in the project. */
export interface ProjectResource {
  studio: StudioResource;
  viewerProjectRole: ProjectRole | null;
}

/** A task of a project, and whether the actor is the one it is assigned to. */
export interface TaskResource {
  project: ProjectResource;
  viewerIsAssignee: boolean;
}

const managesStudio = (actor: Actor, studio: StudioResource) => studio.viewerRole === "LEADER" || hasRole(actor, "ADMIN");
const canSeeWorkspace = (actor: Actor, studio: StudioResource) =>
  studio.viewerRole !== null || studio.viewerMentors || hasRole(actor, "ADMIN");

export const projectRules = {
  /** Projects are working material: members, the studio's mentors and 学工部. */
  "project:view": (actor: Actor, project: ProjectResource) => canSeeWorkspace(actor, project.studio),
  /** The leader opens projects. */
  "project:create": (actor: Actor, studio: StudioResource) => managesStudio(actor, studio),
  /** Details, members, milestones and tasks: the leader and the project's principal (主持人). */
  "project:manage": (actor: Actor, project: ProjectResource) =>
    managesStudio(actor, project.studio) || (project.viewerProjectRole === "PRINCIPAL" && project.studio.viewerRole !== null),
  /** Deleting a whole project is the leader's (or 学工部's) call. */
  "project:delete": (actor: Actor, project: ProjectResource) => managesStudio(actor, project.studio),
  /** A task's progress: whoever manages the project and the person doing it. */
  "task:update-status": (actor: Actor, task: TaskResource) =>
    projectRules["project:manage"](actor, task.project) || (task.viewerIsAssignee && task.project.studio.viewerRole !== null),
};

import type { ProjectRole } from "~/generated/prisma/enums.ts";
import { hasRole, type Actor } from "./actor.ts";
import { seesWorkspace, type StudioResource } from "./studios.ts";

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
const managesProject = (actor: Actor, project: ProjectResource) =>
  managesStudio(actor, project.studio) || (project.viewerProjectRole === "PRINCIPAL" && project.studio.viewerRole !== null);

export const projectRules = {
  project: {
    /** Projects are working material: members, the studio's mentors and 学工部. */
    "project:view": (actor: Actor, project: ProjectResource) => seesWorkspace(actor, project.studio),
    /** Details, members, milestones and tasks: the leader and the project's principal (主持人). */
    "project:manage": (actor: Actor, project: ProjectResource) => managesProject(actor, project),
    /** Deleting a whole project is the leader's (or 学工部's) call. */
    "project:delete": (actor: Actor, project: ProjectResource) => managesStudio(actor, project.studio),
  },
  studio: {
    /** The leader opens projects. */
    "project:create": (actor: Actor, studio: StudioResource) => managesStudio(actor, studio),
  },
  task: {
    /** A task's progress: whoever manages the project and the person doing it. */
    "task:update-status": (actor: Actor, task: TaskResource) =>
      managesProject(actor, task.project) || (task.viewerIsAssignee && task.project.studio.viewerRole !== null),
  },
};

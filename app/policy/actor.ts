import type { Role } from "~/generated/prisma/enums.ts";

/** Whoever is acting: the signed-in person (SessionUser satisfies this). */
export interface Actor {
  id: string;
  roles: readonly Role[];
  collegeId: string | null;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

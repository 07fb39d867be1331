import type { Prisma } from "~/generated/prisma/client.ts";
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

/** The people `hasRole` holds for, as a where clause (the list side of rules that depend on roles alone). */
export function holdersOf(role: Role): Prisma.UserWhereInput {
  return { roles: { has: role } };
}

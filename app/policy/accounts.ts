import type { Role } from "~/generated/prisma/enums.ts";
import { hasRole, type Actor } from "./actor.ts";

/** A person's account as the password rules see it: who, which college, which roles. */
export interface AccountResource {
  userId: string;
  collegeId: string | null;
  roles: readonly Role[];
}

/** Accounts that outrank a college admin: resetting them would hand over their powers. */
const isAdministrator = (account: AccountResource) => account.roles.includes("ADMIN") || account.roles.includes("COLLEGE_ADMIN");

export const accountRules = {
  account: {
    /** Everyone changes their own password, knowing the current one; nobody changes another's. */
    "account:change-password": (actor: Actor, owner: { userId: string }) => actor.id === owner.userId,
  },
  person: {
    /**
     * Resetting a forgotten password (a temporary one, or "set a new one at next sign-in"): 学工部
     * for anyone, a college admin for the people of their own college except administrators. Not
     * one's own: that is a change, with the current password.
     */
    "person:reset-password": (actor: Actor, account: AccountResource) => {
      if (actor.id === account.userId) return false;
      if (hasRole(actor, "ADMIN")) return true;
      return hasRole(actor, "COLLEGE_ADMIN") && actor.collegeId !== null && actor.collegeId === account.collegeId && !isAdministrator(account);
    },
  },
};

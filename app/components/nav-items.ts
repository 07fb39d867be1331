import type { Role } from "~/generated/prisma/enums.ts";
import type { MessageKey } from "~/i18n/keys.ts";
import { can } from "~/policy/index.ts";

export interface NavItem {
  to: string;
  /** i18n key of the label. */
  labelKey: MessageKey;
  end?: boolean;
  /** Who sees the link (the pages behind it still authorise every request). */
  visibleTo?: (roles: readonly Role[]) => boolean;
}

/** The main navigation; features add their entry here (one line each). */
export const NAV_ITEMS: NavItem[] = [
  { to: "/", labelKey: "nav.home", end: true },
  { to: "/studios", labelKey: "studios.nav" },
  { to: "/documents", labelKey: "documents.nav" },
  { to: "/people", labelKey: "people.nav", visibleTo: (roles) => can(rolesOnly(roles), "people:browse", null) },
  { to: "/mentors", labelKey: "mentors.nav.pool", visibleTo: (roles) => can(rolesOnly(roles), "mentor:view-pool", null) },
  { to: "/mentoring", labelKey: "mentors.nav.mentoring", visibleTo: (roles) => can(rolesOnly(roles), "mentoring:view-own", null) },
  { to: "/reviews", labelKey: "documents.navReviews", visibleTo: (roles) => can(rolesOnly(roles), "mentoring:view-own", null) },
  { to: "/admin/matching", labelKey: "mentors.nav.matching", visibleTo: (roles) => can(rolesOnly(roles), "matching:administer", null) },
  { to: "/dashboard", labelKey: "dashboard.nav", visibleTo: (roles) => can(rolesOnly(roles), "school:view-dashboard", null) },
  { to: "/admin/settings", labelKey: "settings.nav", visibleTo: (roles) => can(rolesOnly(roles), "school:administer", null) },
];

/** The policy decides visibility from roles alone (the pages still authorise every request). */
function rolesOnly(roles: readonly Role[]) {
  return { id: "", roles, collegeId: null };
}

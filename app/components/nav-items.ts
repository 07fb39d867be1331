import type { Role } from "~/generated/prisma/enums.ts";

export interface NavItem {
  to: string;
  /** i18n key of the label. */
  labelKey: string;
  end?: boolean;
  /** Who sees the link (the pages behind it still authorise every request). */
  visibleTo?: (roles: readonly Role[]) => boolean;
}

/** The main navigation; features add their entry here (one line each). */
export const NAV_ITEMS: NavItem[] = [
  { to: "/", labelKey: "nav.home", end: true },
  { to: "/mentors", labelKey: "mentors.nav.pool", visibleTo: (roles) => roles.some((r) => r === "ADMIN" || r === "COLLEGE_ADMIN" || r === "COUNSELOR") },
  { to: "/mentoring", labelKey: "mentors.nav.mentoring", visibleTo: (roles) => roles.includes("MENTOR") },
  { to: "/admin/matching", labelKey: "mentors.nav.matching", visibleTo: (roles) => roles.includes("ADMIN") },
  { to: "/documents", labelKey: "documents.nav" },
  { to: "/reviews", labelKey: "documents.navReviews", visibleTo: (roles) => roles.includes("MENTOR") },
];

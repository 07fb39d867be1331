import type { MessageKey } from "~/i18n/keys.ts";
import type { Abilities } from "~/policy/index.ts";

export interface NavItem {
  to: string;
  /** i18n key of the label. */
  labelKey: MessageKey;
  end?: boolean;
  /** Who sees the link, from the person's school-wide abilities (the pages behind it still authorise every request). */
  visibleTo?: (abilities: Abilities<"school">) => boolean;
}

/** The main navigation; features add their entry here (one line each). */
export const NAV_ITEMS: NavItem[] = [
  { to: "/", labelKey: "nav.home", end: true },
  { to: "/studios", labelKey: "studios.nav" },
  { to: "/documents", labelKey: "documents.nav" },
  { to: "/training", labelKey: "training.nav.label", visibleTo: (abilities) => abilities["training:view-menu"] || abilities["training:browse"] },
  { to: "/meetings", labelKey: "meetings.pages.nav.main", visibleTo: (abilities) => abilities["meetings:use"] },
  { to: "/camp", labelKey: "camp.setup.nav.main", visibleTo: (abilities) => abilities["camps:use"] },
  { to: "/people", labelKey: "people.nav", visibleTo: (abilities) => abilities["people:browse"] },
  { to: "/mentors", labelKey: "mentors.nav.pool", visibleTo: (abilities) => abilities["mentor:view-pool"] },
  { to: "/mentoring", labelKey: "mentors.nav.mentoring", visibleTo: (abilities) => abilities["mentoring:view-own"] },
  { to: "/reviews", labelKey: "documents.navReviews", visibleTo: (abilities) => abilities["mentoring:view-own"] },
  { to: "/admin/matching", labelKey: "mentors.nav.matching", visibleTo: (abilities) => abilities["matching:administer"] },
  { to: "/quotas", labelKey: "quotas.nav", visibleTo: (abilities) => abilities["quota:manage"] },
  { to: "/dashboard", labelKey: "dashboard.nav", visibleTo: (abilities) => abilities["school:view-dashboard"] },
  { to: "/admin/settings", labelKey: "settings.nav", visibleTo: (abilities) => abilities["school:administer"] },
];

import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ScrollingNav } from "~/components/kit/scrolling-nav.tsx";
import type { MessageKey } from "~/i18n/keys.ts";
import type { Abilities } from "~/policy/index.ts";

/** What the section navigation decides on: the person's school-wide abilities, and those over their own slice of the school (none without one). */
export interface MeetingsNavAbilities {
  school: Abilities<"school">;
  ownScope: Abilities<"schoolScope"> | null;
}

export interface MeetingsNavItem {
  to: string;
  labelKey: MessageKey;
  end?: boolean;
  /** Who sees the link (the page behind it still authorises every request). */
  visibleTo: (abilities: MeetingsNavAbilities) => boolean;
}

/** The meetings section's links, each shown only to who may use the page; a new page adds one line. */
export const MEETINGS_NAV_ITEMS: MeetingsNavItem[] = [
  { to: "/meetings", labelKey: "meetings.pages.nav.meetings", end: true, visibleTo: (a) => a.school["meetings:use"] },
  { to: "/meetings/actions", labelKey: "meetings.pages.nav.actions", visibleTo: (a) => a.school["meetings:use"] },
  { to: "/meetings/overview", labelKey: "meetings.pages.nav.overview", visibleTo: (a) => a.ownScope?.["meetings:view-overview"] ?? false },
];

const link = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`;

/** The in-section tabs of the meeting pages, styled as the training tabs (they scroll sideways on a phone, with the fade). */
export function MeetingsNav({ abilities }: { abilities: MeetingsNavAbilities }) {
  const { t } = useTranslation();
  const items = MEETINGS_NAV_ITEMS.filter((item) => item.visibleTo(abilities));
  if (items.length < 2) return null;
  return (
    <ScrollingNav label={t("meetings.pages.nav.label")} className="-mb-px mb-6 border-b border-slate-200">
      {items.map((item) => (
        <NavLink key={item.to} to={item.to} end={item.end} prefetch="intent" className={link}>
          {t(item.labelKey)}
        </NavLink>
      ))}
    </ScrollingNav>
  );
}

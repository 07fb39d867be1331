import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ScrollingNav } from "~/components/kit/scrolling-nav.tsx";
import type { MessageKey } from "~/i18n/keys.ts";
import type { Abilities } from "~/policy/index.ts";

export interface CampNavItem {
  to: string;
  labelKey: MessageKey;
  end?: boolean;
  /** Who sees the link, from the person's school-wide abilities (the page behind it still authorises every request). */
  visibleTo: (abilities: Abilities<"school">) => boolean;
}

/** The camp section's links, each shown only to who may use the page; a new page adds one line. */
export const CAMP_NAV_ITEMS: CampNavItem[] = [
  { to: "/camp", labelKey: "camp.setup.nav.home", end: true, visibleTo: (a) => a["camps:use"] },
  { to: "/camp/bank", labelKey: "camp.setup.nav.bank", visibleTo: (a) => a["camp-bank:manage"] },
  { to: "/quotas", labelKey: "camp.setup.nav.quotas", visibleTo: (a) => a["quota:manage"] },
];

const link = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`;

/** The in-section tabs of the camp pages, as the meetings' (they scroll sideways on a phone). Nothing for who would see one link only. */
export function CampNav({ abilities }: { abilities: Abilities<"school"> }) {
  const { t } = useTranslation();
  const items = CAMP_NAV_ITEMS.filter((item) => item.visibleTo(abilities));
  if (items.length < 2) return null;
  return (
    <ScrollingNav label={t("camp.setup.nav.label")} className="-mb-px mb-6 border-b border-slate-200">
      {items.map((item) => (
        <NavLink key={item.to} to={item.to} end={item.end} prefetch="intent" className={link}>
          {t(item.labelKey)}
        </NavLink>
      ))}
    </ScrollingNav>
  );
}

import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ScrollingNav } from "~/components/kit/scrolling-nav.tsx";
import type { MessageKey } from "~/i18n/keys.ts";
import type { Abilities } from "~/policy/index.ts";

/** What the section navigation decides on: the person's school-wide abilities, and those over their own slice of the school (none without one). */
export interface TrainingNavAbilities {
  school: Abilities<"school">;
  ownScope: Abilities<"schoolScope"> | null;
}

export interface TrainingNavItem {
  to: string;
  labelKey: MessageKey;
  end?: boolean;
  /** Who sees the link (the page behind it still authorises every request). */
  visibleTo: (abilities: TrainingNavAbilities) => boolean;
}

/** The training section's links, each shown only to who may use the page; a new page adds one line. */
export const TRAINING_NAV_ITEMS: TrainingNavItem[] = [
  { to: "/training", labelKey: "training.more.nav.menu", end: true, visibleTo: (a) => a.school["training:view-menu"] },
  { to: "/training/courses", labelKey: "training.more.nav.courses", visibleTo: (a) => a.school["training:browse"] },
  { to: "/training/external", labelKey: "training.more.nav.external", visibleTo: (a) => a.school["training:browse"] },
  { to: "/training/ledger", labelKey: "training.more.nav.ledger", visibleTo: (a) => a.school["training:browse"] },
  { to: "/training/import", labelKey: "training.more.nav.import", visibleTo: (a) => a.ownScope?.["training:view-scope"] ?? false },
  { to: "/training/calendar", labelKey: "training.more.nav.calendar", visibleTo: (a) => a.school["training:calendar-feed"] },
  { to: "/training/dashboard", labelKey: "training.dashboard.title", visibleTo: (a) => a.ownScope?.["training:view-scope"] ?? false },
  { to: "/training/settings", labelKey: "training.admin.title", visibleTo: (a) => a.school["training:administer"] },
];

const link = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`;

/** The in-section tabs of the training pages, styled as the studio tabs (they scroll sideways on a phone, with the fade). */
export function TrainingNav({ abilities }: { abilities: TrainingNavAbilities }) {
  const { t } = useTranslation();
  const items = TRAINING_NAV_ITEMS.filter((item) => item.visibleTo(abilities));
  if (items.length < 2) return null;
  return (
    <ScrollingNav label={t("training.more.nav.label")} className="-mb-px mb-6 border-b border-slate-200">
      {items.map((item) => (
        <NavLink key={item.to} to={item.to} end={item.end} prefetch="intent" className={link}>
          {t(item.labelKey)}
        </NavLink>
      ))}
    </ScrollingNav>
  );
}

import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/kit/card.tsx";
import { useContentLang } from "~/components/kit/content-lang.tsx";
import { ScrollingNav } from "~/components/kit/scrolling-nav.tsx";
import type { Duty, Level, StudioRole } from "~/generated/prisma/enums.ts";

/** Sections of a studio; others can add theirs with one entry here (and one in studioChrome). */
export const STUDIO_TAB_PATHS = {
  overview: "",
  team: "/team",
  directions: "/directions",
  projects: "/projects",
  documents: "/documents",
  outputs: "/outputs",
  activities: "/activities",
  report: "/report",
  evaluations: "/evaluations",
  mentorPreferences: "/mentor-preferences",
  dashboard: "/dashboard",
  training: "/training",
  edit: "/edit",
} as const;
export type StudioTab = keyof typeof STUDIO_TAB_PATHS;

/**
 * The studio's name, duty, level and section tabs, rendered once by the studio layout
 * (app/routes/studios.$studioId.tsx). On the overview the name is the page's heading; on a section
 * page it links to the overview and the section names itself with `StudioPageHeading`.
 */
export function StudioHeader({
  studio,
  nameIsHeading,
}: {
  studio: { id: string; name: string; duty: Duty; level: Level; archived: boolean; viewerRole: StudioRole | null; tabs: StudioTab[] };
  nameIsHeading: boolean;
}) {
  const { t } = useTranslation();
  const contentLang = useContentLang();
  const link = ({ isActive }: { isActive: boolean }) =>
    `whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`;
  return (
    <div className="space-y-3">
      <div>
        {nameIsHeading ? (
          <h1 lang={contentLang(studio.name)} className="text-2xl font-bold tracking-tight text-slate-900">
            {studio.name}
          </h1>
        ) : (
          <p>
            <NavLink to={`/studios/${studio.id}`} end lang={contentLang(studio.name)} className="text-lg font-semibold text-slate-800 hover:underline">
              {studio.name}
            </NavLink>
          </p>
        )}
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span>{t(`duty.${studio.duty}`)}</span>
          <Badge tone="brand">{t(`level.${studio.level}`)}</Badge>
          {studio.viewerRole ? <Badge tone="emerald">{t(`studioRole.${studio.viewerRole}`)}</Badge> : null}
          {studio.archived ? <Badge tone="amber">{t("studios.page.archived")}</Badge> : null}
        </p>
      </div>
      <ScrollingNav label={t("studios.tabs.label")} className="-mb-px border-b border-slate-200">
        {studio.tabs.map((tab) => (
          <NavLink key={tab} to={`/studios/${studio.id}${STUDIO_TAB_PATHS[tab]}`} end={tab === "overview"} className={link}>
            {t(`studios.tabs.${tab}`)}
          </NavLink>
        ))}
      </ScrollingNav>
    </div>
  );
}

/** A section page's heading, under the studio's tabs. */
export function StudioPageHeading({ children }: { children: React.ReactNode }) {
  return <h1 className="text-xl font-bold tracking-tight">{children}</h1>;
}

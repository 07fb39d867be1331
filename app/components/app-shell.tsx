import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NotificationBell } from "~/notifications/notification-bell.tsx";
import type { Abilities } from "~/policy/index.ts";
import { useRealtime } from "~/realtime/realtime-context.tsx";
import { GlobalSearch } from "~/search/global-search.tsx";
import { useContentLang } from "./kit/content-lang.tsx";
import { ScrollingNav } from "./kit/scrolling-nav.tsx";
import { LanguageSwitch } from "./language-switch.tsx";
import { NAV_ITEMS } from "./nav-items.ts";

interface ShellUser {
  id: string;
  name: string;
  username: string;
  /** What the person may do school-wide (the root loader evaluates it): which links to show. */
  abilities: Abilities<"school">;
}

/** Page frame for signed-in people: brand, main navigation, live-connection state, account. */
export function AppShell({
  user,
  schoolName,
  unreadNotifications,
  children,
}: {
  user: ShellUser;
  schoolName: string;
  unreadNotifications: number;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { connected, sessionEnded } = useRealtime();
  const contentLang = useContentLang();
  const location = useLocation();
  const navLink = ({ isActive }: { isActive: boolean }) =>
    `whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100"}`;
  return (
    <div className="min-h-full">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
        {t("nav.skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <div className="flex items-baseline gap-2">
            <span className="text-lg font-bold text-brand-700">{t("app.name")}</span>
            <span lang={contentLang(schoolName)} className="hidden text-xs text-slate-500 sm:inline">
              {schoolName}
            </span>
          </div>
          {/* On a phone the search box takes a row of its own, wide enough for its whole placeholder. */}
          <div className="order-last w-full sm:order-none sm:w-auto sm:flex-1">
            <GlobalSearch />
          </div>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span
              role="status"
              title={connected ? t("nav.realtimeOnline") : t("nav.realtimeOffline")}
              aria-label={connected ? t("nav.realtimeOnline") : t("nav.realtimeOffline")}
              className={`inline-block h-2.5 w-2.5 rounded-full ${connected ? "bg-emerald-500" : "bg-amber-400"}`}
            />
            <NotificationBell unread={unreadNotifications} />
            <Link to={`/people/${user.id}`} className="text-slate-700 hover:text-brand-700" title={t("nav.myProfile")}>
              <span lang={contentLang(user.name)}>{user.name}</span>
              <span className="ml-1 text-xs text-slate-500">({user.username})</span>
            </Link>
            <LanguageSwitch redirectTo={location.pathname + location.search} />
            <Form method="post" action="/logout">
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-slate-700 hover:bg-slate-100">
                {t("nav.logout")}
              </button>
            </Form>
          </div>
        </div>
        {/* Its own row: ten features' links fit on a laptop, and scroll sideways on a phone. */}
        <ScrollingNav label={t("nav.main")} className="mx-auto max-w-6xl gap-1 px-4 pb-2">
          {NAV_ITEMS.filter((item) => !item.visibleTo || item.visibleTo(user.abilities)).map((item) => (
            <NavLink key={item.to} to={item.to} end={item.end} className={navLink}>
              {t(item.labelKey)}
            </NavLink>
          ))}
        </ScrollingNav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {sessionEnded ? (
          <p role="alert" className="mb-6 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {t("nav.sessionEnded")}{" "}
            <a href={`/login?redirectTo=${encodeURIComponent(location.pathname + location.search)}`} className="font-medium underline">
              {t("nav.signInAgain")}
            </a>
          </p>
        ) : null}
        {children}
      </main>
    </div>
  );
}

import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { getOptionalUser } from "~/auth/session.server.ts";
import { AppShell } from "~/components/app-shell.tsx";
import { CROSS_ORIGIN, ErrorPage } from "~/components/error-page.tsx";
import { useNonce } from "~/components/nonce.tsx";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { countUnread } from "~/notifications/notify.server.ts";
import { abilities } from "~/policy/index.ts";
import { RealtimeProvider } from "~/realtime/realtime-context.tsx";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import styles from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const handle = { i18n: "translation" };

/** The title of error pages, and of any page without its own, in the person's language. */
export const meta: MetaFunction<typeof loader> = ({ matches, error }) =>
  pageTitle(matches, (t) => {
    if (!error) return [];
    const status = isRouteErrorResponse(error) ? error.status : 500;
    if (status === 404) return [t("errors.notFoundTitle")];
    if (status === 403) return [t(isRouteErrorResponse(error) && error.data === CROSS_ORIGIN ? "errors.crossOriginTitle" : "errors.forbiddenTitle")];
    if (status === 400) return [t("errors.badRequestTitle")];
    return [t("errors.serverTitle")];
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, locale, settings] = await Promise.all([getOptionalUser(request), getLocale(request), getSchoolSettings()]);
  return data({
    locale,
    schoolName: settings.schoolName,
    user: user && { id: user.id, name: user.name, username: user.username, abilities: abilities(user, "school", null) },
    unreadNotifications: user ? await countUnread(user.id) : 0,
  });
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  const { i18n } = useTranslation();
  const locale = root?.locale ?? i18n.language ?? "zh-CN";
  const nonce = useNonce();
  return (
    <html lang={locale} dir="ltr" className="h-full bg-slate-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="h-full font-sans text-slate-900 antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * Marks <html data-rendered="/path?query"> once the page is hydrated and has rendered that address
 * (effects run after React committed it). Browser tests wait for it instead of guessing when a
 * click is handled by the app and when the page shows what a navigation loaded.
 */
function useRenderedMarker() {
  const location = useLocation();
  useEffect(() => {
    document.documentElement.dataset.rendered = location.pathname + location.search;
  }, [location]);
}

export default function App() {
  const root = useRootData();
  useChangeLanguage(root?.locale ?? "zh-CN");
  useRenderedMarker();
  if (!root?.user) return <Outlet />;
  return (
    <RealtimeProvider userId={root.user.id}>
      <AppShell user={root.user} schoolName={root.schoolName} unreadNotifications={root.unreadNotifications}>
        <Outlet />
      </AppShell>
    </RealtimeProvider>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const root = useRootData();
  let page: React.ReactNode;
  if (isRouteErrorResponse(error) && error.status === 404) {
    page = <ErrorPage status={404} title={t("errors.notFoundTitle")} body={t("errors.notFoundBody")} />;
  } else if (isRouteErrorResponse(error) && error.status === 403 && error.data === CROSS_ORIGIN) {
    page = <ErrorPage status={403} title={t("errors.crossOriginTitle")} body={t("errors.crossOriginBody")} />;
  } else if (isRouteErrorResponse(error) && error.status === 403) {
    page = <ErrorPage status={403} title={t("errors.forbiddenTitle")} body={t("errors.forbiddenBody")} />;
  } else if (isRouteErrorResponse(error) && error.status === 400) {
    page = <ErrorPage status={400} title={t("errors.badRequestTitle")} body={String(error.data ?? "")} />;
  } else {
    const details = import.meta.env.DEV && error instanceof Error ? error.stack : undefined;
    page = <ErrorPage status={500} title={t("errors.serverTitle")} body={t("errors.serverBody")} details={details} />;
  }
  if (!root?.user) return page;
  return (
    <AppShell user={root.user} schoolName={root.schoolName} unreadNotifications={root.unreadNotifications}>
      {page}
    </AppShell>
  );
}

import { useRouteLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { pageTitle } from "~/i18n/page-title.ts";
import type { loader } from "~/routes/studios.$studioId.tsx";

/** The route id of the studio layout, whose loader holds the studio's chrome. */
export const STUDIO_LAYOUT_ID = "routes/studios.$studioId";

/**
 * The studio a page under /studios/:studioId belongs to, as the layout loaded it: name, duty,
 * level, the viewer's role, tabs and `abilities` (every studio rule evaluated for the viewer).
 */
export function useStudio() {
  const layout = useRouteLoaderData<typeof loader>(STUDIO_LAYOUT_ID);
  if (!layout) throw new Error("useStudio() is only for pages under the studio layout");
  return layout.studio;
}

type Matches = Parameters<typeof pageTitle>[0];

/** A studio page's title: its own parts, then the studio's name (then the platform's). */
export function studioPageTitle(matches: Matches, parts: (t: TFunction) => ReadonlyArray<string | null | undefined>) {
  const layout = matches.find((match) => match?.id === STUDIO_LAYOUT_ID)?.data as { studio?: { name?: string } } | undefined;
  return pageTitle(matches, (t) => [...parts(t), layout?.studio?.name]);
}

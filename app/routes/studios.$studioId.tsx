import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useMatches } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { studioChrome } from "~/studios/chrome.server.ts";
import { StudioHeader } from "~/studios/studio-header.tsx";

/**
 * The studio layout: every page under /studios/:studioId gets the studio's header and tabs from
 * here. The viewer↔studio relation is loaded once per request (memoised, decision 053), so a
 * child's loader authorising its own action reads the same load. Children read the chrome and the
 * studio's abilities with `useStudio()` (app/studios/studio-context.ts).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:view", access.resource);
  return data({ studio: studioChrome(user, access) });
}

export default function StudioLayout() {
  const { studio } = useLoaderData<typeof loader>();
  const onOverview = useMatches().at(-1)?.id === "routes/studios.$studioId._index";
  return (
    <div className="space-y-6">
      <StudioHeader studio={studio} nameIsHeading={onOverview} />
      <Outlet />
    </div>
  );
}

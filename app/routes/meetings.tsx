import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { MeetingsNav, type MeetingsNavAbilities } from "~/meetings/pages/meetings-nav.tsx";
import { abilities, authorize, ownScope } from "~/policy/index.ts";

/**
 * The meetings section's frame (issue 19): its navigation above every meeting page. Each page
 * still authorises its own request; this loader only says which links the person may follow.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "meetings:use", null);
  const own = ownScope(user);
  return data<{ navAbilities: MeetingsNavAbilities }>({ navAbilities: { school: abilities(user, "school", null), ownScope: own ? abilities(user, "schoolScope", own) : null } });
}

export default function MeetingsSection() {
  const { navAbilities } = useLoaderData<typeof loader>();
  return (
    <>
      <MeetingsNav abilities={navAbilities} />
      <Outlet />
    </>
  );
}

import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { CampNav } from "~/camp/setup/pages/camp-nav.tsx";
import { abilities, authorize } from "~/policy/index.ts";

/**
 * The camp section's frame (issue 20): its navigation above every camp page. Each page still
 * authorises its own request; this loader only says which links the person may follow.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "camps:use", null);
  return data({ navAbilities: abilities(user, "school", null) });
}

export default function CampSection() {
  const { navAbilities } = useLoaderData<typeof loader>();
  return (
    <>
      <CampNav abilities={navAbilities} />
      <Outlet />
    </>
  );
}

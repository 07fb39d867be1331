import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server.ts";
import { abilities, ownScope } from "~/policy/index.ts";
import { TrainingNav, type TrainingNavAbilities } from "~/training/pages/training-nav.tsx";

/**
 * The training section's frame: its navigation above every training page. Each page still
 * authorises its own request; this loader only says which links the person may follow.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const own = ownScope(user);
  return data<{ navAbilities: TrainingNavAbilities }>({ navAbilities: { school: abilities(user, "school", null), ownScope: own ? abilities(user, "schoolScope", own) : null } });
}

export default function TrainingSection() {
  const { navAbilities } = useLoaderData<typeof loader>();
  return (
    <>
      <TrainingNav abilities={navAbilities} />
      <Outlet />
    </>
  );
}

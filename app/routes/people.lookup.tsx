import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { authorize } from "~/policy/index.ts";
import { lookupCounselors } from "~/studios/studios.server.ts";

/** Counselors by 工号 or name prefix (JSON), for the pickers of leaders and invitees. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "people:browse", null);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 32);
  const people = await lookupCounselors(q);
  return data({ people: people.map((p) => ({ username: p.username, name: p.name, college: p.college?.name ?? null })) });
}

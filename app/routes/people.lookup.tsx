import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translateKnown } from "~/i18n/keys.ts";
import { lookupQuerySchema } from "~/people/schemas.ts";
import { authorize } from "~/policy/index.ts";
import { lookupCounselors } from "~/studios/studios.server.ts";

/**
 * Counselors by name, pinyin, initials or 工号 (JSON), for the person pickers of leaders and
 * invitees: for whoever may list people. A query that is empty or too long is answered 400 with
 * the reason in the person's language.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "people:browse", null);
  const parsed = lookupQuerySchema.safeParse({ q: new URL(request.url).searchParams.get("q") ?? undefined });
  if (!parsed.success) {
    const t = await getFixedT(request);
    return data({ q: null, people: [], error: translateKnown(t, parsed.error.issues[0]!.message) }, { status: 400 });
  }
  const people = await lookupCounselors(user, parsed.data.q);
  return data({
    q: parsed.data.q,
    people: people.map((p) => ({ username: p.username, name: p.name, college: p.college?.name ?? null })),
    error: null,
  });
}

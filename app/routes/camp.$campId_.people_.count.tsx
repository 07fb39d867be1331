import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCampAccess } from "~/camp/access.server.ts";
import { countMatching } from "~/camp/setup/people.server.ts";
import { targetsSchema } from "~/camp/setup/schemas.ts";
import { parseWithZod } from "~/lib/zod-form.ts";
import { authorize } from "~/policy/index.ts";

/**
 * How many people the targets being ticked on the people page would give, before saving
 * (GET ?stages=&groups=&colleges=, the form's own fields): the page fetches it, debounced, while the
 * organiser ticks. The organisers only ("camp:manage"); nothing is saved.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadCampAccess(user, params.campId);
  authorize(user, "camp:manage", access);
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: targetsSchema });
  if (submission.status !== "success") return data({ count: null }, { status: 400, headers: { "Cache-Control": "no-store" } });
  return data({ count: await countMatching(access.campId, submission.value) }, { headers: { "Cache-Control": "no-store" } });
}

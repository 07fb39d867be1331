import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";
import { QuotaPage } from "~/quotas/pages/quota.tsx";
import { quotaPage } from "~/quotas/quotas.server.ts";

export { action } from "~/quotas/quota.actions.server.ts";
export default QuotaPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaded }) => pageTitle(matches, (t) => [loaded?.quota.title ?? t("quotas.list.title")]);

/** One quota: its facts, the choice, and a page of the ranked candidates with their reasons. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "quota:manage", null);
  const page = Math.max(1, Math.min(10_000, Math.floor(Number(new URL(request.url).searchParams.get("page"))) || 1));
  return data(await quotaPage(params.quotaId!, page));
}

import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { QuotaStatus } from "~/generated/prisma/enums.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";
import { QuotasListPage } from "~/quotas/pages/quotas-list.tsx";
import { listQuotas } from "~/quotas/quotas.server.ts";

export default QuotasListPage;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("quotas.list.title")]);

/** 学工部's quotas, newest first, optionally of one status. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "quota:manage", null);
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(10_000, Math.floor(Number(url.searchParams.get("page"))) || 1));
  const asked = url.searchParams.get("status");
  const status = Object.values(QuotaStatus).find((value) => value === asked);
  return data({ status: status ?? null, ...(await listQuotas({ status }, page)) });
}

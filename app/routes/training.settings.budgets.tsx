import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";
import { budgetsPageData } from "~/training/admin/admin.server.ts";
import { BudgetsPage } from "~/training/admin/budgets-page.tsx";
import { trainingYear } from "~/training/ledger.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.admin.budgets.title"), t("training.admin.title")]);

/** 专项经费: a year's budget against what courses cost, for the school, each college and each joint group (学工部). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "training:administer", null);
  const asked = Number(new URL(request.url).searchParams.get("year"));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : trainingYear(new Date());
  return data({ year, rows: await budgetsPageData(year) });
}

export { budgetsAction as action } from "~/training/admin/budgets.actions.server.ts";

export default BudgetsPage;

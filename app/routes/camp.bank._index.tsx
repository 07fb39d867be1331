import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { bankCategories, listQuestions } from "~/camp/bank/bank.server.ts";
import BankListPage from "~/camp/bank/pages/bank-list.tsx";
import { bankFilterSchema } from "~/camp/bank/schemas.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.bank.title")]);

/** 题库: 学工部 alone (the answers are in it). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "camp-bank:manage", null);
  const filter = bankFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, categories] = await Promise.all([listQuestions(filter), bankCategories()]);
  return data({ ...list, filter, categories });
}

export default BankListPage;

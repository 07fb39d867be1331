import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { bankImportAction } from "~/camp/bank/import.actions.server.ts";
import BankImportPage from "~/camp/bank/pages/bank-import.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("camp.bank.importPage.title"), t("camp.bank.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "camp-bank:manage", null);
  return data({});
}

export const action = bankImportAction;

export default BankImportPage;

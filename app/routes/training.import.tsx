import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize, requireOwnScope } from "~/policy/index.ts";
import TrainingImportPage, { type TrainingImportData } from "~/training/pages/training-import.tsx";
import { trainingImportAction } from "~/training/training-import.actions.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.io.title")]);

/** 学工部 for the school, a college admin for their college: catalogue and hours imports, exports. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const scope = requireOwnScope(user);
  authorize(user, "training:view-scope", scope);
  const ledgerHref = scope.kind === "college" ? `/training/ledger.xlsx?college=${encodeURIComponent(scope.collegeId)}` : "/training/ledger.xlsx";
  // Who may organise which course is checked row by row (training:organise), as is whose hours may be imported.
  return data<TrainingImportData>({ ledgerHref });
}

export const action = trainingImportAction;

export default TrainingImportPage;

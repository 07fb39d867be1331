import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { listColleges } from "~/people/directory.server.ts";
import { can } from "~/policy/index.ts";
import { compliancePage } from "~/training/dashboard/compliance.server.ts";
import CompliancePage from "~/training/dashboard/compliance-page.tsx";
import { complianceQuery, parseQuery } from "~/training/dashboard/filters.ts";
import { trainingScope } from "~/training/dashboard/scope.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.dashboard.compliance.title")]);

/** 培训合规名单: who is short this year, filtered by college (学工部), stage and rule, 50 a page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = parseQuery(complianceQuery, request.url);
  const scope = trainingScope(user, query.college);
  const [list, colleges] = await Promise.all([
    compliancePage(scope, { stage: query.stage, rule: query.rule }, query.page ?? 1),
    can(user, "training:view-scope", { kind: "school" }) ? listColleges() : null,
  ]);
  return data({
    ...list,
    filters: { college: scope.kind === "college" ? scope.collegeId : "", stage: query.stage ?? "", rule: query.rule ?? "" },
    colleges: colleges?.map((c) => ({ id: c.id, name: c.name })) ?? null,
  });
}

export default CompliancePage;

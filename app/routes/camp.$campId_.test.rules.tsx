import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadCamp } from "~/camp/test/access.server.ts";
import { RulesPage } from "~/camp/test/pages/rules.tsx";
import { paperRulesPage } from "~/camp/test/rules.server.ts";
import { prisma } from "~/db/client.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translateKey } from "~/i18n/keys.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { abilities, authorize } from "~/policy/index.ts";

export { rulesAction as action } from "~/camp/test/rules.actions.server.ts";
export default RulesPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [t("camp.test.rules.heading"), data?.campTitle]);

/** 组卷规则 of a camp's knowledge test: the organisers see them; they edit them before the camp opens. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const camp = await loadCamp(user, params.campId);
  authorize(user, "camp:view-all", camp);
  const page = await paperRulesPage(camp.campId);
  if (!page) throw new Response("Not Found", { status: 404 });
  const t = await getFixedT(request);
  const { title } = await prisma.camp.findUniqueOrThrow({ where: { id: camp.campId }, select: { title: true } });
  return data({
    campId: camp.campId,
    campTitle: title,
    rules: page.rules,
    bankProblems: page.check.ok ? [] : page.check.errors.map((error) => translateKey(t, error.key, error.params)),
    editable: abilities(user, "camp", camp)["camp:manage"] && camp.status === "DRAFT",
  });
}

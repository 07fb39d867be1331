import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize, can } from "~/policy/index.ts";
import { MenuPage } from "~/training/pages/menu.tsx";
import { menuFor } from "~/training/progress.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.menu.title")]);

export default MenuPage;

/** 不感兴趣 / 恢复 on a course the camp recommended (the person's own, once released). */
export { recommendationAction as action } from "~/camp/release/recommendation.actions.server.ts";

/** 我的培训菜单 for counselors; staff who follow no menu (学工部, college admins) land on the catalogue. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!can(user, "training:view-menu", null) && can(user, "training:browse", null)) throw redirect("/training/courses");
  authorize(user, "training:view-menu", null);
  const allRequired = new URL(request.url).searchParams.get("required") === "all";
  return data({ menu: await menuFor(user.id, { allRequired }), viewerId: user.id });
}

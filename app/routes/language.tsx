import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/auth/session.server.ts";
import { safeRedirect } from "~/lib/safe-redirect.ts";
import { prisma } from "~/db/client.server.ts";
import { languageCookie } from "~/i18n/i18n.server.ts";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n/resources.ts";

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const requested = form.get("lng");
  const language = isLanguage(requested) ? requested : DEFAULT_LANGUAGE;
  const user = await getOptionalUser(request);
  // Remembered on the account too, so the choice follows the person to another browser.
  if (user) await prisma.user.update({ where: { id: user.id }, data: { locale: language } });
  return redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": await languageCookie.serialize(language) },
  });
}

export async function loader() {
  return redirect("/");
}

import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { authorize } from "~/policy/index.ts";
import { openCheckInsFor } from "~/training/check-in-screen.server.ts";
import { phoneCheckInAction } from "~/training/check-in.actions.server.ts";
import PhoneCheckIn from "~/training/pages/phone-check-in.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.checkin.phoneTitle")]);

/** 签到 on a phone: type the code on screen, or arrive here from the QR code (`?p=` the signed payload). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "training:view-menu", null);
  const payload = new URL(request.url).searchParams.get("p")?.slice(0, 200) ?? null;
  return data({ sessions: await openCheckInsFor(user.id), payload });
}

export const action = phoneCheckInAction;

export default PhoneCheckIn;

import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { phoneCheckInAction } from "~/meetings/check-in.actions.server.ts";
import { openMeetingCheckInsFor } from "~/meetings/check-in-screen.server.ts";
import { authorize, can } from "~/policy/index.ts";
import { openCheckInsFor } from "~/training/check-in-screen.server.ts";
import PhoneCheckIn from "~/training/pages/phone-check-in.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.checkin.phoneTitle")]);

/** 签到 on a phone: type the code on screen, or arrive here from the QR code (`?p=` the signed payload). Training sessions and meetings alike. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A meeting invites anyone (a college admin, a mentor, 学工部); training sessions are for those who take training.
  authorize(user, "meetings:use", null);
  const payload = new URL(request.url).searchParams.get("p")?.slice(0, 200) ?? null;
  const [sessions, meetings] = await Promise.all([can(user, "training:view-menu", null) ? openCheckInsFor(user.id) : [], openMeetingCheckInsFor(user.id)]);
  return data({ sessions: [...sessions, ...meetings], payload });
}

export const action = phoneCheckInAction;

export default PhoneCheckIn;

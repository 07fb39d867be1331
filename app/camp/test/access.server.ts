import type { SessionUser } from "~/auth/session.server.ts";
import type { CampAttemptResource, CampResource } from "~/policy/camp.ts";
import { findAttemptAccess, findCampAccess } from "../access.server.ts";

/** The camp of a page, 404 when there is none (the route then authorises with it). */
export async function loadCamp(user: SessionUser, campId: string | undefined): Promise<CampResource> {
  const camp = campId ? await findCampAccess(user, campId) : null;
  if (!camp) throw new Response("Not Found", { status: 404 });
  return camp;
}

/** An attempt of a page, 404 when there is none. */
export async function loadAttempt(user: SessionUser, attemptId: string | undefined): Promise<CampAttemptResource> {
  const attempt = attemptId ? await findAttemptAccess(user, attemptId) : null;
  if (!attempt) throw new Response("Not Found", { status: 404 });
  return attempt;
}

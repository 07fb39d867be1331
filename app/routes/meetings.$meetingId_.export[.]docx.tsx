import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { DOCX_TYPE, fileResponse } from "~/lib/download.server.ts";
import { loadMeetingAccess } from "~/meetings/access.server.ts";
import { meetingDocx } from "~/meetings/report/archive.server.ts";
import { authorize } from "~/policy/index.ts";

/** The meeting as .docx for the paper archive (台账): whoever may read the meeting. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { resource } = await loadMeetingAccess(user, params.meetingId);
  authorize(user, "meeting:view", resource);
  const { body, fileName } = await meetingDocx(resource.meetingId);
  return fileResponse(body, { type: DOCX_TYPE, fileName, fallbackName: "meeting.docx" });
}

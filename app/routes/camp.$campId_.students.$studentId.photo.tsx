import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { loadStudent } from "~/camp/students/access.server.ts";
import { servePhoto } from "~/camp/students/students.server.ts";
import { authorize } from "~/policy/index.ts";

/**
 * A student's photo: for the organisers and the counselor's college admin, and for the counselor
 * while it is drawn into their own running round ("camp-student:view-photo"). Each one served is
 * audited; nothing is cached, and no file name goes with it (it could be the student's name).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const student = await loadStudent(user, params.campId, params.studentId);
  authorize(user, "camp-student:view-photo", student.resource);
  const photo = await servePhoto(student.id, user.id);
  if (!photo) throw new Response("Not Found", { status: 404 });
  return new Response(new Uint8Array(photo.body), {
    headers: {
      "Content-Type": photo.mimeType,
      "Content-Length": String(photo.body.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}

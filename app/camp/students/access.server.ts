import { findStudentAccess } from "~/camp/access.server.ts";
import type { Actor } from "~/policy/index.ts";

/** A student of this camp and the viewer's relation to them; 404 when not a student of this camp. */
export async function loadStudent(actor: Pick<Actor, "id">, campId: string | undefined, studentId: string | undefined, now = new Date()) {
  const student = studentId ? await findStudentAccess(actor, studentId, now) : null;
  if (!student || student.camp.campId !== campId) throw new Response("Not Found", { status: 404 });
  return { id: studentId!, resource: student };
}

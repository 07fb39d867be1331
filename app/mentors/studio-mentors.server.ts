import type { Db } from "~/db/client.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { MentorKind } from "~/generated/prisma/enums.ts";

/**
 * The mentors of one studio, per direction and kind, for the studio page (the studios feature
 * renders <StudioMentors directions={await getStudioMentors(studioId)} />). Accepted mentors and
 * those invited and not yet answered; targets show how many each direction asks for.
 */
export interface StudioMentor {
  mentorId: string;
  name: string;
  kind: MentorKind;
  organisation: string;
  title: string;
  status: "ACCEPTED" | "INVITED";
}

export interface StudioDirectionMentors {
  directionId: string;
  name: string;
  targets: Record<MentorKind, number>;
  mentors: Record<MentorKind, StudioMentor[]>;
}

export async function getStudioMentors(studioId: string, db: Db = prisma): Promise<StudioDirectionMentors[]> {
  const directions = await db.direction.findMany({
    where: { studioId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      internalMentorTarget: true,
      externalMentorTarget: true,
      mentorAssignments: {
        where: { status: { in: ["ACCEPTED", "INVITED"] } },
        orderBy: [{ status: "asc" }, { createdAt: "asc" }],
        select: { status: true, mentor: { select: { id: true, kind: true, organisation: true, title: true, user: { select: { name: true } } } } },
      },
    },
  });
  return directions.map((d) => {
    const mentors: Record<MentorKind, StudioMentor[]> = { INTERNAL: [], EXTERNAL: [] };
    for (const a of d.mentorAssignments) {
      mentors[a.mentor.kind].push({
        mentorId: a.mentor.id,
        name: a.mentor.user.name,
        kind: a.mentor.kind,
        organisation: a.mentor.organisation,
        title: a.mentor.title,
        status: a.status as "ACCEPTED" | "INVITED",
      });
    }
    return { directionId: d.id, name: d.name, targets: { INTERNAL: d.internalMentorTarget, EXTERNAL: d.externalMentorTarget }, mentors };
  });
}

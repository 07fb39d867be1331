import { prisma, type Db } from "~/db/client.server.ts";
import type { StudioRole } from "~/generated/prisma/enums.ts";
import { can, type Actor } from "~/policy/index.ts";
import type { SearchScope } from "./filters.ts";

/**
 * The studios whose documents this person may find, decided by the policy module for each
 * studio from the person's relation to it (membership, ACCEPTED mentorship). Search filters
 * every query with this list, so a hit is never something the person could not open.
 */
export async function readableStudioIds(actor: Actor, db: Db = prisma): Promise<string[]> {
  // One round trip (it runs before every search): each studio with the person's role in it and
  // whether they mentor one of its directions (an ACCEPTED assignment).
  const studios = await db.$queryRaw<Array<{ id: string; role: StudioRole | null; mentors: boolean }>>`
    SELECT s."id", m."role"::text AS "role",
      EXISTS (
        SELECT 1 FROM "MentorAssignment" a
        JOIN "Mentor" mt ON mt."id" = a."mentorId"
        JOIN "Direction" d ON d."id" = a."directionId"
        WHERE d."studioId" = s."id" AND a."status" = 'ACCEPTED' AND mt."userId" = ${actor.id}
      ) AS "mentors"
    FROM "Studio" s
    LEFT JOIN "StudioMembership" m ON m."studioId" = s."id" AND m."userId" = ${actor.id}
    ORDER BY s."id"`;
  return studios.filter((s) => can(actor, "search:see-document", { studioId: s.id, viewerRole: s.role, viewerMentors: s.mentors })).map((s) => s.id);
}

export async function searchScope(actor: Actor, db: Db = prisma): Promise<SearchScope> {
  return { studioIds: await readableStudioIds(actor, db), seesPublic: can(actor, "search:see-public", null) };
}


import { prisma } from "~/db/client.server.ts";
import { nameKeys } from "~/people/name-keys.ts";

/**
 * A college admin whose account names no college (学工部 can save one so, e.g. before assigning the
 * college). Anything college-wide must give them nothing — never the whole school. Returns the
 * username, for `asUser` and `sessionUser`.
 */
export async function collegeAdminWithoutCollege(): Promise<string> {
  const username = "college-unassigned";
  const { passwordHash } = await prisma.user.findUniqueOrThrow({ where: { username: "college" }, select: { passwordHash: true } });
  await prisma.user.upsert({
    where: { username },
    create: { username, name: "未分配学院的学院管理员", ...nameKeys("未分配学院的学院管理员"), passwordHash, roles: ["COLLEGE_ADMIN"], collegeId: null },
    update: {},
  });
  return username;
}

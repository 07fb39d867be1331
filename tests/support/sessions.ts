import { createUserSession } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";

/** A signed session cookie ("fudao_session=…") for a demo account, as the login page would set it. */
export async function sessionCookie(username: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { username } });
  const response = await createUserSession(new Request("http://localhost/login"), user.id, "/");
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

/** The seven kinds of people the policy distinguishes, as demo users in the “心晴” studio. */
export async function studioCast() {
  const studio = await prisma.studio.findFirstOrThrow({ where: { name: { contains: "心晴" } }, include: { memberships: { include: { user: true } } } });
  const newcomer = studio.memberships.find((m) => m.role === "NEWCOMER")!.user;
  const memberIds = studio.memberships.map((m) => m.userId);
  const outsider = await prisma.user.findFirstOrThrow({
    where: { roles: { has: "COUNSELOR" }, id: { notIn: memberIds }, username: "counselor" },
  });
  return {
    studio,
    usernames: {
      admin: "admin",
      collegeAdmin: "college",
      leader: "leader",
      backbone: "backbone",
      newcomer: newcomer.username,
      mentor: "mentor",
      outsider: outsider.username,
    },
  };
}

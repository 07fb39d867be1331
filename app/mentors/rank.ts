import type { MentorRank } from "~/generated/prisma/enums.ts";

/** Title text → rank, for imports and the demo data ("副教授" → 副高; "主任、研究员" → 正高). Admins can correct it. */
export function inferRank(title: string): MentorRank {
  const t = title.normalize("NFKC");
  if (/初级|助教/.test(t)) return "JUNIOR";
  if (/助理研究员|中级|讲师|主治医师/.test(t)) return "INTERMEDIATE";
  if (/副高|副教授|副研究员|副主任医师|高级/.test(t)) return "ASSOCIATE";
  if (/正高|教授|研究员|主任医师/.test(t)) return "SENIOR";
  return "INTERMEDIATE";
}

import { Prisma } from "~/generated/prisma/client.ts";
import { isoDay } from "~/lib/calendar-date.ts";
import type { CareerStage, StageBoundaries } from "./career-stage.ts";

/**
 * The career-stage rule in SQL, from the same cut-off days as `deriveCareerStage`
 * (`stageBoundaries`), so the directory can filter and the dashboard count 5,000 people in the
 * database. `profile` is the SQL alias of the "CounselorProfile" row. Days are passed as
 * 'YYYY-MM-DD' text and cast, so the session's time zone never shifts them.
 */
function parts(profile: string, b: StageBoundaries) {
  const since = Prisma.raw(`${profile}."counselorSince"`);
  const title = Prisma.raw(`${profile}."title"`);
  const expert = Prisma.sql`${title}::text = ANY(${b.expertTitles as string[]}::text[])`;
  const growing = Prisma.sql`${isoDay(b.growingFrom)}::date`;
  const experienced = Prisma.sql`${isoDay(b.experiencedFrom)}::date`;
  return { since, expert, growing, experienced };
}

/** A boolean condition: the profile is in `stage` today. */
export function stageCondition(profile: string, stage: CareerStage, b: StageBoundaries): Prisma.Sql {
  const { since, expert, growing, experienced } = parts(profile, b);
  switch (stage) {
    case "EXPERT":
      return expert;
    case "NOVICE":
      return Prisma.sql`(NOT ${expert} AND (${since} IS NULL OR ${since} > ${growing}))`;
    case "GROWING":
      return Prisma.sql`(NOT ${expert} AND ${since} <= ${growing} AND ${since} > ${experienced})`;
    case "EXPERIENCED":
      return Prisma.sql`(NOT ${expert} AND ${since} <= ${experienced})`;
  }
}

/** An expression naming the stage ('NOVICE' …), for GROUP BY. */
export function stageExpression(profile: string, b: StageBoundaries): Prisma.Sql {
  const { since, expert, growing, experienced } = parts(profile, b);
  return Prisma.sql`(CASE WHEN ${expert} THEN 'EXPERT'
    WHEN ${since} IS NULL OR ${since} > ${growing} THEN 'NOVICE'
    WHEN ${since} > ${experienced} THEN 'GROWING'
    ELSE 'EXPERIENCED' END)`;
}

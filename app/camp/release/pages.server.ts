import { z } from "zod";
import type { Actor } from "~/policy/index.ts";
import { CAREER_STAGES, type CareerStage } from "~/people/career-stage.ts";
import { TargetGroup } from "~/generated/prisma/enums.ts";
import { findResultAccess } from "../access.server.ts";

/** The results pages' loaders: the camp (or one participant's results) and the viewer's relation, or 404. */

export async function loadResult(actor: Pick<Actor, "id">, campId: string | undefined, userId: string | undefined) {
  const resource = campId && userId ? await findResultAccess(actor, campId, userId) : null;
  if (!resource) throw new Response("Not Found", { status: 404 });
  return { resource };
}

export const RANKING_PAGE_SIZE = 30;

const filterSchema = z.object({
  stage: z.enum(CAREER_STAGES).optional().catch(undefined),
  group: z.enum(Object.values(TargetGroup) as [TargetGroup, ...TargetGroup[]]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** ?stage=&group=&page= of the ranking; anything else is ignored (an unknown stage lists every stage). */
export function parseRankingQuery(url: string): { stage?: CareerStage; group?: TargetGroup; page: number } {
  const params = new URL(url).searchParams;
  return filterSchema.parse({ stage: params.get("stage") || undefined, group: params.get("group") || undefined, page: params.get("page") ?? 1 });
}

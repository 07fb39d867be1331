import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/session.server.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { abilities, authorize, can } from "~/policy/index.ts";
import { externalAction } from "~/training/external.actions.server.ts";
import { listExternalRecords } from "~/training/external.server.ts";
import ExternalTrainingPage from "~/training/pages/external-training.tsx";
import { listPlatforms } from "~/training/plans.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("training.external.title")]);

const STATUSES = ["PENDING", "APPROVED", "REJECTED"] as const;

/** 校外培训: counselors record theirs with evidence; their college admin (or 学工部) approves or rejects. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "training:browse", null);
  const search = new URL(request.url).searchParams;
  const status = STATUSES.find((s) => s === search.get("status"));
  const page = Math.max(1, Math.floor(Number(search.get("page"))) || 1);
  const canRecord = can(user, "training:record-external", null);
  const [list, platforms] = await Promise.all([listExternalRecords(user, { status }, page), canRecord ? listPlatforms() : []]);
  return data({
    canRecord,
    status: status ?? null,
    page,
    pages: list.pages,
    total: list.total,
    platforms: platforms.filter((p) => p.external).map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn })),
    records: list.records.map(({ user: person, ...record }) => ({
      ...record,
      person: { id: person.id, name: person.name, college: person.college?.name ?? null },
      mine: person.id === user.id,
      abilities: abilities(user, "externalTraining", { userId: person.id, collegeId: person.collegeId, status: record.status }),
    })),
  });
}

export const action = externalAction;

export default ExternalTrainingPage;

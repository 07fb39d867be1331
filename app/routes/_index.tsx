import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge, Card } from "~/components/kit/card.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { getHomeData } from "~/home/home.server.ts";
import { CAREER_STAGES } from "~/people/career-stage.ts";
import { formatDate, formatMonth } from "~/lib/format.ts";
import { abilities } from "~/policy/index.ts";
import { FitReasons } from "~/studios/fit-reasons.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("nav.home")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return data({ name: user.name, roles: user.roles, abilities: abilities(user, "school", null), ...(await getHomeData(user)) });
}

export default function Home() {
  const home = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("home.greeting", { name: home.name })}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span>{home.collegeName ?? t("home.noCollege")}</span>
          {home.roles.map((role) => (
            <Badge key={role}>{t(`role.${role}`)}</Badge>
          ))}
        </p>
      </div>

      <div className="grid gap-6 md:grid-cols-2">
        {home.abilities["career:view-own"] ? (
        <Card title={t("home.stageCard")}>
          {home.career ? (
            <div className="space-y-2">
              <p className="flex items-center gap-3">
                <span className="text-2xl font-bold text-brand-700" data-testid="career-stage">
                  {t(`stage.${home.career.stage}`)}
                </span>
                <Badge tone="brand">{t("home.stageGoal", { goal: t(`stageGoal.${home.career.stage}`) })}</Badge>
              </p>
              <p className="text-sm text-slate-700">{t("home.stagePlan", { plan: t(`stagePlan.${home.career.stage}`) })}</p>
              <p className="text-sm text-slate-600">
                {!home.career.since
                  ? t("home.serviceUnknown")
                  : home.career.yearsOfService
                    ? t("home.serviceYears", { years: home.career.yearsOfService, since: formatMonth(home.career.since, locale) })
                    : t("home.serviceUnderOneYear", { since: formatMonth(home.career.since, locale) })}
              </p>
              {home.career.stage === "EXPERT" ? (
                <p className="text-sm text-slate-600">{t("home.expertBecause", { title: t(`title.${home.career.title}`) })}</p>
              ) : null}
              {home.career.next ? (
                <p className="text-sm text-slate-600">
                  {t("home.nextStage", {
                    days: home.career.next.inDays,
                    stage: t(`stage.${home.career.next.stage}`),
                    date: formatDate(home.career.next.on, locale),
                  })}
                </p>
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t("home.noProfile")}</p>
          )}
        </Card>
        ) : null}

        <Card title={t("home.studiosCard")}>
          {home.studios.length ? (
            <ul className="divide-y divide-slate-100">
              {home.studios.map((studio) => (
                <li key={studio.id} className="flex items-center justify-between gap-3 py-2">
                  <div>
                    <Link to={`/studios/${studio.id}`} className="font-medium text-brand-700 hover:underline">
                      {studio.name}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {/* Each piece whole on its line: "6 名成员" never breaks before its last character. */}
                      <span className="whitespace-nowrap">{t(`duty.${studio.duty}`)}</span> · <span className="whitespace-nowrap">{t(`level.${studio.level}`)}</span> ·{" "}
                      <span className="whitespace-nowrap">{t("home.studioMembers", { count: studio.memberCount })}</span>
                    </p>
                  </div>
                  <Badge tone={studio.role === "LEADER" ? "brand" : "slate"}>{t(`studioRole.${studio.role}`)}</Badge>
                </li>
              ))}
            </ul>
          ) : (
            <div className="space-y-3 text-sm">
              <p className="text-slate-600">{t("home.studiosEmpty")}</p>
              {home.suggestions.length ? (
                <>
                  <p className="text-slate-700">{t("home.studiosSuggested")}</p>
                  <ul className="space-y-2">
                    {home.suggestions.map((studio) => (
                      <li key={studio.id}>
                        <Link to={`/studios/${studio.id}`} className="font-medium text-brand-700 hover:underline">
                          {studio.name}
                        </Link>
                        <FitReasons reasons={studio.reasons} />
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {home.abilities["studio:join"] ? (
                <Link to="/studios" className="inline-block font-medium text-brand-700 hover:underline">
                  {t("home.studiosBrowse")}
                </Link>
              ) : null}
            </div>
          )}
        </Card>

        {home.mentoring ? (
          <Card title={t("home.mentorCard")}>
            <p className="mb-2 text-xs text-slate-500">{t(`mentorKind.${home.mentoring.kind}`)}</p>
            {home.mentoring.directions.length ? (
              <ul className="space-y-1 text-sm">
                {home.mentoring.directions.map((d) => (
                  <li key={`${d.studio}-${d.direction}`}>{t("home.mentorDirection", { studio: d.studio, direction: d.direction })}</li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">{t("home.mentorEmpty")}</p>
            )}
          </Card>
        ) : null}

        {home.overview ? (
          <Card title={t("home.overviewCard")}>
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
              {(
                [
                  ["overviewCounselors", home.overview.counselors],
                  ["overviewStudios", home.overview.studios],
                  ["overviewMentors", home.overview.mentors],
                  ["overviewDutiesCovered", `${home.overview.dutiesCovered}/9`],
                ] as const
              ).map(([key, value]) => (
                <div key={key}>
                  <dt className="text-xs text-slate-500">{t(`home.${key}`)}</dt>
                  <dd className="text-xl font-semibold">{value}</dd>
                </div>
              ))}
            </dl>
            <h3 className="mt-4 text-sm font-medium text-slate-700">{t("home.stageDistribution")}</h3>
            <ul className="mt-2 space-y-1">
              {CAREER_STAGES.map((stage) => {
                const count = home.overview!.stageCounts[stage];
                const share = home.overview!.counselors ? Math.round((count / home.overview!.counselors) * 100) : 0;
                return (
                  <li key={stage} className="flex items-center gap-2 text-sm">
                    <span className="w-14 shrink-0">{t(`stage.${stage}`)}</span>
                    <span className="h-2 flex-1 rounded bg-slate-100" aria-hidden="true">
                      <span className="block h-2 rounded bg-brand-600" style={{ width: `${share}%` }} />
                    </span>
                    <span className="w-12 text-right tabular-nums">{t("home.people", { count })}</span>
                  </li>
                );
              })}
            </ul>
          </Card>
        ) : null}
      </div>
    </div>
  );
}

import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge } from "~/components/kit/card.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Content, ContentMessage, useContentLang } from "~/components/kit/content-lang.tsx";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { EmptyState, Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { abilities, can } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { FitReasons } from "~/studios/fit-reasons.tsx";
import { joinIntents } from "~/studios/join-intents.server.ts";
import { DUTIES, STUDIO_LEVELS, studioListSchema } from "~/studios/schemas.ts";
import { joiningState, listStudios, recommendStudios } from "~/studios/studios.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("studios.list.heading")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const search = new URL(request.url).searchParams;
  const filters = studioListSchema.parse(Object.fromEntries([...search.entries()].filter(([, v]) => v !== "")));
  const settings = await getSchoolSettings();
  // Recommendations and the joining state are for those who take part in studios.
  const joins = can(user, "studio:join", null);
  const [list, recommendations, joining] = await Promise.all([
    listStudios(user, filters),
    joins ? recommendStudios(user.id) : null,
    joins ? joiningState(user.id, settings) : null,
  ]);
  return data({
    ...list,
    recommendations: recommendations?.recommendations ?? null,
    hasProfile: recommendations?.profile !== null && recommendations !== null,
    profileEmpty: recommendations?.profile
      ? !recommendations.profile.specialties.length && !recommendations.profile.specialtyTags.length && !recommendations.profile.researchInterests
      : false,
    joining,
    abilities: abilities(user, "school", null),
    userId: user.id,
  });
}

/** Accepting or declining an invitation, or withdrawing an application, right from the list. */
export const action = intentAction({ intents: (intent) => joinIntents(intent) });

export default function Studios() {
  const { studios, total, page, pages, recommendations, profileEmpty, joining, abilities, userId } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const contentLang = useContentLang();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const filtering = navigation.state === "loading" && navigation.location.pathname === "/studios";
  const memberOf = new Set(joining?.memberOf ?? []);
  const pendingFor = new Map((joining?.pending ?? []).map((p) => [p.studio.id, p]));

  return (
    <div className="space-y-8">
      <PageHeader
        title={t("studios.list.heading")}
        subtitle={t("studios.list.subtitle")}
        actions={
          abilities["studio:create"] ? (
            <Link to="/studios/new" className={buttonClass("primary")}>
              {t("studios.list.create")}
            </Link>
          ) : null
        }
      />
      <ActionFeedback reply={reply} />

      {joining && joining.pending.length ? (
        <section aria-labelledby="my-requests" className="space-y-3">
          <h2 id="my-requests" className="text-lg font-semibold">
            {t("studios.list.myRequests")}
          </h2>
          <ul className="space-y-2">
            {joining.pending.map((request) => (
              <li key={request.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <span>
                  <Link to={`/studios/${request.studio.id}`} className="font-medium text-brand-700 hover:underline">
                    {request.studio.name}
                  </Link>{" "}
                  · {request.kind === "APPLICATION" ? t("studios.list.applicationPending") : t("studios.list.invitationPending")}
                </span>
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="requestId" value={request.id} />
                  {request.kind === "INVITATION" ? (
                    <>
                      <input type="hidden" name="intent" value="approve" />
                      <SubmitButton size="sm" intent="approve" match={["requestId", request.id]} pendingLabel={t("studios.page.accepting")} label={`${t("studios.page.accept")}：${request.studio.name}`}>
                        {t("studios.page.accept")}
                      </SubmitButton>
                    </>
                  ) : (
                    <>
                      <input type="hidden" name="intent" value="withdraw" />
                      <SubmitButton size="sm" tone="secondary" intent="withdraw" match={["requestId", request.id]} pendingLabel={t("studios.page.withdrawing")} label={`${t("studios.page.withdraw")}：${request.studio.name}`}>
                        {t("studios.page.withdraw")}
                      </SubmitButton>
                    </>
                  )}
                </Form>
                {request.kind === "INVITATION" ? (
                  <Form method="post">
                    <input type="hidden" name="requestId" value={request.id} />
                    <input type="hidden" name="intent" value="decline" />
                    <SubmitButton size="sm" tone="secondary" intent="decline" match={["requestId", request.id]} pendingLabel={t("studios.page.declining")} label={`${t("studios.page.decline")}：${request.studio.name}`}>
                      {t("studios.page.decline")}
                    </SubmitButton>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {recommendations !== null ? (
        <section aria-labelledby="recommended" className="space-y-3">
          <div>
            <h2 id="recommended" className="text-lg font-semibold">
              {t("studios.list.recommended")}
            </h2>
            <p className="text-sm text-slate-600">{t("studios.list.recommendedHint")}</p>
          </div>
          {joining?.atLimit ? <Notice tone="info">{t("studios.list.limitNote", { limit: joining.limit })}</Notice> : null}
          {profileEmpty ? (
            <EmptyState>
              {t("studios.list.noProfileForFit")}{" "}
              <Link to={`/people/${userId}/edit`} className="text-brand-700 underline">
                {t("studios.list.editProfile")}
              </Link>
            </EmptyState>
          ) : recommendations.length === 0 ? (
            <EmptyState>{t("studios.list.noRecommendations")}</EmptyState>
          ) : (
            <ol className="grid gap-4 md:grid-cols-2" aria-label={t("studios.list.recommended")}>
              {recommendations.map((studio) => (
                <li key={studio.id} className="rounded-lg border border-brand-100 bg-white p-4 shadow-sm">
                  <div className="flex items-start justify-between gap-2">
                    <Link to={`/studios/${studio.id}`} className="font-semibold text-brand-700 hover:underline">
                      <Content>{studio.name}</Content>
                    </Link>
                    <Badge tone="brand">{t("studios.list.fitScore", { score: studio.score })}</Badge>
                  </div>
                  <p className="mt-1 text-xs text-slate-500">
                    {t(`duty.${studio.duty}`)} · {t(`level.${studio.level}`)} · {t("studios.list.members", { count: studio.memberCount })}
                    {studio.leader ? (
                      <>
                        {" · "}
                        <ContentMessage values={{ name: studio.leader }} render={(values) => t("studios.list.leader", values)} />
                      </>
                    ) : null}
                  </p>
                  <h3 className="sr-only">{t("studios.list.why")}</h3>
                  <FitReasons reasons={studio.reasons} />
                  <div className="mt-3">
                    {pendingFor.has(studio.id) ? (
                      <span className="text-sm text-slate-600">{t("studios.list.applicationPending")}</span>
                    ) : !joining?.atLimit ? (
                      <Link to={`/studios/${studio.id}/apply`} className={buttonClass("primary", "sm")} aria-label={`${t("studios.page.apply")}：${studio.name}`}>
                        {t("studios.page.apply")}
                      </Link>
                    ) : null}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}

      <section aria-labelledby="all-studios" className="space-y-4">
        <h2 id="all-studios" className="text-lg font-semibold">
          {t("studios.list.all")}
        </h2>
        <Form method="get" role="search" aria-label={t("studios.list.search")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4">
          <div className="sm:col-span-2">
            <label htmlFor="studio-q" className="block text-sm font-medium text-slate-700">
              {t("studios.list.search")}
            </label>
            <input id="studio-q" type="search" name="q" defaultValue={params.get("q") ?? ""} placeholder={t("studios.list.searchPlaceholder")} className={inputClass} />
          </div>
          <div>
            <label htmlFor="studio-duty" className="block text-sm font-medium text-slate-700">
              {t("studios.list.duty")}
            </label>
            <select id="studio-duty" name="duty" defaultValue={params.get("duty") ?? ""} className={inputClass}>
              <option value="">{t("studios.list.any")}</option>
              {DUTIES.map((d) => (
                <option key={d} value={d}>
                  {t(`duty.${d}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="studio-level" className="block text-sm font-medium text-slate-700">
              {t("studios.list.level")}
            </label>
            <select id="studio-level" name="level" defaultValue={params.get("level") ?? ""} className={inputClass}>
              <option value="">{t("studios.list.any")}</option>
              {STUDIO_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`level.${l}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="sm:col-span-4">
            <button type="submit" className={buttonClass("secondary")} disabled={filtering}>
              {filtering ? t("studios.list.filtering") : t("studios.list.filter")}
            </button>
          </div>
        </Form>
        {studios.length === 0 ? (
          <EmptyState>{t("studios.list.empty")}</EmptyState>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
            {studios.map((studio) => (
              <li key={studio.id} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <Link to={`/studios/${studio.id}`} className="font-semibold text-slate-900 hover:text-brand-700 hover:underline">
                  <Content>{studio.name}</Content>
                </Link>
                <p className="mt-1 flex flex-wrap gap-1 text-xs">
                  <Badge>{t(`duty.${studio.duty}`)}</Badge>
                  <Badge tone="brand">{t(`level.${studio.level}`)}</Badge>
                  {memberOf.has(studio.id) ? <Badge tone="emerald">{t("studios.list.joined")}</Badge> : null}
                </p>
                <p lang={contentLang(studio.description)} className="mt-2 line-clamp-3 flex-1 text-sm text-slate-600">
                  {studio.description}
                </p>
                <p className="mt-2 text-xs text-slate-500">
                  {studio.leader ? <ContentMessage values={{ name: studio.leader.name }} render={(values) => t("studios.list.leader", values)} /> : t("studios.list.noLeader")} ·{" "}
                  {t("studios.list.members", { count: studio.memberCount })}
                </p>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={page} pages={pages} total={total} />
      </section>
    </div>
  );
}

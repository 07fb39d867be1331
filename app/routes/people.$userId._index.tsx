import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge, Card } from "~/components/kit/card.tsx";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { Notice, PageHeader } from "~/components/kit/feedback.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { formatDate } from "~/lib/format.ts";
import { describeGaps } from "~/people/gaps.ts";
import { cardOf, describeCareer, fullProfileOf, getPerson } from "~/people/profile.server.ts";
import { abilities as abilitiesOf, authorize } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [data?.card.name, t("people.directory.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const person = await getPerson(params.userId ?? "");
  if (!person) throw new Response("Not Found", { status: 404 });
  const resource = { userId: person.id, collegeId: person.collegeId };
  authorize(user, "person:view-card", resource);
  const settings = await getSchoolSettings();
  const abilities = abilitiesOf(user, "person", { ...resource, roles: person.roles });
  const showFull = abilities["person:view-profile"];
  const career = describeCareer(person, settings);
  return data({
    card: cardOf(person),
    // Contact details, honours and eligibility only for those who may see the full profile.
    full: showFull ? fullProfileOf(person) : null,
    career: career
      ? {
          stage: career.stage,
          yearsOfService: career.yearsOfService,
          next: career.next,
          counselorSince: person.profile?.counselorSince ?? null,
          leaderGaps: showFull ? career.leaderGaps : null,
          backboneGaps: showFull ? career.backboneGaps : null,
        }
      : null,
    abilities,
    // One's password and personal API tokens are kept from one's own profile (/settings/…).
    account: abilitiesOf(user, "account", { userId: person.id }),
  });
}

export default function PersonPage() {
  const { card, full, career, abilities, account } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid grid-cols-3 gap-2 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 text-slate-900">{value}</dd>
    </div>
  );
  return (
    <div className="space-y-6">
      <PageHeader
        title={card.name}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <span>{card.collegeName ?? t("people.profile.noCollege")}</span>
            {card.roles.map((role) => (
              <Badge key={role}>{t(`role.${role}`)}</Badge>
            ))}
            {!card.active ? <Badge tone="amber">{t("people.profile.inactive")}</Badge> : null}
          </span>
        }
        actions={
          <>
            {account["account:change-password"] ? (
              <>
                <Link to="/settings/password" className={buttonClass("secondary")}>
                  {t("account.password.link")}
                </Link>
                <Link to="/settings/tokens" className={buttonClass("secondary")}>
                  {t("search.page.tokensLink")}
                </Link>
              </>
            ) : null}
            {abilities["person:edit-profile"] ? (
              <Link to={`/people/${card.id}/edit`} className={buttonClass("secondary")}>
                {t("people.profile.edit")}
              </Link>
            ) : null}
          </>
        }
      />
      <div className="grid gap-6 md:grid-cols-2">
        <Card title={t("people.profile.card")}>
          <dl className="divide-y divide-slate-100">
            {row(t("people.profile.username"), card.username)}
            {row(t("people.profile.position"), card.position ?? t("people.profile.none"))}
            {row(t("people.profile.title"), card.title ? t(`title.${card.title}`) : t("people.profile.none"))}
            {row(t("people.profile.specialties"), card.specialties.map((d) => t(`duty.${d}`)).join("、") || t("people.profile.none"))}
            {row(t("people.profile.tags"), card.specialtyTags.join("、") || t("people.profile.none"))}
            {row(t("people.profile.interests"), card.researchInterests || t("people.profile.none"))}
            {card.mentor ? row(t("role.MENTOR"), t("people.profile.mentor", { kind: t(`mentorKind.${card.mentor.kind}`) })) : null}
          </dl>
        </Card>

        {career ? (
          <Card title={t("people.profile.career")}>
            <dl className="divide-y divide-slate-100">
              {row(t("people.profile.stage"), <strong data-testid="profile-stage">{t(`stage.${career.stage}`)}</strong>)}
              {row(t("people.profile.goal"), t(`stageGoal.${career.stage}`))}
              {row(t("people.profile.plan"), t(`stagePlan.${career.stage}`))}
              {row(
                t("people.profile.since"),
                career.counselorSince ? formatDate(career.counselorSince, locale) : t("people.profile.sinceUnknown"),
              )}
              {career.yearsOfService !== null ? row(t("people.profile.years"), t("people.profile.yearsValue", { count: career.yearsOfService })) : null}
            </dl>
            {career.stage === "EXPERT" && card.title ? (
              <p className="mt-2 text-sm text-slate-600">{t("people.profile.expertBecause", { title: t(`title.${card.title}`) })}</p>
            ) : null}
            {career.next ? (
              <p className="mt-2 text-sm text-slate-600">
                {t("people.profile.next", { stage: t(`stage.${career.next.stage}`), date: formatDate(career.next.on, locale), days: career.next.inDays })}
              </p>
            ) : null}
            {career.leaderGaps && career.backboneGaps ? (
              <div className="mt-4 space-y-1 text-sm">
                <h3 className="font-medium text-slate-700">{t("people.profile.eligibility")}</h3>
                <p>{career.leaderGaps.length ? t("people.profile.leaderGaps", { gaps: describeGaps(career.leaderGaps, t, locale) }) : t("people.profile.leaderOk")}</p>
                <p>
                  {career.backboneGaps.length ? t("people.profile.backboneGaps", { gaps: describeGaps(career.backboneGaps, t, locale) }) : t("people.profile.backboneOk")}
                </p>
              </div>
            ) : null}
          </Card>
        ) : null}

        <Card title={t("people.profile.studios")}>
          {card.studios.length ? (
            <ul className="divide-y divide-slate-100">
              {card.studios.map((studio) => (
                <li key={studio.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                  <Link to={`/studios/${studio.id}`} className="text-brand-700 hover:underline">
                    {studio.name}
                  </Link>
                  <Badge tone={studio.role === "LEADER" ? "brand" : "slate"}>{t(`studioRole.${studio.role}`)}</Badge>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{t("people.profile.noStudios")}</p>
          )}
        </Card>

        <Card title={t("people.profile.full")}>
          {full ? (
            <>
              <dl className="divide-y divide-slate-100">
                {row(t("people.profile.phone"), full.phone ?? t("people.profile.none"))}
                {row(t("people.profile.email"), full.email ?? t("people.profile.none"))}
                {row(t("people.profile.gender"), full.gender ?? t("people.profile.none"))}
                {row(t("people.profile.birthDate"), full.birthDate ? formatDate(full.birthDate, locale) : t("people.profile.none"))}
                {row(t("people.profile.fullTime"), full.fullTime ? t("people.profile.fullTimeYes") : t("people.profile.fullTimeNo"))}
                {row(t("people.profile.education"), full.education ? t(`education.${full.education}`) : t("people.profile.none"))}
                {row(t("people.profile.major"), full.major ?? t("people.profile.none"))}
                {row(t("people.profile.groups"), full.groups.map((g) => t(`group.${g}`)).join("、") || t("people.profile.none"))}
              </dl>
              <h3 className="mt-4 text-sm font-medium text-slate-700">{t("people.profile.honours")}</h3>
              {full.honours.length ? (
                <ul className="mt-1 list-disc pl-5 text-sm">
                  {full.honours.map((h) => (
                    <li key={h.id}>{t("people.profile.honourLine", { name: h.name, level: t(`level.${h.level}`), year: h.year })}</li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-sm text-slate-600">{t("people.profile.noHonours")}</p>
              )}
            </>
          ) : (
            <Notice tone="info">{t("people.profile.fullHidden")}</Notice>
          )}
        </Card>
      </div>
    </div>
  );
}

import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, buttonClass } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Notice } from "~/components/kit/feedback.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { getMentorProfile, isMenteeOf, removeMentor, setAvailability } from "~/mentors/pool.server.ts";
import { availabilitySchema, removeMentorSchema } from "~/mentors/schemas.ts";
import { KindBadge, StatusBadge } from "~/mentors/ui.tsx";
import { abilities as abilitiesOf, authorize, permit } from "~/policy/index.ts";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, (t) => [data?.mentor.name, t("mentors.pool.title")]);

async function load(request: Request, mentorId: string) {
  const user = await requireUser(request);
  const mentor = await getMentorProfile(mentorId);
  if (!mentor) throw new Response("Not Found", { status: 404 });
  const resource = { mentorUserId: mentor.userId, viewerIsMentee: await isMenteeOf(user.id, mentor.id) };
  return { user, mentor, resource };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, mentor, resource } = await load(request, params.mentorId ?? "");
  authorize(user, "mentor:view-profile", resource);
  const abilities = abilitiesOf(user, "mentor", resource);
  const contact = abilities["mentor:view-contact"];
  const { username, email, phone, contact: contactText, ...publicPart } = mentor;
  return data({
    mentor: { ...publicPart, ...(contact ? { username, email, phone, contact: contactText } : { username: null, email: null, phone: null, contact: null }) },
    abilities,
    school: abilitiesOf(user, "school", null),
    saved: new URL(request.url).searchParams.has("saved"),
    created: new URL(request.url).searchParams.has("created"),
  });
}

export const action = intentAction({
  load: async ({ params }) => (await getMentorProfile(params.mentorId ?? "")) ?? notFound(),
  intents: (intent) => ({
    availability: intent({
      schema: availabilitySchema,
      authorize: ({ user }) => permit(user, "mentor:curate", null),
      run: async ({ user, t, ctx: mentor }, { available }) => {
        await setAvailability(user.id, mentor.id, available === "yes");
        return { notice: t("mentors.profile.availabilityChanged", { name: mentor.name }) };
      },
    }),
    remove: intent({
      schema: removeMentorSchema,
      authorize: ({ user }) => permit(user, "mentor:curate", null),
      confirm: ({ t, ctx: mentor }) => ({ message: t("mentors.profile.removeConfirm", { name: mentor.name }), confirmLabel: t("mentors.profile.removeConfirmButton") }),
      run: async ({ user, ctx: mentor }) => {
        await removeMentor(user.id, mentor.id);
        return { redirectTo: `/mentors?removed=${encodeURIComponent(mentor.name)}` };
      },
    }),
  }),
});

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export default function MentorProfile() {
  const { mentor, abilities, school, saved, created } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const load = mentor.directions.length;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <Link to="/mentors" className="text-sm text-brand-700 hover:underline">
        ← {t("mentors.profile.backToPool")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{mentor.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <KindBadge kind={mentor.kind} />
            <span>{[mentor.organisation, mentor.title].filter(Boolean).join(" · ")}</span>
            <span className={mentor.available && mentor.active ? "text-emerald-700" : "text-slate-500"}>
              {mentor.available && mentor.active ? t("mentors.common.available") : t("mentors.common.unavailable")}
            </span>
            {!mentor.active ? <span className="text-red-700">{t("mentors.profile.disabledAccount")}</span> : null}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {abilities["mentor:edit-profile"] ? (
            <Link to={`/mentors/${mentor.id}/edit`} className={buttonClass("primary")}>
              {t("mentors.profile.edit")}
            </Link>
          ) : null}
          {school["mentor:curate"] ? (
            <>
              <ActionButton intent="availability" fields={{ available: mentor.available ? "no" : "yes" }} size="md" pendingLabel={t("mentors.common.saving")}>
                {mentor.available ? t("mentors.profile.markUnavailable") : t("mentors.profile.markAvailable")}
              </ActionButton>
              <ConfirmButton
                intent="remove"
                size="md"
                label={t("mentors.profile.remove")}
                question={t("mentors.profile.removeConfirm", { name: mentor.name })}
                confirmLabel={t("mentors.profile.removeConfirmButton")}
              />
            </>
          ) : null}
        </div>
      </div>
      {saved ? <Notice tone="success">{t("mentors.profile.saved")}</Notice> : null}
      {created ? <Notice tone="success">{t("mentors.create.created")}</Notice> : null}
      <ActionFeedback reply={reply} />

      <div className="grid gap-6 md:grid-cols-2">
        <Card title={t("mentors.profile.basics")}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">{t("mentors.profile.kind")}</dt>
            <dd>{t(`mentorKind.${mentor.kind}`)}</dd>
            {mentor.college ? (
              <>
                <dt className="text-slate-500">{t("mentors.profile.college")}</dt>
                <dd>{mentor.college}</dd>
              </>
            ) : null}
            <dt className="text-slate-500">{t("mentors.profile.organisation")}</dt>
            <dd>{mentor.organisation || t("mentors.common.none")}</dd>
            <dt className="text-slate-500">{t("mentors.profile.titleLabel")}</dt>
            <dd>{mentor.title || t("mentors.common.none")}</dd>
            <dt className="text-slate-500">{t("mentors.profile.rank")}</dt>
            <dd>{t(`mentorRank.${mentor.rank}`)}</dd>
            <dt className="text-slate-500">{t("mentors.profile.capacity")}</dt>
            <dd>{t("mentors.common.loadValue", { load, capacity: mentor.capacity })}</dd>
            {abilities["mentor:view-contact"] ? (
              <>
                <dt className="text-slate-500">{t("mentors.profile.account")}</dt>
                <dd>{mentor.username}</dd>
                <dt className="text-slate-500">{t("mentors.profile.contact")}</dt>
                <dd>{mentor.contact || t("mentors.common.none")}</dd>
                {mentor.phone && mentor.phone !== mentor.contact ? (
                  <>
                    <dt className="text-slate-500">{t("mentors.profile.phone")}</dt>
                    <dd>{mentor.phone}</dd>
                  </>
                ) : null}
                {mentor.email ? (
                  <>
                    <dt className="text-slate-500">{t("mentors.profile.email")}</dt>
                    <dd>{mentor.email}</dd>
                  </>
                ) : null}
              </>
            ) : null}
          </dl>
          {!abilities["mentor:view-contact"] ? <p className="mt-3 text-xs text-slate-500">{t("mentors.profile.contactHidden")}</p> : null}
        </Card>
        <Card title={t("mentors.pool.expertise")}>
          <ul className="flex flex-wrap gap-1">
            {mentor.duties.map((d, i) => (
              <li key={d} className={`rounded px-1.5 py-0.5 text-xs ${i === 0 ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-700"}`}>
                {t(`duty.${d}`)}
                {i === 0 ? `（${t("mentors.pool.primary")}）` : ""}
              </li>
            ))}
          </ul>
          <h3 className="mt-4 text-sm font-medium text-slate-700">{t("mentors.profile.keywords")}</h3>
          <p className="mt-1 text-sm text-slate-700">{mentor.keywords.length ? mentor.keywords.join("、") : t("mentors.common.none")}</p>
          <h3 className="mt-4 text-sm font-medium text-slate-700">{t("mentors.profile.bio")}</h3>
          <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{mentor.bio || t("mentors.profile.bioEmpty")}</p>
        </Card>
      </div>

      <Card title={t("mentors.profile.directions")}>
        {mentor.directions.length === 0 ? (
          <p className="text-sm text-slate-600">{t("mentors.profile.directionsEmpty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {mentor.directions.map((d) => (
              <li key={d.assignmentId} className="flex items-center justify-between gap-2 py-2 text-sm">
                <span>
                  <Link to={`/studios/${d.studio.id}`} className="text-brand-700 hover:underline">
                    {d.studio.name}
                  </Link>{" "}
                  · {d.name}
                </span>
                <StatusBadge status={d.status} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

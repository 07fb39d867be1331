import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { EmptyState, Notice } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { formatDate, formatDateTime } from "~/lib/format.ts";
import { findInvitation, respond } from "~/mentors/matching.server.ts";
import { getMentoring } from "~/mentors/mentoring.server.ts";
import { pageParam } from "~/mentors/route-helpers.server.ts";
import { acceptSchema, declineSchema } from "~/mentors/schemas.ts";
import { BreakdownTable } from "~/mentors/ui.tsx";
import { authorize, permit } from "~/policy/index.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("mentors.mentoring.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "mentoring:view-own", null);
  const url = new URL(request.url);
  return data(await getMentoring(user.id, pageParam(url, "reviews")));
}

/** The invited mentor answers: the invitation named by the form must be theirs. */
async function invitationOf(_call: unknown, { assignmentId }: { assignmentId: string }) {
  return (await findInvitation(assignmentId)) ?? notFound();
}

export const action = intentAction({
  intents: (intent) => ({
    accept: intent({
      schema: acceptSchema,
      target: invitationOf,
      authorize: ({ user }, _input, invitation) => permit(user, "mentoring:respond", { mentorUserId: invitation.mentor.userId }),
      run: async ({ user, t }, { assignmentId }, invitation) => {
        await respond(user.id, assignmentId, "accept", null);
        return { notice: t("mentors.mentoring.acceptedNotice", { direction: invitation.direction.name }) };
      },
    }),
    decline: intent({
      schema: declineSchema,
      target: invitationOf,
      authorize: ({ user }, _input, invitation) => permit(user, "mentoring:respond", { mentorUserId: invitation.mentor.userId }),
      run: async ({ user, t }, { assignmentId, note }, invitation) => {
        await respond(user.id, assignmentId, "decline", note);
        return { notice: t("mentors.mentoring.declinedNotice", { direction: invitation.direction.name }) };
      },
    }),
  }),
});

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export default function Mentoring() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const location = useLocation();
  if (!page.mentor) {
    return (
      <div className="mx-auto max-w-3xl space-y-4">
        <h1 className="text-2xl font-bold">{t("mentors.mentoring.title")}</h1>
        <EmptyState>{t("mentors.mentoring.notMentor")}</EmptyState>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("mentors.mentoring.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("mentors.mentoring.intro")}</p>
          <p className="mt-1 text-sm text-slate-600">{t("mentors.mentoring.capacity", { count: page.accepted.length + page.invitations.length, capacity: page.mentor.capacity })}</p>
        </div>
        <Link to={`/mentors/${page.mentor.id}/edit`} className={buttonClass("secondary")}>
          {t("mentors.mentoring.editProfile")}
        </Link>
      </div>
      {!page.mentor.available ? <Notice tone="info">{t("mentors.mentoring.unavailableNotice")}</Notice> : null}
      <ActionFeedback reply={reply} />

      <Card title={t("mentors.mentoring.invitations")}>
        {page.invitations.length === 0 ? (
          <p className="text-sm text-slate-600">{t("mentors.mentoring.invitationsEmpty")}</p>
        ) : (
          <ul className="space-y-4">
            {page.invitations.map((inv) => (
              <Invitation key={inv.assignmentId} invitation={inv} locale={i18n.language} />
            ))}
          </ul>
        )}
      </Card>

      <Card title={t("mentors.mentoring.directions")}>
        {page.accepted.length === 0 ? (
          <p className="text-sm text-slate-600">{t("mentors.mentoring.directionsEmpty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {page.accepted.map((a) => (
              <li key={a.assignmentId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div>
                  <p className="font-medium">{a.direction.name}</p>
                  <p className="text-xs text-slate-500">
                    {a.studio.name} · {t(`duty.${a.studio.duty}`)}
                    {a.respondedAt ? ` · ${t("mentors.mentoring.since", { date: formatDate(a.respondedAt, i18n.language) })}` : ""}
                  </p>
                </div>
                <Link to={`/studios/${a.studio.id}`} className="text-sm text-brand-700 hover:underline" aria-label={`${t("mentors.mentoring.openStudio")}：${a.studio.name}`}>
                  {t("mentors.mentoring.openStudio")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t("mentors.mentoring.reviews")}>
        {page.reviews.length === 0 ? (
          <p className="text-sm text-slate-600">{t("mentors.mentoring.reviewsEmpty")}</p>
        ) : (
          <>
            <ul className="divide-y divide-slate-100">
              {page.reviews.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <div>
                    <p className="font-medium">{r.title}</p>
                    <p className="text-xs text-slate-500">{t("mentors.mentoring.reviewBy", { name: r.requestedBy, date: formatDateTime(r.createdAt, i18n.language), studio: r.studio })}</p>
                  </div>
                  <Link to={`/documents/${r.documentId}`} className={buttonClass("secondary")} aria-label={`${t("mentors.mentoring.reviewOpen")}：${r.title}`}>
                    {t("mentors.mentoring.reviewOpen")}
                  </Link>
                </li>
              ))}
            </ul>
            <div className="mt-3">
              <Pagination page={Math.min(Number(new URLSearchParams(location.search).get("reviews")) || 1, page.reviewPages)} pages={page.reviewPages} param="reviews" />
            </div>
          </>
        )}
      </Card>
    </div>
  );
}

type InvitationData = ReturnType<typeof useLoaderData<typeof loader>>["invitations"][number];

function Invitation({ invitation, locale }: { invitation: InvitationData; locale: string }) {
  const { t } = useTranslation();
  const label = t("mentors.mentoring.invitationLabel", { studio: invitation.studio.name, direction: invitation.direction.name });
  const noteId = `note-${invitation.assignmentId}`;
  return (
    <li className="rounded-md border border-slate-200 p-4" aria-label={label}>
      <h3 className="font-semibold">{label}</h3>
      <p className="mt-1 text-xs text-slate-500">
        {t(`duty.${invitation.studio.duty}`)}
        {invitation.invitedAt ? ` · ${t("mentors.mentoring.invitedAt", { date: formatDateTime(invitation.invitedAt, locale) })}` : ""}
      </p>
      {invitation.direction.description ? <p className="mt-2 text-sm text-slate-700">{invitation.direction.description}</p> : null}
      {invitation.breakdown ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-brand-700">{t("mentors.mentoring.why")}</summary>
          <div className="max-w-md">
            <BreakdownTable breakdown={invitation.breakdown} caption={t("mentors.mentoring.why")} />
          </div>
        </details>
      ) : null}
      <div className="mt-3 flex flex-wrap items-start gap-3">
        <ActionButton
          intent="accept"
          fields={{ assignmentId: invitation.assignmentId }}
          tone="primary"
          size="md"
          label={`${t("mentors.mentoring.accept")}：${label}`}
          pendingLabel={t("mentors.mentoring.accepting")}
        >
          {t("mentors.mentoring.accept")}
        </ActionButton>
        <details className="min-w-64">
          <summary className={`${buttonClass("secondary")} cursor-pointer list-none`} aria-label={`${t("mentors.mentoring.decline")}：${label}`}>
            {t("mentors.mentoring.decline")}
          </summary>
          <Form method="post" preventScrollReset className="mt-2 space-y-2">
            <input type="hidden" name="intent" value="decline" />
            <input type="hidden" name="assignmentId" value={invitation.assignmentId} />
            <label htmlFor={noteId} className="block text-sm text-slate-700">
              {t("mentors.mentoring.declineNote")}
            </label>
            <textarea id={noteId} name="note" rows={2} maxLength={500} className={inputClass} />
            <SubmitButton intent="decline" match={["assignmentId", invitation.assignmentId]} tone="danger" pendingLabel={t("mentors.mentoring.declining")}>
              {t("mentors.mentoring.declineConfirm")}
            </SubmitButton>
          </Form>
        </details>
      </div>
    </li>
  );
}

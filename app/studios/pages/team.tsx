import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { inputClass, TextField } from "~/components/kit/fields.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDate } from "~/lib/format.ts";
import type { loader } from "~/routes/studios.$studioId.team.tsx";
import { PersonPicker } from "../person-picker.tsx";
import { inviteSchema } from "../schemas.ts";
import { StudioPageHeading } from "../studio-header.tsx";
import type { action } from "../team.actions.server.ts";

/** The leader's team page: applications, members (role, removal), invitations. */
export function TeamPage() {
  const { team, requests } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const roleReply = replyFor(reply, "role");
  // An ineligible backbone: the refusal names what is missing; the same member may go ahead with a reason.
  const overrideFor = roleReply?.status === "error" && roleReply.details ? String(roleReply.form?.initialValue?.membershipId ?? "") : null;
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [inviteForm, inviteFields] = useForm({
    id: "invite",
    lastResult: replyFor(reply, "invite")?.form,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const applications = requests.pending.filter((r) => r.kind === "APPLICATION");
  const invitations = requests.pending.filter((r) => r.kind === "INVITATION");

  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.team.heading")}</StudioPageHeading>
      {overrideFor ? null : <ActionFeedback reply={reply} intent={["approve", "decline", "withdraw", "role", "remove"]} />}

      <Card title={t("studios.team.requests")}>
        {applications.length === 0 ? (
          <p className="text-sm text-slate-600">{t("studios.team.noRequests")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {applications.map((r) => (
              <li key={r.id} className="space-y-2 py-3">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p>
                    <Link to={`/people/${r.user.id}`} className="font-medium text-brand-700 hover:underline">
                      {r.user.name}
                    </Link>
                    <span className="ml-2 text-xs text-slate-500">
                      {r.user.college?.name} · {r.user.profile ? t(`title.${r.user.profile.title}`) : ""}
                    </span>
                  </p>
                  <span className="text-xs text-slate-500">{t("studios.team.appliedOn", { date: formatDate(r.createdAt, locale) })}</span>
                </div>
                {r.user.profile?.specialties.length ? (
                  <p className="text-xs text-slate-600">
                    {t("studios.team.specialties", {
                      list: [...r.user.profile.specialties.map((d) => t(`duty.${d}`)), ...r.user.profile.specialtyTags].join("、"),
                    })}
                  </p>
                ) : null}
                <p className="text-sm text-slate-700">{t("studios.team.motivation", { text: r.motivation })}</p>
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="requestId" value={r.id} />
                  <div className="min-w-64 flex-1">
                    <label htmlFor={`note-${r.id}`} className="block text-xs text-slate-600">
                      {t("studios.team.noteFor", { name: r.user.name })}
                    </label>
                    <input id={`note-${r.id}`} name="note" maxLength={300} className={inputClass} />
                  </div>
                  <SubmitButton sendIntent intent="approve" match={["requestId", r.id]} pendingLabel={t("studios.team.approving")} label={t("studios.team.approveLabel", { name: r.user.name })}>
                    {t("studios.team.approve")}
                  </SubmitButton>
                  <SubmitButton sendIntent tone="secondary" intent="decline" match={["requestId", r.id]} pendingLabel={t("studios.team.declining")} label={t("studios.team.declineLabel", { name: r.user.name })}>
                    {t("studios.team.decline")}
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t("studios.team.members")}>
        <DataTable
          caption={t("studios.team.members")}
          rows={team}
          rowKey={(m) => m.membershipId}
          empty={<EmptyState>{t("studios.page.noMembers")}</EmptyState>}
          columns={[
            {
              key: "name",
              header: t("studios.team.colName"),
              primary: true,
              cell: (m) => (
                <Link to={`/people/${m.userId}`} className="text-brand-700 hover:underline">
                  {m.name}
                </Link>
              ),
            },
            {
              key: "role",
              header: t("studios.team.colRole"),
              cell: (m) => (
                <>
                  <Badge tone={m.role === "LEADER" ? "brand" : "slate"}>{t(`studioRole.${m.role}`)}</Badge>
                  {m.overridden ? (
                    <span className="ml-1" title={t("studios.page.overriddenTitle")}>
                      <Badge tone="amber">{t("studios.page.overridden")}</Badge>
                    </span>
                  ) : null}
                </>
              ),
            },
            { key: "college", header: t("studios.team.colCollege"), className: "text-slate-600", cell: (m) => m.collegeName ?? "—" },
            { key: "stage", header: t("studios.team.colStage"), className: "text-slate-600", cell: (m) => (m.stage ? t(`stage.${m.stage}`) : "—") },
            { key: "joined", header: t("studios.team.colJoined"), className: "text-slate-600", hideOnPhone: true, cell: (m) => formatDate(m.joinedAt, locale) },
            {
              key: "actions",
              header: t("studios.team.colActions"),
              cell: (m) => <MemberActions member={m} overrideOpen={overrideFor === m.membershipId} overrideError={roleReply?.error} />,
            },
          ]}
        />
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        <Card title={t("studios.team.invite")}>
          <Form method="post" className="space-y-3" {...getFormProps(inviteForm)}>
            <input type="hidden" name="intent" value="invite" />
            <ActionFeedback reply={reply} intent="invite" />
            <PersonPicker field={inviteFields.username} label={t("studios.team.inviteUsername")} hint={t("studios.team.inviteHint")} />
            <TextField field={inviteFields.message} label={t("studios.team.inviteMessage")} />
            <SubmitButton intent="invite" pendingLabel={t("studios.team.inviting")}>
              {t("studios.team.inviteSubmit")}
            </SubmitButton>
          </Form>
        </Card>

        <Card title={t("studios.team.invitations")}>
          {invitations.length === 0 ? (
            <p className="text-sm text-slate-600">{t("studios.team.noInvitations")}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {invitations.map((r) => (
                <li key={r.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                  <span>
                    {r.user.name}
                    <span className="ml-2 text-xs text-slate-500">{t("studios.team.invitedOn", { date: formatDate(r.createdAt, locale) })}</span>
                  </span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="withdraw" />
                    <input type="hidden" name="requestId" value={r.id} />
                    <SubmitButton size="sm" tone="secondary" intent="withdraw" match={["requestId", r.id]} pendingLabel={t("studios.page.withdrawing")} label={t("studios.team.withdrawInviteLabel", { name: r.user.name })}>
                      {t("studios.team.withdrawInvite")}
                    </SubmitButton>
                  </Form>
                </li>
              ))}
            </ul>
          )}
          {requests.recent.length ? (
            <>
              <h3 className="mt-4 text-sm font-medium text-slate-700">{t("studios.team.recent")}</h3>
              <ul className="mt-1 space-y-1 text-xs text-slate-600">
                {requests.recent.map((r) => (
                  <li key={r.id}>
                    {r.user.name} · {t(`joinRequestKind.${r.kind}`)} · {t(`joinRequestStatus.${r.status}`)}
                    {r.decidedAt ? ` · ${formatDate(r.decidedAt, locale)}` : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Card>
      </div>
    </div>
  );
}

type Member = ReturnType<typeof useLoaderData<typeof loader>>["team"][number];

/** A member's row actions: backbone ↔ newcomer (with the override reason when asked), remove. */
function MemberActions({ member: m, overrideOpen, overrideError }: { member: Member; overrideOpen: boolean; overrideError?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {m.role === "LEADER" ? <span className="text-slate-400">—</span> : (
        <div className="flex flex-wrap gap-2">
          <Form method="post">
            <input type="hidden" name="intent" value="role" />
            <input type="hidden" name="membershipId" value={m.membershipId} />
            <input type="hidden" name="role" value={m.role === "BACKBONE" ? "NEWCOMER" : "BACKBONE"} />
            <SubmitButton size="sm" tone="secondary" intent="role" match={["membershipId", m.membershipId]} pendingLabel={t("studios.team.changingRole")}>
              {m.role === "BACKBONE" ? t("studios.team.makeNewcomer") : t("studios.team.makeBackbone")}
            </SubmitButton>
          </Form>
          <ConfirmButton
            intent="remove"
            fields={{ membershipId: m.membershipId }}
            label={t("studios.team.remove")}
            ariaLabel={t("studios.team.removeLabel", { name: m.name })}
            question={t("studios.team.confirmRemove", { name: m.name })}
          />
        </div>
      )}
      {overrideOpen ? (
        <Form method="post" className="mt-2 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
          <p role="alert" className="text-sm text-amber-900">
            {overrideError}
          </p>
          <input type="hidden" name="intent" value="role" />
          <input type="hidden" name="membershipId" value={m.membershipId} />
          <input type="hidden" name="role" value="BACKBONE" />
          <label htmlFor={`override-${m.membershipId}`} className="block text-xs text-slate-700">
            {t("studios.team.overrideReason")}
          </label>
          <input id={`override-${m.membershipId}`} name="overrideReason" required maxLength={500} className={inputClass} />
          <p className="text-xs text-slate-500">{t("studios.team.overrideHint")}</p>
          <SubmitButton size="sm" intent="role" match={["membershipId", m.membershipId]} pendingLabel={t("studios.team.changingRole")}>
            {t("studios.team.makeBackbone")}
          </SubmitButton>
        </Form>
      ) : null}
    </>
  );
}

import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge, Card } from "~/components/kit/card.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { ConfirmPrompt, EmptyState, Notice } from "~/components/kit/feedback.tsx";
import { inputClass, TextField } from "~/components/kit/fields.tsx";
import { getFixedT, getLocale } from "~/i18n/i18n.server.ts";
import { needsConfirmation } from "~/lib/confirm.server.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { formatDate } from "~/lib/format.ts";
import { authorize } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { ruleMessage, studioChrome } from "~/studios/chrome.server.ts";
import { isRuleError } from "~/studios/errors.ts";
import { PersonPicker } from "~/studios/person-picker.tsx";
import { handleJoinDecision, JOIN_INTENTS } from "~/studios/join-actions.server.ts";
import { changeMemberRole, findMembership, inviteToStudio, listStudioRequests, removeMember } from "~/studios/membership.server.ts";
import { inviteSchema, removeMemberSchema, roleChangeSchema } from "~/studios/schemas.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { StudioPageHeading } from "~/studios/studio-header.tsx";
import { getStudioPage } from "~/studios/studios.server.ts";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.team.heading")]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:manage", access.resource);
  const settings = await getSchoolSettings();
  const [page, requests] = await Promise.all([getStudioPage(access.studio.id, { workspace: false, settings }), listStudioRequests(access.studio.id)]);
  return data({ chrome: studioChrome(user, access), team: page.team, requests });
}

type ActionResult = {
  notice?: string;
  error?: string;
  confirm?: ReturnType<typeof needsConfirmation>;
  override?: { membershipId: string; message: string };
  invite?: ReturnType<typeof translatedReply>;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  const [t, locale] = await Promise.all([getFixedT(request), getLocale(request)]);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const reply = (result: ActionResult, status = 200) => data(result, { status });

  if ((JOIN_INTENTS as readonly string[]).includes(intent)) {
    const result = await handleJoinDecision(user, form, t, locale);
    return reply(result, result.error ? 409 : 200);
  }
  // Each intent is authorised by its own rule alone, so a broken rule is not hidden behind another.
  if (intent === "invite") {
    authorize(user, "studio:invite", access.resource);
    const settings = await getSchoolSettings();
    const submission = parseWithZod(form, { schema: inviteSchema });
    if (submission.status !== "success") return reply({ invite: translatedReply(submission, t) }, 400);
    try {
      await inviteToStudio(access.studio.id, submission.value.username, submission.value.message, user, settings);
    } catch (error) {
      return reply({ invite: submission.reply({ formErrors: [ruleMessage(error, t, locale)] }) }, 409);
    }
    return reply({ invite: submission.reply({ resetForm: true }), notice: t("studios.team.invitedDone") });
  }

  authorize(user, "studio:manage", access.resource);
  const settings = await getSchoolSettings();

  const schema = intent === "role" ? roleChangeSchema : intent === "remove" ? removeMemberSchema : null;
  if (!schema) throw new Response("Bad Request", { status: 400 });
  const parsed = schema.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => v !== "")));
  if (!parsed.success) return reply({ error: t("kit.invalidRequest") }, 400);
  const membership = await findMembership(parsed.data.membershipId);
  if (!membership || membership.studioId !== access.studio.id) return reply({ error: t("studios.errors.memberMissing") }, 404);
  const name = membership.user.name;
  try {
    if (parsed.data.intent === "role") {
      await changeMemberRole(membership.id, parsed.data.role, parsed.data.overrideReason, user.id, settings);
      return reply({ notice: t("studios.team.roleChanged", { name, role: t(`studioRole.${parsed.data.role}`) }) });
    }
    const confirm = needsConfirmation(form, t("studios.team.confirmRemove", { name }), t("studios.team.remove"));
    if (confirm) return reply({ confirm });
    await removeMember(membership.id, user.id, "removed");
    return reply({ notice: t("studios.team.removed", { name }) });
  } catch (error) {
    if (isRuleError(error) && error.code === "backboneNotEligible") {
      return reply({ override: { membershipId: membership.id, message: ruleMessage(error, t, locale) } }, 409);
    }
    return reply({ error: ruleMessage(error, t, locale) }, 409);
  }
}

export default function Team() {
  const { team, requests } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [inviteForm, inviteFields] = useForm({
    id: "invite",
    lastResult: actionData?.invite,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const applications = requests.pending.filter((r) => r.kind === "APPLICATION");
  const invitations = requests.pending.filter((r) => r.kind === "INVITATION");

  return (
    <div className="space-y-6">
      <StudioPageHeading>{t("studios.team.heading")}</StudioPageHeading>
      {actionData?.confirm ? <ConfirmPrompt request={actionData.confirm} cancelLabel={t("kit.cancel")} pendingLabel={t("kit.working")} /> : null}
      {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}
      {actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}

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
        {team.length === 0 ? (
          <EmptyState>{t("studios.page.noMembers")}</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm" aria-label={t("studios.team.members")}>
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t("studios.team.colName")}</th>
                  <th scope="col" className="py-2 pr-3">{t("studios.team.colRole")}</th>
                  <th scope="col" className="py-2 pr-3">{t("studios.team.colCollege")}</th>
                  <th scope="col" className="py-2 pr-3">{t("studios.team.colStage")}</th>
                  <th scope="col" className="py-2 pr-3">{t("studios.team.colJoined")}</th>
                  <th scope="col" className="py-2">{t("studios.team.colActions")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {team.map((m) => (
                  <tr key={m.membershipId}>
                    <td className="py-2 pr-3">
                      <Link to={`/people/${m.userId}`} className="text-brand-700 hover:underline">
                        {m.name}
                      </Link>
                    </td>
                    <td className="py-2 pr-3">
                      <Badge tone={m.role === "LEADER" ? "brand" : "slate"}>{t(`studioRole.${m.role}`)}</Badge>
                      {m.overridden ? (
                        <span className="ml-1" title={t("studios.page.overriddenTitle")}>
                          <Badge tone="amber">{t("studios.page.overridden")}</Badge>
                        </span>
                      ) : null}
                    </td>
                    <td className="py-2 pr-3 text-slate-600">{m.collegeName ?? "—"}</td>
                    <td className="py-2 pr-3 text-slate-600">{m.stage ? t(`stage.${m.stage}`) : "—"}</td>
                    <td className="py-2 pr-3 text-slate-600">{formatDate(m.joinedAt, locale)}</td>
                    <td className="py-2">
                      {m.role === "LEADER" ? null : (
                        <div className="flex flex-wrap gap-2">
                          <Form method="post">
                            <input type="hidden" name="intent" value="role" />
                            <input type="hidden" name="membershipId" value={m.membershipId} />
                            <input type="hidden" name="role" value={m.role === "BACKBONE" ? "NEWCOMER" : "BACKBONE"} />
                            <SubmitButton size="sm" tone="secondary" intent="role" match={["membershipId", m.membershipId]} pendingLabel={t("studios.team.changingRole")}>
                              {m.role === "BACKBONE" ? t("studios.team.makeNewcomer") : t("studios.team.makeBackbone")}
                            </SubmitButton>
                          </Form>
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="membershipId" value={m.membershipId} />
                            <SubmitButton size="sm" tone="danger" intent="remove" match={["membershipId", m.membershipId]} pendingLabel={t("studios.team.removing")} label={t("studios.team.removeLabel", { name: m.name })}>
                              {t("studios.team.remove")}
                            </SubmitButton>
                          </Form>
                        </div>
                      )}
                      {actionData?.override?.membershipId === m.membershipId ? (
                        <Form method="post" className="mt-2 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
                          <p role="alert" className="text-sm text-amber-900">
                            {actionData.override.message}
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
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        <Card title={t("studios.team.invite")}>
          <Form method="post" className="space-y-3" {...getFormProps(inviteForm)}>
            <input type="hidden" name="intent" value="invite" />
            {inviteForm.errors?.length ? <Notice tone="error">{inviteForm.errors.join(" ")}</Notice> : null}
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

import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge, Card } from "~/components/kit/card.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { ConfirmPrompt, Notice } from "~/components/kit/feedback.tsx";
import { prisma } from "~/db/client.server.ts";
import { getFixedT, getLocale } from "~/i18n/i18n.server.ts";
import { needsConfirmation } from "~/lib/confirm.server.ts";
import { getStudioMentors } from "~/mentors/studio-mentors.server.ts";
import { StudioMentors } from "~/mentors/studio-mentors.tsx";
import { formatDate, formatDateTime } from "~/lib/format.ts";
import { abilities as abilitiesOf, authorize } from "~/policy/index.ts";
import { getSchoolSettings } from "~/settings/school-settings.server.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { ruleMessage } from "~/studios/chrome.server.ts";
import { handleJoinDecision, JOIN_INTENTS } from "~/studios/join-actions.server.ts";
import { removeMember } from "~/studios/membership.server.ts";
import { studioPageTitle, useStudio } from "~/studios/studio-context.ts";
import { getStudioPage, joiningState } from "~/studios/studios.server.ts";

export const meta: MetaFunction<typeof loader> = ({ matches }) => studioPageTitle(matches, () => []);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  authorize(user, "studio:view", access.resource);
  const settings = await getSchoolSettings();
  const abilities = abilitiesOf(user, "studio", access.resource);
  const [page, mentors, joining] = await Promise.all([
    getStudioPage(access.studio.id, { workspace: abilities["studio:view-workspace"], settings }),
    getStudioMentors(access.studio.id),
    abilities["studio:apply"] ? joiningState(user.id, settings) : null,
  ]);
  const pending = joining?.pending.find((p) => p.studio.id === access.studio.id) ?? null;
  return data({
    page,
    mentors,
    viewer: {
      role: access.resource.viewerRole,
      pending: pending ? { id: pending.id, kind: pending.kind } : null,
      canApply: joining !== null && !pending && !joining.atLimit && !page.archivedAt,
      atLimit: joining?.atLimit ? joining.limit : null,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const access = await loadStudioAccess(user, params.studioId);
  const [t, locale] = await Promise.all([getFixedT(request), getLocale(request)]);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  if ((JOIN_INTENTS as readonly string[]).includes(intent)) {
    const result = await handleJoinDecision(user, form, t, locale);
    return data({ ...result, confirm: null }, { status: result.error ? 409 : 200 });
  }
  if (intent === "leave") {
    authorize(user, "studio:leave", access.resource);
    const confirm = needsConfirmation(form, t("studios.page.confirmLeave", { studio: access.studio.name }), t("studios.page.leave"));
    if (confirm) return data({ confirm, notice: undefined, error: undefined });
    const membership = await prisma.studioMembership.findUnique({ where: { studioId_userId: { studioId: access.studio.id, userId: user.id } } });
    if (!membership) return data({ confirm: null, error: t("studios.errors.memberMissing"), notice: undefined }, { status: 409 });
    try {
      await removeMember(membership.id, user.id, "left");
    } catch (error) {
      return data({ confirm: null, error: ruleMessage(error, t, locale), notice: undefined }, { status: 409 });
    }
    return data({ confirm: null, notice: t("studios.page.left"), error: undefined });
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function StudioPage() {
  const { page, mentors, viewer } = useLoaderData<typeof loader>();
  const chrome = useStudio();
  const { abilities } = chrome;
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const roleGroups = [
    ["LEADER", t("studios.page.leaders")],
    ["BACKBONE", t("studios.page.backbones")],
    ["NEWCOMER", t("studios.page.newcomers")],
  ] as const;

  const joinBox = (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {viewer.role ? (
        <>
          <span className="text-slate-600">{t("studios.page.member", { role: t(`studioRole.${viewer.role}`) })}</span>
          {abilities["studio:leave"] ? (
            <Form method="post">
              <input type="hidden" name="intent" value="leave" />
              <SubmitButton tone="secondary" size="sm" intent="leave" pendingLabel={t("studios.page.leaving")}>
                {t("studios.page.leave")}
              </SubmitButton>
            </Form>
          ) : null}
        </>
      ) : viewer.pending?.kind === "APPLICATION" ? (
        <>
          <span className="text-slate-600">{t("studios.page.applied")}</span>
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <input type="hidden" name="requestId" value={viewer.pending.id} />
            <SubmitButton tone="secondary" size="sm" intent="withdraw" pendingLabel={t("studios.page.withdrawing")}>
              {t("studios.page.withdraw")}
            </SubmitButton>
          </Form>
        </>
      ) : viewer.pending?.kind === "INVITATION" ? (
        <>
          <span className="text-slate-600">{t("studios.page.invited")}</span>
          <Form method="post">
            <input type="hidden" name="intent" value="approve" />
            <input type="hidden" name="requestId" value={viewer.pending.id} />
            <SubmitButton size="sm" intent="approve" pendingLabel={t("studios.page.accepting")}>
              {t("studios.page.accept")}
            </SubmitButton>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="decline" />
            <input type="hidden" name="requestId" value={viewer.pending.id} />
            <SubmitButton tone="secondary" size="sm" intent="decline" pendingLabel={t("studios.page.declining")}>
              {t("studios.page.decline")}
            </SubmitButton>
          </Form>
        </>
      ) : viewer.canApply ? (
        <Link to={`/studios/${chrome.id}/apply`} className={buttonClass("primary")}>
          {t("studios.page.apply")}
        </Link>
      ) : viewer.atLimit ? (
        <span className="text-slate-600">{t("studios.page.atLimit", { limit: viewer.atLimit })}</span>
      ) : null}
    </div>
  );

  return (
    <div className="space-y-6">
      {joinBox}
      {actionData?.confirm ? <ConfirmPrompt request={actionData.confirm} cancelLabel={t("kit.cancel")} pendingLabel={t("kit.working")} /> : null}
      {actionData?.error ? <Notice tone="error">{actionData.error}</Notice> : null}
      {actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title={t("studios.tabs.overview")}>
            <p className="whitespace-pre-line text-sm text-slate-700">{page.description || t("studios.page.noDescription")}</p>
            <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-slate-500">{t("studios.page.budget")}</dt>
                <dd>{t("studios.page.budgetValue", { amount: Number(page.budgetYuan).toLocaleString(locale) })}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("studios.page.platform")}</dt>
                <dd>{page.platform || "—"}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("studios.report.founded")}</dt>
                <dd>{formatDate(page.foundedOn, locale)}</dd>
              </div>
            </dl>
          </Card>

          <Card title={t("studios.page.directions")}>
            {page.directions.length === 0 ? (
              <p className="text-sm text-slate-600">{t("studios.page.noDirections")}</p>
            ) : (
              <ul className="space-y-4">
                {page.directions.map((direction) => (
                  <li key={direction.id}>
                    <h3 className="font-medium">{direction.name}</h3>
                    {direction.description ? <p className="text-sm text-slate-600">{direction.description}</p> : null}
                    {direction.keywords.length ? (
                      <p className="mt-1 flex flex-wrap gap-1">
                        {direction.keywords.map((k) => (
                          <Badge key={k}>{k}</Badge>
                        ))}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <StudioMentors directions={mentors} headingLevel={2} preferencesHref={abilities["matching:state-preferences"] ? `/studios/${chrome.id}/mentor-preferences` : undefined} />

          {abilities["studio:view-workspace"] ? (
            <Card title={t("studios.page.projects")}>
              {page.projects.length === 0 ? (
                <p className="text-sm text-slate-600">{t("studios.page.noProjects")}</p>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {page.projects.map((p) => (
                    <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                      <Link to={`/studios/${chrome.id}/projects/${p.id}`} className="text-brand-700 hover:underline">
                        {p.title}
                      </Link>
                      <span className="flex items-center gap-2 text-xs text-slate-500">
                        <Badge>{t(`level.${p.level}`)}</Badge>
                        <Badge tone={p.status === "IN_PROGRESS" ? "emerald" : "slate"}>{t(`projectStatus.${p.status}`)}</Badge>
                        {t("studios.page.projectProgress", { done: p.tasksDone, total: p.tasks })}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          ) : null}

          <Card title={t("studios.page.outputs")}>
            {page.outputs.length === 0 ? (
              <p className="text-sm text-slate-600">{t("studios.page.noOutputs")}</p>
            ) : (
              <>
                <ul className="divide-y divide-slate-100">
                  {page.outputs.map((o) => (
                    <li key={o.id} className="py-2 text-sm">
                      <p className="font-medium">{o.title}</p>
                      <p className="text-xs text-slate-500">
                        {t(`outputType.${o.type}`)} · {t(`level.${o.level}`)} · {formatDate(o.date, locale)} · {o.authors.join("、")}
                      </p>
                    </li>
                  ))}
                </ul>
                <Link to={`/studios/${chrome.id}/outputs`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
                  {t("studios.page.allOutputs", { count: page.counts.outputs })}
                </Link>
              </>
            )}
          </Card>
        </div>

        <div className="space-y-6">
          <Card title={t("studios.page.team")}>
            <p className="mb-3 text-xs text-slate-500">{t("studios.page.teamSummary", { count: page.team.length, colleges: page.colleges })}</p>
            {page.team.length === 0 ? (
              <p className="text-sm text-slate-600">{t("studios.page.noMembers")}</p>
            ) : (
              roleGroups.map(([role, label]) => {
                const members = page.team.filter((m) => m.role === role);
                if (!members.length) return null;
                return (
                  <div key={role} className="mb-3">
                    <h3 className="text-xs font-semibold uppercase text-slate-500">{label}</h3>
                    <ul className="mt-1 space-y-1" aria-label={label}>
                      {members.map((m) => (
                        <li key={m.membershipId} className="flex items-center justify-between gap-2 text-sm">
                          <Link to={`/people/${m.userId}`} className="text-brand-700 hover:underline">
                            {m.name}
                          </Link>
                          <span className="flex items-center gap-1 text-xs text-slate-500">
                            {m.collegeName}
                            {m.overridden ? (
                              <span title={t("studios.page.overriddenTitle")}>
                                <Badge tone="amber">{t("studios.page.overridden")}</Badge>
                              </span>
                            ) : null}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </div>
                );
              })
            )}
          </Card>

          {abilities["studio:view-workspace"] ? (
            <Card title={t("studios.page.documents")}>
              {page.documents.length === 0 ? (
                <p className="text-sm text-slate-600">{t("studios.page.noDocuments")}</p>
              ) : (
                <ul className="space-y-2">
                  {page.documents.map((d) => (
                    <li key={d.id} className="text-sm">
                      <Link to={`/documents/${d.id}`} className="text-brand-700 hover:underline">
                        {d.title}
                      </Link>
                      <p className="text-xs text-slate-500">
                        {t(`documentType.${d.type}`)} · {t(`documentStatus.${d.status}`)} · {formatDateTime(d.updatedAt, locale)}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
              <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                <Link to={`/studios/${chrome.id}/documents`} className="text-brand-700 hover:underline">
                  {t("studios.page.allDocuments")}
                </Link>
                <Link to={`/search?studio=${chrome.id}`} className="text-brand-700 hover:underline">
                  {t("studios.page.searchStudio")}
                </Link>
              </p>
            </Card>
          ) : null}

          <Card title={t("studios.page.activities")}>
            {page.activities.length === 0 ? (
              <p className="text-sm text-slate-600">{t("studios.page.noActivities")}</p>
            ) : (
              <ul className="space-y-2">
                {page.activities.map((a) => (
                  <li key={a.id} className="text-sm">
                    <p>{a.title}</p>
                    <p className="text-xs text-slate-500">
                      {t(`activityKind.${a.kind}`)} · {formatDate(a.date, locale)}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}

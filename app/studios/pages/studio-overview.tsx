import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { formatDate, formatDateTime } from "~/lib/format.ts";
import { StudioMentors } from "~/mentors/studio-mentors.tsx";
import type { loader } from "~/routes/studios.$studioId._index.tsx";
import { useStudio } from "../studio-context.ts";
import type { action } from "../studio-overview.actions.server.ts";

/** A studio's overview: what it is, its directions and mentors, team, projects, outputs, documents and activities. */
export function StudioOverviewPage() {
  const { page, mentors, viewer } = useLoaderData<typeof loader>();
  const studio = useStudio();
  const { abilities } = studio;
  const reply = useActionData<typeof action>();
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
            <ConfirmButton
              intent="leave"
              tone="secondary"
              label={t("studios.page.leave")}
              question={t("studios.page.confirmLeave", { studio: studio.name })}
            />
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
        <Link to={`/studios/${studio.id}/apply`} className={buttonClass("primary")}>
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
      <ActionFeedback reply={reply} />

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

          <StudioMentors directions={mentors} headingLevel={2} preferencesHref={abilities["matching:state-preferences"] ? `/studios/${studio.id}/mentor-preferences` : undefined} />

          {abilities["studio:view-workspace"] ? (
            <Card title={t("studios.page.projects")}>
              {page.projects.length === 0 ? (
                <p className="text-sm text-slate-600">{t("studios.page.noProjects")}</p>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {page.projects.map((p) => (
                    <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                      <Link to={`/studios/${studio.id}/projects/${p.id}`} className="text-brand-700 hover:underline">
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
                <Link to={`/studios/${studio.id}/outputs`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
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
                <Link to={`/studios/${studio.id}/documents`} className="text-brand-700 hover:underline">
                  {t("studios.page.allDocuments")}
                </Link>
                <Link to={`/search?studio=${studio.id}`} className="text-brand-700 hover:underline">
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

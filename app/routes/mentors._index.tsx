import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, buttonClass } from "~/components/kit/buttons.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState, Notice } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { Duty, MentorKind } from "~/generated/prisma/enums.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { getMentorProfile, listMentors, setAvailability } from "~/mentors/pool.server.ts";
import { poolAvailabilitySchema, poolFilterSchema } from "~/mentors/schemas.ts";
import { KindBadge } from "~/mentors/ui.tsx";
import { abilities, authorize, permit } from "~/policy/index.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("mentors.pool.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "mentor:view-pool", null);
  const url = new URL(request.url);
  const filter = poolFilterSchema.parse(Object.fromEntries(url.searchParams));
  const list = await listMentors(filter);
  const removed = url.searchParams.get("removed");
  return data({ ...list, filter, page: Math.min(filter.page, list.pages), school: abilities(user, "school", null), removed });
}

/** 学工部 switches a mentor's availability from the list. */
export const action = intentAction({
  intents: (intent) => ({
    availability: intent({
      schema: poolAvailabilitySchema,
      target: async (_call, { mentorId }) => (await getMentorProfile(mentorId)) ?? notFound(),
      authorize: ({ user }) => permit(user, "mentor:curate", null),
      run: async ({ user, t }, { available }, mentor) => {
        await setAvailability(user.id, mentor.id, available === "yes");
        return { notice: t("mentors.profile.availabilityChanged", { name: mentor.name }) };
      },
    }),
  }),
});

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export default function MentorPool() {
  const { items, total, pages, page, filter, school, removed } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const filtered = Boolean(filter.kind || filter.duty || filter.available || filter.q);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-3xl">
          <h1 className="text-2xl font-bold tracking-tight">{t("mentors.pool.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("mentors.pool.intro")}</p>
        </div>
        {school["mentor:curate"] ? (
          <div className="flex gap-2">
            <Link to="/mentors/new" className={buttonClass("primary")}>
              {t("mentors.pool.add")}
            </Link>
            <Link to="/mentors/import" className={buttonClass("secondary")}>
              {t("mentors.pool.import")}
            </Link>
          </div>
        ) : null}
      </div>
      {reply ? <ActionFeedback reply={reply} /> : removed ? <Notice tone="success">{t("mentors.profile.removed", { name: removed })}</Notice> : null}

      <Form method="get" role="search" aria-label={t("mentors.pool.filters")} className="flex flex-wrap items-end gap-3 text-sm">
        <label className="block">
          <span className="text-slate-600">{t("mentors.pool.kind")}</span>
          <select name="kind" defaultValue={filter.kind ?? ""} className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5">
            <option value="">{t("mentors.pool.anyKind")}</option>
            {Object.values(MentorKind).map((k) => (
              <option key={k} value={k}>
                {t(`mentorKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="text-slate-600">{t("mentors.pool.duty")}</span>
          <select name="duty" defaultValue={filter.duty ?? ""} className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5">
            <option value="">{t("mentors.pool.anyDuty")}</option>
            {Object.values(Duty).map((d) => (
              <option key={d} value={d}>
                {t(`duty.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="text-slate-600">{t("mentors.pool.availability")}</span>
          <select name="available" defaultValue={filter.available ?? ""} className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5">
            <option value="">{t("mentors.pool.anyAvailability")}</option>
            <option value="yes">{t("mentors.common.available")}</option>
            <option value="no">{t("mentors.common.unavailable")}</option>
          </select>
        </label>
        <label className="block">
          <span className="text-slate-600">{t("mentors.pool.search")}</span>
          <input type="search" name="q" defaultValue={filter.q ?? ""} placeholder={t("mentors.pool.searchPlaceholder")} className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          {t("mentors.pool.apply")}
        </button>
        {filtered ? (
          <Link to="/mentors" className="py-1.5 text-brand-700 hover:underline">
            {t("mentors.pool.clear")}
          </Link>
        ) : null}
      </Form>

      <p className="text-sm text-slate-600">{t("mentors.pool.count", { count: total })}</p>
      {items.length === 0 ? (
        <EmptyState>{filtered ? t("mentors.pool.emptyFiltered") : t("mentors.pool.empty")}</EmptyState>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white px-4 py-2 shadow-sm max-sm:border-0 max-sm:bg-transparent max-sm:p-0 max-sm:shadow-none">
          <DataTable
            caption={t("mentors.pool.caption")}
            rows={items}
            rowKey={(m) => m.id}
            columns={[
              {
                key: "name",
                header: t("mentors.pool.name"),
                primary: true,
                cell: (m) => (
                  <>
                    <Link to={`/mentors/${m.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                      <Content>{m.name}</Content>
                    </Link>
                    <div className="mt-1">
                      <KindBadge kind={m.kind} />
                    </div>
                  </>
                ),
              },
              {
                key: "organisation",
                header: t("mentors.pool.organisation"),
                className: "text-slate-700",
                cell: (m) => (
                  <>
                    <Content className="block">{m.organisation}</Content>
                    <p className="text-xs text-slate-500">
                      <Content>{m.title}</Content>
                      {m.title ? " · " : ""}
                      {t(`mentorRank.${m.rank}`)}
                    </p>
                  </>
                ),
              },
              {
                key: "expertise",
                header: t("mentors.pool.expertise"),
                cell: (m) => (
                  <>
                    <ul className="flex flex-wrap gap-1">
                      {m.duties.map((d, i) => (
                        <li key={d} className={`rounded px-1.5 py-0.5 text-xs ${i === 0 ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-700"}`}>
                          {t(`duty.${d}`)}
                          {i === 0 ? `（${t("mentors.pool.primary")}）` : ""}
                        </li>
                      ))}
                    </ul>
                    {m.keywords.length ? <Content className="mt-1 block text-xs text-slate-500">{m.keywords.join("、")}</Content> : null}
                  </>
                ),
              },
              { key: "load", header: t("mentors.pool.load"), className: "tabular-nums text-slate-700", cell: (m) => t("mentors.common.loadValue", { load: m.load, capacity: m.capacity }) },
              {
                key: "state",
                header: t("mentors.pool.state"),
                cell: (m) => (
                  <>
                    <p className={m.available ? "text-emerald-700" : "text-slate-500"}>{m.available ? t("mentors.common.available") : t("mentors.common.unavailable")}</p>
                    {school["mentor:curate"] ? (
                      <div className="mt-1">
                        <ActionButton
                          intent="availability"
                          fields={{ mentorId: m.id, available: m.available ? "no" : "yes" }}
                          label={`${m.available ? t("mentors.profile.markUnavailable") : t("mentors.profile.markAvailable")}：${m.name}`}
                          pendingLabel={t("mentors.common.saving")}
                        >
                          {m.available ? t("mentors.profile.markUnavailable") : t("mentors.profile.markAvailable")}
                        </ActionButton>
                      </div>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        </div>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  );
}

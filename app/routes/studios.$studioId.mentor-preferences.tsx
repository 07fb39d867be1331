import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { formatDateTime } from "~/lib/format.ts";
import {
  addPreference,
  getPreferencesPage,
  movePreference,
  removePreference,
  setTargets,
} from "~/mentors/preferences.server.ts";
import { badRequest, reply } from "~/mentors/route-helpers.server.ts";
import { preferenceActionSchema, targetsSchema } from "~/mentors/schemas.ts";
import { StudioMentors } from "~/mentors/studio-mentors.tsx";
import { MAX_PREFERENCES } from "~/mentors/matching/scoring.ts";
import { ActionButton, ActionNotice, buttonClass, fieldClass, KindBadge, useSubmitting } from "~/mentors/ui.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { authorize } from "~/policy/index.ts";
import { loadStudioAccess } from "~/studios/access.server.ts";
import { studioPageTitle } from "~/studios/studio-context.ts";

export const meta: MetaFunction = ({ matches }) => studioPageTitle(matches, (t) => [t("studios.tabs.mentorPreferences")]);

async function load(request: Request, studioId: string) {
  const user = await requireUser(request);
  const { studio, resource } = await loadStudioAccess(user, studioId);
  if (studio.archivedAt) throw new Response("Not Found", { status: 404 });
  authorize(user, "matching:state-preferences", resource);
  return { user, studio };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { studio } = await load(request, params.studioId ?? "");
  return data(await getPreferencesPage(studio.id));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, studio } = await load(request, params.studioId ?? "");
  const t = await getFixedT(request);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "targets") {
    const parsed = targetsSchema.safeParse(form);
    if (!parsed.success) return data({ ok: false as const, error: t(parsed.error.issues[0]?.message === "mentors.validation.target" ? "mentors.validation.target" : "mentors.errors.badRequest") }, { status: 400 });
    return reply(t, async () => {
      await setTargets(user.id, studio.id, parsed.data.directionId, parsed.data.internal, parsed.data.external);
      return t("mentors.preferences.targetsSaved");
    });
  }
  const parsed = preferenceActionSchema.safeParse(form);
  if (!parsed.success) {
    const missingMentor = parsed.error.issues.some((i) => i.message === "mentors.validation.mentorRequired");
    return missingMentor ? data({ ok: false as const, error: t("mentors.validation.mentorRequired") }, { status: 400 }) : badRequest(t);
  }
  const input = parsed.data;
  return reply(t, async () => {
    if (input.intent === "add") {
      await addPreference(user.id, studio.id, input.mentorId);
      return t("mentors.preferences.added");
    }
    if (input.intent === "remove") {
      await removePreference(user.id, studio.id, input.preferenceId);
      return t("mentors.preferences.removed");
    }
    await movePreference(user.id, studio.id, input.preferenceId, input.intent === "up" ? -1 : 1);
    return t("mentors.preferences.moved");
  });
}

export default function MentorPreferences() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const adding = useSubmitting({ intent: "add" });
  const experts = page.options.filter((o) => o.expert);
  const others = page.options.filter((o) => !o.expert);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("mentors.preferences.title", { studio: page.studio.name })}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("mentors.preferences.intro")}</p>
        <p className="mt-1 text-sm text-slate-600">
          {page.lastRunAt ? t("mentors.preferences.lastRun", { date: formatDateTime(page.lastRunAt, i18n.language) }) : t("mentors.preferences.noRunYet")}
        </p>
      </div>
      <ActionNotice result={result} />

      <section aria-labelledby="preferences-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="preferences-title" className="text-base font-semibold">
          {t("mentors.preferences.listTitle")}
        </h2>
        {page.preferences.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">{t("mentors.preferences.empty")}</p>
        ) : (
          <ol className="mt-3 divide-y divide-slate-100">
            {page.preferences.map((p, index) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="w-16 text-xs text-slate-500">{t("mentors.preferences.rank", { rank: p.rank })}</span>
                  <Link to={`/mentors/${p.mentorId}`} className="font-medium text-slate-900 hover:text-brand-700">
                    {p.name}
                  </Link>
                  <KindBadge kind={p.kind} />
                  <span className="text-xs text-slate-500">{p.organisation}</span>
                  {!p.expert ? <span className="text-xs text-amber-700">{t("mentors.preferences.notExpert")}</span> : null}
                  {!p.available ? <span className="text-xs text-slate-500">{t("mentors.preferences.unavailable")}</span> : null}
                </div>
                <div className="flex gap-1.5">
                  {index > 0 ? <ActionButton label={t("mentors.preferences.up")} ariaLabel={t("mentors.preferences.upLabel", { name: p.name })} fields={{ intent: "up", preferenceId: p.id }} /> : null}
                  {index < page.preferences.length - 1 ? (
                    <ActionButton label={t("mentors.preferences.down")} ariaLabel={t("mentors.preferences.downLabel", { name: p.name })} fields={{ intent: "down", preferenceId: p.id }} />
                  ) : null}
                  <ActionButton tone="smallDanger" label={t("mentors.preferences.remove")} ariaLabel={t("mentors.preferences.removeLabel", { name: p.name })} fields={{ intent: "remove", preferenceId: p.id }} />
                </div>
              </li>
            ))}
          </ol>
        )}
        {page.full ? (
          <p className="mt-3 text-sm text-slate-600">{t("mentors.preferences.full", { max: MAX_PREFERENCES })}</p>
        ) : (
          <Form method="post" preventScrollReset className="mt-4 flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="add" />
            <label className="block text-sm">
              <span className="text-slate-700">{t("mentors.preferences.addLabel")}</span>
              <select name="mentorId" required defaultValue="" className={`${fieldClass} min-w-72`}>
                <option value="" disabled>
                  {t("mentors.preferences.choose")}
                </option>
                {[
                  [t("mentors.preferences.expertGroup"), experts],
                  [t("mentors.preferences.otherGroup"), others],
                ].map(([label, options]) =>
                  (options as typeof experts).length ? (
                    <optgroup key={label as string} label={label as string}>
                      {(options as typeof experts).map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}（{t(`mentorKind.${o.kind}`)}{o.organisation ? ` · ${o.organisation}` : ""}）
                        </option>
                      ))}
                    </optgroup>
                  ) : null,
                )}
              </select>
            </label>
            <button type="submit" disabled={adding} className={buttonClass.primary}>
              {adding ? t("mentors.common.saving") : t("mentors.preferences.add")}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="targets-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="targets-title" className="text-base font-semibold">
          {t("mentors.preferences.targets")}
        </h2>
        <p className="mt-1 text-xs text-slate-500">{t("mentors.preferences.targetsHint")}</p>
        {page.directions.length === 0 ? (
          <div className="mt-3">
            <EmptyState>{t("mentors.studioMentors.empty")}</EmptyState>
          </div>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {page.directions.map((d) => (
              <li key={d.id} className="py-3">
                <Form method="post" preventScrollReset className="flex flex-wrap items-end gap-4" aria-label={d.name}>
                  <input type="hidden" name="intent" value="targets" />
                  <input type="hidden" name="directionId" value={d.id} />
                  <p className="w-56 text-sm font-medium">{d.name}</p>
                  <label className="block text-sm">
                    <span className="text-slate-600">{t("mentors.candidates.internal")}</span>
                    <input type="number" name="internal" min={1} max={3} defaultValue={d.internal} required className={`${fieldClass} w-24`} aria-label={`${d.name} · ${t("mentors.candidates.internal")}`} />
                  </label>
                  <label className="block text-sm">
                    <span className="text-slate-600">{t("mentors.candidates.external")}</span>
                    <input type="number" name="external" min={1} max={3} defaultValue={d.external} required className={`${fieldClass} w-24`} aria-label={`${d.name} · ${t("mentors.candidates.external")}`} />
                  </label>
                  <button type="submit" className={buttonClass.secondary}>
                    {t("mentors.common.save")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <StudioMentors directions={page.current} />
    </div>
  );
}

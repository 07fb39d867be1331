import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { prisma } from "~/db/client.server.ts";
import type { MentorKind } from "~/generated/prisma/enums.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { translatedReply } from "~/lib/forms.server.ts";
import { addByHand, excludePair, getCandidates, unexclude } from "~/mentors/matching.server.ts";
import { setTargets } from "~/mentors/preferences.server.ts";
import { badRequest, pageParam, reply, type ActionReply } from "~/mentors/route-helpers.server.ts";
import { candidateActionSchema, targetsSchema } from "~/mentors/schemas.ts";
import { ActionButton, ActionNotice, BreakdownDisclosure, buttonClass, ConfirmAction, fieldClass, StatusBadge, useExplain } from "~/mentors/ui.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { authorize } from "~/policy/index.ts";

export const meta: MetaFunction = () => [{ title: "候选导师 · 导师匹配 · 辅导员工作室协同平台" }];

const kindOf = (url: URL): MentorKind => (url.searchParams.get("kind") === "EXTERNAL" ? "EXTERNAL" : "INTERNAL");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "matching:administer", null);
  const url = new URL(request.url);
  const show = url.searchParams.get("show") === "all" ? "all" : "eligible";
  const view = await getCandidates(params.directionId ?? "", kindOf(url), { page: pageParam(url), show });
  if (!view) throw new Response("Not Found", { status: 404 });
  const direction = await prisma.direction.findUniqueOrThrow({ where: { id: view.direction.id }, select: { internalMentorTarget: true, externalMentorTarget: true } });
  return data({ view, show, targets: { internal: direction.internalMentorTarget, external: direction.externalMentorTarget } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  authorize(user, "matching:administer", null);
  const t = await getFixedT(request);
  const direction = await prisma.direction.findUnique({ where: { id: params.directionId ?? "" }, select: { id: true, studioId: true } });
  if (!direction) throw new Response("Not Found", { status: 404 });
  const formData = await request.formData();
  if (formData.get("intent") === "targets") {
    const submission = parseWithZod(formData, { schema: targetsSchema });
    if (submission.status !== "success" || submission.value.directionId !== direction.id) {
      return data({ targets: translatedReply(submission, t), notice: null }, { status: 400 });
    }
    const { internal, external } = submission.value;
    const notice = await reply(t, async () => {
      await setTargets(user.id, direction.studioId, direction.id, internal, external);
      return t("mentors.candidates.targetsSaved");
    });
    return data({ targets: translatedReply(submission, t), notice: notice.data }, { status: notice.init?.status ?? 200 });
  }
  const parsed = candidateActionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const refused = badRequest(t);
    return data({ targets: null, notice: refused.data }, { status: 400 });
  }
  const input = parsed.data;
  const mentorName = async (mentorId: string) => (await prisma.mentor.findUnique({ where: { id: mentorId }, select: { user: { select: { name: true } } } }))?.user.name ?? "";
  const result =
    input.intent === "add"
      ? await reply(t, async () => {
          await addByHand(user.id, direction.id, input.mentorId);
          return t("mentors.candidates.added", { mentor: await mentorName(input.mentorId) });
        })
      : input.intent === "exclude"
        ? await reply(t, async () => {
            await excludePair(user.id, { directionId: direction.id, mentorId: input.mentorId });
            return t("mentors.candidates.excluded", { mentor: await mentorName(input.mentorId) });
          })
        : await reply(t, async () => {
            await unexclude(user.id, input.assignmentId);
            return t("mentors.candidates.unexcluded");
          });
  return data({ targets: null, notice: result.data as ActionReply }, { status: result.init?.status ?? 200 });
}

export default function Candidates() {
  const { view, show, targets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const explain = useExplain();
  const kindWord = t(`mentorKindModifier.${view.kind}`);
  const otherKind = view.kind === "INTERNAL" ? "EXTERNAL" : "INTERNAL";
  const room = view.held < view.target;
  const [form, fields] = useForm({
    id: "targets",
    lastResult: actionData?.targets ?? undefined,
    defaultValue: { directionId: view.direction.id, internal: String(targets.internal), external: String(targets.external) },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: targetsSchema }),
  });
  return (
    <div className="space-y-6">
      <div>
        <Link to="/admin/matching" className="text-sm text-brand-700 hover:underline">
          ← {t("mentors.candidates.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-bold tracking-tight">{t("mentors.candidates.title", { direction: view.direction.name, kind: kindWord })}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("mentors.candidates.studio", { studio: view.direction.studio.name, duty: t(`duty.${view.direction.studio.duty}`) })}</p>
        {view.direction.keywords.length ? <p className="text-sm text-slate-600">{t("mentors.candidates.keywords", { keywords: view.direction.keywords.join("、") })}</p> : null}
        <p className={`mt-1 text-sm font-medium ${room ? "text-red-700" : "text-emerald-700"}`}>{t("mentors.candidates.held", { held: view.held, target: view.target, kind: kindWord })}</p>
        {view.holders.length ? (
          <ul className="mt-1 flex flex-wrap gap-2 text-sm">
            {view.holders.map((h) => (
              <li key={h.mentorId} className="flex items-center gap-1">
                <Link to={`/mentors/${h.mentorId}`} className="text-slate-900 hover:text-brand-700">
                  {h.name}
                </Link>
                <StatusBadge status={h.status} />
              </li>
            ))}
          </ul>
        ) : null}
        <Link to={`?kind=${otherKind}`} className="mt-1 inline-block text-sm text-brand-700 hover:underline">
          {t("mentors.candidates.otherKind", { kind: t(`mentorKindModifier.${otherKind}`) })}
        </Link>
      </div>

      <ActionNotice result={actionData?.notice} />

      <section aria-labelledby="targets-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="targets-title" className="text-base font-semibold">
          {t("mentors.candidates.targetsTitle")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-3 flex flex-wrap items-end gap-4">
          <input type="hidden" name="intent" value="targets" />
          <input {...getInputProps(fields.directionId, { type: "hidden" })} />
          {(["internal", "external"] as const).map((key) => (
            <div key={key}>
              <label htmlFor={fields[key].id} className="block text-sm text-slate-700">
                {t(`mentors.candidates.${key}`)}
              </label>
              <input {...getInputProps(fields[key], { type: "number" })} min={1} max={3} className={`${fieldClass} w-24`} />
              {fields[key].errors ? <p className="mt-1 text-sm text-red-600">{fields[key].errors.join(" ")}</p> : null}
            </div>
          ))}
          <button type="submit" className={buttonClass.secondary}>
            {t("mentors.candidates.targetsSave")}
          </button>
        </Form>
      </section>

      {!room ? <p className="text-sm text-slate-600">{t("mentors.candidates.slotFull", { kind: kindWord, target: view.target })}</p> : null}

      <Form method="get" className="flex flex-wrap items-end gap-3 text-sm">
        <input type="hidden" name="kind" value={view.kind} />
        <label className="block">
          <span className="text-slate-600">{t("mentors.candidates.show")}</span>
          <select name="show" defaultValue={show} className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5">
            <option value="eligible">{t("mentors.candidates.showEligible")}</option>
            <option value="all">{t("mentors.candidates.showAll", { kind: kindWord })}</option>
          </select>
        </label>
        <button type="submit" className={buttonClass.secondary}>
          {t("mentors.candidates.apply")}
        </button>
      </Form>

      {view.candidates.length === 0 ? (
        <EmptyState>{t("mentors.candidates.empty", { kind: kindWord })}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full min-w-[48rem] text-left text-sm">
            <caption className="sr-only">{t("mentors.candidates.caption")}</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">{t("mentors.candidates.mentor")}</th>
                <th scope="col" className="px-4 py-2 font-medium">{t("mentors.candidates.fit")}</th>
                <th scope="col" className="px-4 py-2 font-medium">{t("mentors.candidates.state")}</th>
                <th scope="col" className="px-4 py-2 font-medium">{t("mentors.candidates.actions")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {view.candidates.map((c) => (
                <tr key={c.mentorId}>
                  <th scope="row" className="px-4 py-3 font-normal">
                    <Link to={`/mentors/${c.mentorId}`} className="font-medium text-slate-900 hover:text-brand-700">
                      {c.name}
                    </Link>
                    <p className="text-xs text-slate-500">{[c.organisation, c.title].filter(Boolean).join(" · ")}</p>
                  </th>
                  <td className="px-4 py-3">
                    <BreakdownDisclosure breakdown={c.breakdown} label={t("mentors.matching.breakdownOf", { mentor: c.name })} />
                  </td>
                  <td className="space-y-1 px-4 py-3 text-xs">
                    {c.status ? <StatusBadge status={c.status} /> : null}
                    <p className="text-slate-600">{t("mentors.common.loadValue", { load: c.load, capacity: c.capacity })}</p>
                    {c.obstacle ? <p className="text-red-700">{explain(c.obstacle)}</p> : null}
                    {c.warning ? <p className="text-amber-700">{explain(c.warning)}</p> : null}
                  </td>
                  <td className="px-4 py-3">
                    <div className="flex flex-wrap gap-1.5">
                      {!c.obstacle && room ? (
                        <ActionButton label={t("mentors.candidates.add")} ariaLabel={`${t("mentors.candidates.add")} ${c.name}`} busyLabel={t("mentors.candidates.adding")} fields={{ intent: "add", mentorId: c.mentorId }} />
                      ) : null}
                      {c.status === "EXCLUDED" && c.assignmentId ? (
                        <ActionButton label={t("mentors.candidates.unexclude")} ariaLabel={`${t("mentors.candidates.unexclude")} ${c.name}`} fields={{ intent: "unexclude", assignmentId: c.assignmentId }} />
                      ) : null}
                      {c.status === null || c.status === "PROPOSED" ? (
                        <ConfirmAction
                          label={t("mentors.candidates.exclude")}
                          ariaLabel={`${t("mentors.candidates.exclude")} ${c.name}`}
                          question={t("mentors.matching.excludeConfirm", { mentor: c.name, direction: view.direction.name })}
                          confirmLabel={t("mentors.matching.excludeConfirmButton")}
                          fields={{ intent: "exclude", mentorId: c.mentorId }}
                        />
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={view.page} pages={view.pages} />
    </div>
  );
}

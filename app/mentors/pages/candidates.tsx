import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, buttonClass, SubmitButton } from "~/components/kit/buttons.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { TextField } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import type { loader } from "~/routes/admin_.matching.directions.$directionId.tsx";
import type { action } from "../candidates.actions.server.ts";
import { targetsSchema } from "../schemas.ts";
import { BreakdownDisclosure, StatusBadge, useExplain } from "../ui.tsx";

/** One slot's candidates with their scores and obstacles, the direction's targets, and the buttons 学工部 decides with. */
export function CandidatesPage() {
  const { view, show, targets } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const explain = useExplain();
  const kindWord = t(`mentorKindModifier.${view.kind}`);
  const otherKind = view.kind === "INTERNAL" ? "EXTERNAL" : "INTERNAL";
  const room = view.held < view.target;
  const [form, fields] = useForm({
    id: "targets",
    lastResult: replyFor(reply, "targets")?.form,
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

      <ActionFeedback reply={reply} intent={["add", "exclude", "unexclude"]} />

      <section aria-labelledby="targets-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="targets-title" className="text-base font-semibold">
          {t("mentors.candidates.targetsTitle")}
        </h2>
        <div className="mt-3">
          <ActionFeedback reply={reply} intent="targets" />
        </div>
        <Form method="post" {...getFormProps(form)} className="mt-3 flex flex-wrap items-start gap-4">
          <input type="hidden" name="intent" value="targets" />
          <input {...getInputProps(fields.directionId, { type: "hidden" })} />
          {(["internal", "external"] as const).map((key) => (
            <TextField key={key} field={fields[key]} type="number" label={t(`mentors.candidates.${key}`)} min={1} max={3} className="w-32" />
          ))}
          <SubmitButton intent="targets" tone="secondary" pendingLabel={t("mentors.common.saving")} className="sm:mt-6">
            {t("mentors.candidates.targetsSave")}
          </SubmitButton>
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
        <button type="submit" className={buttonClass("secondary")}>
          {t("mentors.candidates.apply")}
        </button>
      </Form>

      {view.candidates.length === 0 ? (
        <EmptyState>{t("mentors.candidates.empty", { kind: kindWord })}</EmptyState>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white px-4 py-2 shadow-sm max-sm:border-0 max-sm:bg-transparent max-sm:p-0 max-sm:shadow-none">
          <DataTable
            caption={t("mentors.candidates.caption")}
            rows={view.candidates}
            rowKey={(c) => c.mentorId}
            columns={[
              {
                key: "mentor",
                header: t("mentors.candidates.mentor"),
                primary: true,
                cell: (c) => (
                  <>
                    <Link to={`/mentors/${c.mentorId}`} className="font-medium text-slate-900 hover:text-brand-700">
                      {c.name}
                    </Link>
                    <p className="text-xs font-normal text-slate-500">{[c.organisation, c.title].filter(Boolean).join(" · ")}</p>
                  </>
                ),
              },
              {
                key: "fit",
                header: t("mentors.candidates.fit"),
                cell: (c) => <BreakdownDisclosure breakdown={c.breakdown} label={t("mentors.matching.breakdownOf", { mentor: c.name })} />,
              },
              {
                key: "state",
                header: t("mentors.candidates.state"),
                className: "space-y-1 text-xs",
                cell: (c) => (
                  <>
                    {c.status ? <StatusBadge status={c.status} /> : null}
                    <p className="text-slate-600">{t("mentors.common.loadValue", { load: c.load, capacity: c.capacity })}</p>
                    {c.obstacle ? <p className="text-red-700">{explain(c.obstacle)}</p> : null}
                    {c.warning ? <p className="text-amber-700">{explain(c.warning)}</p> : null}
                  </>
                ),
              },
              {
                key: "actions",
                header: t("mentors.candidates.actions"),
                cell: (c) => (
                  <div className="flex flex-wrap gap-1.5">
                                        {!c.obstacle && room ? (
                                          <ActionButton intent="add" fields={{ mentorId: c.mentorId }} label={`${t("mentors.candidates.add")} ${c.name}`} pendingLabel={t("mentors.candidates.adding")}>
                                            {t("mentors.candidates.add")}
                                          </ActionButton>
                                        ) : null}
                                        {c.status === "EXCLUDED" && c.assignmentId ? (
                                          <ActionButton intent="unexclude" fields={{ assignmentId: c.assignmentId }} label={`${t("mentors.candidates.unexclude")} ${c.name}`} pendingLabel={t("mentors.common.saving")}>
                                            {t("mentors.candidates.unexclude")}
                                          </ActionButton>
                                        ) : null}
                                        {c.status === null || c.status === "PROPOSED" ? (
                                          <ConfirmButton
                                            intent="exclude"
                                            fields={{ mentorId: c.mentorId }}
                                            label={t("mentors.candidates.exclude")}
                                            ariaLabel={`${t("mentors.candidates.exclude")} ${c.name}`}
                                            question={t("mentors.matching.excludeConfirm", { mentor: c.name, direction: view.direction.name })}
                                            confirmLabel={t("mentors.matching.excludeConfirmButton")}
                                          />
                                        ) : null}
                                      </div>
                ),
              },
            ]}
          />
        </div>
      )}
      <Pagination page={view.page} pages={view.pages} />
    </div>
  );
}

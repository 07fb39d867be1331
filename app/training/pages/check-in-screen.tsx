import { Form, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/training.sessions.$sessionId.check-in.tsx";
import type { checkInScreenAction } from "../check-in.actions.server.ts";

/** The organiser's check-in screen: meant for a projector, and usable on a phone. */
export default function CheckInScreen() {
  const { session, display, checkedIn, enrolled, roster, page, pages } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof checkInScreenAction>();
  const { t, i18n } = useTranslation();
  const revalidator = useRevalidator();

  // A new code every step; the count and roster refresh with it. Closed: refresh the count now and then.
  const waitMs = display ? display.msUntilChange + 150 : 15_000;
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (document.visibilityState === "visible") revalidator.revalidate();
    }, waitMs);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [display?.code, display?.url, waitMs, checkedIn]);

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("training.checkin.screenTitle")}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {session.course.title} · {formatDateTime(session.startsAt, i18n.language)}
          {session.place ? ` · ${session.place}` : ""} · {t("training.checkin.hours", { hours: session.hours })}
        </p>
      </div>

      <ActionFeedback reply={reply} intent={["open", "close", "mark"]} />

      <section aria-labelledby="checkin-live" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="checkin-live" className="text-lg font-semibold">
            {session.open ? t("training.checkin.isOpen") : t("training.checkin.isClosed")}
          </h2>
          <p className="text-sm" aria-live="polite">
            <span className="text-2xl font-bold tabular-nums" data-testid="checked-in-count">
              {checkedIn}
            </span>{" "}
            / {enrolled} {t("training.checkin.countLabel")}
          </p>
          {session.open ? (
            <ActionButton intent="close" pendingLabel={t("training.checkin.closing")} tone="secondary" size="md">
              {t("training.checkin.close")}
            </ActionButton>
          ) : session.course.status === "PUBLISHED" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="open" />
              <SubmitButton intent="open" pendingLabel={t("training.checkin.opening")}>
                {t("training.checkin.open")}
              </SubmitButton>
            </Form>
          ) : (
            <Badge tone="amber">{t("training.errors.notPublished")}</Badge>
          )}
        </div>

        {display ? (
          <div className="mt-6 grid items-center gap-6 sm:grid-cols-2">
            <div className="text-center">
              <p className="text-sm text-slate-600">{t("training.checkin.codeLabel")}</p>
              <p className="mt-2 font-mono text-6xl font-bold tracking-[0.2em] tabular-nums sm:text-7xl" aria-label={t("training.checkin.codeAria", { code: display.code.split("").join(" ") })} data-testid="check-in-code">
                {display.code}
              </p>
              <p className="mt-3 text-sm text-slate-600">{t("training.checkin.rotates", { seconds: display.stepSeconds })}</p>
              <p className="mt-1 break-all text-xs text-slate-500">{t("training.checkin.typeAt")}</p>
            </div>
            <figure className="mx-auto w-full max-w-xs">
              <div className="aspect-square w-full [&>svg]:h-full [&>svg]:w-full" role="img" aria-label={t("training.checkin.qrAlt")} dangerouslySetInnerHTML={{ __html: display.svg }} />
              <figcaption className="mt-2 text-center text-xs text-slate-500">{t("training.checkin.qrCaption")}</figcaption>
            </figure>
          </div>
        ) : (
          <p className="mt-4 text-sm text-slate-600">{t("training.checkin.closedHint")}</p>
        )}
      </section>

      <Card title={t("training.checkin.roster")}>
        <DataTable
          caption={t("training.checkin.roster")}
          rows={roster}
          rowKey={(person) => person.id}
          empty={<EmptyState>{t("training.checkin.rosterEmpty")}</EmptyState>}
          columns={[
            { key: "name", header: t("training.checkin.colName"), primary: true, cell: (p) => p.name },
            { key: "username", header: t("training.checkin.colUsername"), hideOnPhone: true, cell: (p) => <span className="font-mono text-xs">{p.username}</span> },
            { key: "college", header: t("training.checkin.colCollege"), hideOnPhone: true, cell: (p) => p.college ?? "" },
            {
              key: "status",
              header: t("training.checkin.colStatus"),
              cell: (p) =>
                p.checkedInAt ? (
                  <Badge tone="emerald">{t("training.checkin.present", { time: formatDateTime(p.checkedInAt, i18n.language) })}</Badge>
                ) : (
                  <Badge tone="slate">{t("training.checkin.absent")}</Badge>
                ),
            },
            {
              key: "actions",
              header: t("training.checkin.colActions"),
              cell: (p) =>
                p.checkedInAt || session.course.status !== "PUBLISHED" ? null : (
                  <ConfirmButton
                    intent="mark"
                    fields={{ userId: p.id, name: p.name }}
                    label={t("training.checkin.mark")}
                    ariaLabel={t("training.checkin.markLabel", { name: p.name })}
                    question={t("training.checkin.markQuestion", { name: p.name })}
                    tone="primary"
                  />
                ),
            },
          ]}
        />
        <div className="mt-3">
          <Pagination page={page} pages={pages} total={enrolled} />
        </div>
      </Card>
    </div>
  );
}

import { Form, useActionData, useLoaderData } from "@remix-run/react";
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
import { CheckInLive } from "./check-in-live.tsx";

/** The organiser's check-in screen: meant for a projector, and usable on a phone. */
export default function CheckInScreen() {
  const { session, display, checkedIn, enrolled, roster, page, pages } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof checkInScreenAction>();
  const { t, i18n } = useTranslation();

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

      <CheckInLive
        open={session.open}
        display={display}
        checkedIn={checkedIn}
        total={enrolled}
        controls={
          session.open ? (
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
          )
        }
      />

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

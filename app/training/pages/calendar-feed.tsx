import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { SubmitButton } from "~/components/kit/buttons.tsx";
import { Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { EmptyState, PageHeader } from "~/components/kit/feedback.tsx";
import { replyFor } from "~/lib/action-reply.ts";
import { formatDateTime } from "~/lib/format.ts";
import type { calendarFeedAction } from "../calendar-feed.actions.server.ts";

export interface CalendarFeedData {
  feed: { createdAt: string } | null;
}

export default function CalendarFeedPage() {
  const { feed } = useLoaderData<CalendarFeedData>();
  const reply = useActionData<typeof calendarFeedAction>();
  const { t, i18n } = useTranslation();
  const url = (replyFor(reply, "create") ?? replyFor(reply, "reset"))?.data?.url;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={t("training.calendar.title")} subtitle={t("training.calendar.intro")} />
      <ActionFeedback reply={reply} />
      {url ? (
        <Card title={t("training.calendar.newLink")}>
          <label className="block text-sm font-medium text-slate-700" htmlFor="calendar-url">
            {t("training.calendar.linkLabel")}
          </label>
          <input id="calendar-url" readOnly value={url} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs" onFocus={(event) => event.currentTarget.select()} />
        </Card>
      ) : null}
      <Card title={t("training.calendar.linkLabel")}>
        {feed ? (
          <div className="space-y-3">
            <p className="text-sm text-slate-600">{t("training.calendar.since", { time: formatDateTime(feed.createdAt, i18n.language) })}</p>
            <ConfirmButton intent="reset" label={t("training.calendar.reset")} question={t("training.calendar.resetConfirm")} size="md" />
          </div>
        ) : (
          <div className="space-y-3">
            <EmptyState>{t("training.calendar.none")}</EmptyState>
            <Form method="post">
              <input type="hidden" name="intent" value="create" />
              <SubmitButton intent="create" pendingLabel={t("training.calendar.creating")}>
                {t("training.calendar.create")}
              </SubmitButton>
            </Form>
          </div>
        )}
      </Card>
    </div>
  );
}

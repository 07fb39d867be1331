import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/training.sessions.$sessionId.check-in.tsx";
import type { checkInScreenAction } from "../check-in.actions.server.ts";
import { CheckInLive, CheckInRoster } from "./check-in-live.tsx";

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

      <CheckInRoster
        title={t("training.checkin.roster")}
        empty={t("training.checkin.rosterEmpty")}
        rows={roster}
        canMark={session.course.status === "PUBLISHED"}
        page={page}
        pages={pages}
        total={enrolled}
      />
    </div>
  );
}

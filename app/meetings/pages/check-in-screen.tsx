import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { ActionButton, SubmitButton, buttonClass } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { formatDateTime } from "~/lib/format.ts";
import type { loader } from "~/routes/meetings.$meetingId_.check-in.tsx";
import { CheckInLive, CheckInRoster } from "~/training/pages/check-in-live.tsx";
import type { meetingCheckInScreenAction } from "../check-in.actions.server.ts";

/** The organiser's check-in screen of a meeting (the training check-in's code and QR code), for a projector or a phone. */
export default function MeetingCheckInScreen() {
  const { meeting, display, checkedIn, invited, roster, page, pages, found, q, abilities } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof meetingCheckInScreenAction>();
  const { t, i18n } = useTranslation();
  const editable = abilities["meeting:edit"];

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("meetings.live.checkIn.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">
          <Content>{meeting.title}</Content> · {formatDateTime(meeting.startsAt, i18n.language)}
          {meeting.place ? (
            <>
              {" · "}
              <Content>{meeting.place}</Content>
            </>
          ) : null}
        </p>
        <Link to={`/meetings/${meeting.id}`} className="mt-2 inline-block text-sm text-brand-700 underline">
          {t("meetings.live.checkIn.back")}
        </Link>
      </div>

      <ActionFeedback reply={reply} intent={["open", "close", "mark"]} />

      <CheckInLive
        open={meeting.open}
        display={display}
        checkedIn={checkedIn}
        total={invited}
        controls={
          !editable ? (
            <Badge tone="amber">{t("meetings.live.checkIn.notEditable")}</Badge>
          ) : meeting.open ? (
            <ActionButton intent="close" pendingLabel={t("training.checkin.closing")} tone="secondary" size="md">
              {t("training.checkin.close")}
            </ActionButton>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="open" />
              <SubmitButton intent="open" pendingLabel={t("training.checkin.opening")}>
                {t("training.checkin.open")}
              </SubmitButton>
            </Form>
          )
        }
      />

      <CheckInRoster
        title={t("meetings.live.checkIn.roster")}
        empty={t("meetings.live.checkIn.rosterEmpty")}
        rows={roster}
        canMark={editable}
        page={page}
        pages={pages}
        total={found}
        search={
          <Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-2">
            <div className="min-w-0 flex-1">
              <label htmlFor="roster-search" className="block text-sm font-medium text-slate-700">
                {t("meetings.live.checkIn.search")}
              </label>
              <input id="roster-search" name="q" type="search" defaultValue={q} maxLength={40} className={inputClass} />
            </div>
            <button type="submit" className={buttonClass("secondary")}>
              {t("meetings.live.checkIn.searchButton")}
            </button>
          </Form>
        }
      />
    </div>
  );
}

import { useRevalidator } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Badge, Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { formatDateTime } from "~/lib/format.ts";

/** What a check-in screen shows while check-in is open (app/training/check-in-screen.server.ts, app/meetings/check-in-screen.server.ts). */
export interface CheckInDisplay {
  code: string;
  svg: string;
  msUntilChange: number;
  stepSeconds: number;
}

/**
 * The live part of a check-in screen, shared by a training session's and a meeting's: open or
 * closed, the live count, the rotating code and its QR code. `controls` are the page's own
 * open / close buttons. The page refreshes when the code changes (and now and then while closed).
 */
export function CheckInLive({ open, display, checkedIn, total, controls }: { open: boolean; display: CheckInDisplay | null; checkedIn: number; total: number; controls: ReactNode }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();

  // A new code every step; the count and roster refresh with it. Closed: refresh the count now and then.
  const waitMs = display ? display.msUntilChange + 150 : 15_000;
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (document.visibilityState === "visible") revalidator.revalidate();
    }, waitMs);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [display?.code, waitMs, checkedIn]);

  return (
    <section aria-labelledby="checkin-live" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="checkin-live" className="text-lg font-semibold">
          {open ? t("training.checkin.isOpen") : t("training.checkin.isClosed")}
        </h2>
        <p className="text-sm" aria-live="polite">
          <span className="text-2xl font-bold tabular-nums" data-testid="checked-in-count">
            {checkedIn}
          </span>{" "}
          / {total} {t("training.checkin.countLabel")}
        </p>
        {controls}
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
  );
}

/** One person on a check-in roster. */
export interface RosterPerson {
  id: string;
  name: string;
  username: string;
  college: string | null;
  checkedInAt: string | Date | null;
}

/**
 * The roster of a check-in screen, shared by a training session's and a meeting's: who is there and
 * when, a page at a time, and marking someone present by hand (asked first) while `canMark`.
 * `search` is the page's own search form above the table, if it has one.
 */
export function CheckInRoster(props: { title: string; empty: string; rows: RosterPerson[]; canMark: boolean; page: number; pages: number; total: number; search?: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={props.title}>
      {props.search}
      <DataTable
        caption={props.title}
        rows={props.rows}
        rowKey={(person) => person.id}
        empty={<EmptyState>{props.empty}</EmptyState>}
        columns={[
          { key: "name", header: t("training.checkin.colName"), primary: true, cell: (p) => <Content>{p.name}</Content> },
          { key: "username", header: t("training.checkin.colUsername"), hideOnPhone: true, cell: (p) => <span className="font-mono text-xs">{p.username}</span> },
          { key: "college", header: t("training.checkin.colCollege"), hideOnPhone: true, cell: (p) => <Content>{p.college ?? ""}</Content> },
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
              p.checkedInAt || !props.canMark ? null : (
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
        <Pagination page={props.page} pages={props.pages} total={props.total} />
      </div>
    </Card>
  );
}

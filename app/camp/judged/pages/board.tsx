import { Form, Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Badge, Card } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { useRealtime } from "~/realtime/realtime-context.tsx";
import type { loader } from "~/routes/camp.$campId_.rounds.$roundId_.board.tsx";
import { BOARD_CHANGED, BOARD_WATCH } from "../board-events.ts";
import { roundKindKey } from "../labels.ts";
import { Flags } from "./scores.tsx";

/**
 * The organisers' live board: per contestant, each judge's sheet in (with its total) or missing.
 * It joins the round's room on the app's socket (the server admits organisers only) and reloads
 * its data whenever a sheet is submitted; joining again after a reconnect. A round of hundreds is
 * shown a page at a time, filtered by panel or to those missing a sheet or flagged (a GET form, so
 * the filter is in the address and a live reload keeps it).
 */
export default function JudgedBoardPage() {
  const board = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { socket, connected } = useRealtime();
  const revalidator = useRevalidator();

  useEffect(() => {
    if (!socket) return;
    const watch = () => socket.emit(BOARD_WATCH, { campId: board.camp.id, roundId: board.round.id }, () => {});
    const changed = (event: { roundId?: string }) => {
      if (event?.roundId === board.round.id) revalidator.revalidate();
    };
    socket.on("connect", watch);
    socket.on(BOARD_CHANGED, changed);
    if (socket.connected) watch();
    return () => {
      socket.off("connect", watch);
      socket.off(BOARD_CHANGED, changed);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, board.camp.id, board.round.id]);

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">
          {t("camp.judged.board.title")} · {t("camp.judged.round.title", { round: t(roundKindKey(board.round.kind)), camp: board.camp.title })}
        </h1>
        <Link to={`/camp/${board.camp.id}/rounds/${board.round.id}`} className="mt-2 inline-block text-sm text-brand-700 underline">
          {t("camp.judged.board.back")}
        </Link>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone={connected ? "emerald" : "amber"}>{connected ? t("camp.judged.board.live") : t("camp.judged.board.offline")}</Badge>
        <p className="text-sm" aria-live="polite" data-testid="board-counts">
          {t("camp.judged.board.counts", board.counts)}
        </p>
      </div>
      <Form method="get" role="search" aria-label={t("camp.judged.board.filters")} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-end">
        {board.panels.length > 0 ? (
          <div className="sm:w-48">
            <label htmlFor="board-panel" className="block text-sm font-medium text-slate-700">
              {t("camp.judged.board.panel")}
            </label>
            <select id="board-panel" name="panel" defaultValue={board.query.panel} className={inputClass}>
              <option value="">{t("camp.judged.board.allPanels")}</option>
              {board.panels.map((panel) => (
                <option key={panel} value={panel}>
                  {panel}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="sm:w-72">
          <label htmlFor="board-show" className="block text-sm font-medium text-slate-700">
            {t("camp.judged.board.show")}
          </label>
          <select id="board-show" name="show" defaultValue={board.query.show} className={inputClass}>
            <option value="all">{t("camp.judged.board.showAll")}</option>
            <option value="missing">{t("camp.judged.board.showMissing")}</option>
            <option value="flagged">{t("camp.judged.board.showFlagged")}</option>
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("camp.judged.board.apply")}
        </button>
      </Form>
      <p className="text-sm text-slate-600" data-testid="board-matching">
        {t("camp.judged.board.matching", { matching: board.matching, contestants: board.contestants })}
      </p>
      <Card title={t("camp.judged.board.colSheets")}>
        <DataTable
          caption={t("camp.judged.board.title")}
          rows={board.counts.sheets === 0 ? [] : board.rows}
          rowKey={(row) => row.entryId}
          empty={<EmptyState>{board.counts.sheets === 0 ? t("camp.judged.board.empty") : t("camp.judged.board.noMatch")}</EmptyState>}
          columns={[
            { key: "name", header: t("camp.judged.board.colContestant"), primary: true, cell: (r) => <Content>{r.name}</Content> },
            {
              key: "sheets",
              header: t("camp.judged.board.colSheets"),
              cell: (r) => (
                <ul className="flex flex-wrap gap-1">
                  {r.sheets.map((s) => (
                    <li key={s.id}>
                      {s.submittedAt ? (
                        <Badge tone="emerald">{t("camp.judged.board.sheetIn", { judge: s.judge, total: s.total ?? 0 })}</Badge>
                      ) : (
                        <Badge tone="slate">{t("camp.judged.board.sheetMissing", { judge: s.judge })}</Badge>
                      )}
                    </li>
                  ))}
                </ul>
              ),
            },
            {
              key: "score",
              header: t("camp.judged.board.colScore"),
              cell: (r) => (
                <span>
                  {r.score ?? t("camp.judged.round.noScore")}
                  <Flags flags={r.flags} spread={r.spread} />
                </span>
              ),
            },
          ]}
        />
        <div className="mt-3">
          <Pagination page={board.page} pages={board.pages} total={board.matching} />
        </div>
      </Card>
    </div>
  );
}

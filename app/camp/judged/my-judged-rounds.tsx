import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionFeedback } from "~/components/kit/action-feedback.tsx";
import { Card } from "~/components/kit/card.tsx";
import { ConfirmButton } from "~/components/kit/confirm.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import type { CampRoundKind } from "~/generated/prisma/enums.ts";
import { formatDateTime } from "~/lib/format.ts";
import { roundKindKey } from "./labels.ts";
import type { campAction } from "../setup/camp.actions.server.ts";

/** One of the viewer's entries, as myJudgedRounds (pages.server.ts) returns it, after serialisation. */
export interface MyJudgedEntry {
  entryId: string;
  roundId: string;
  kind: CampRoundKind;
  sequence: number | null;
  panel: string | null;
  drawnAt: string | Date | null;
  topic: { title: string; body: string } | null;
  canDraw: boolean;
}

/**
 * The contestant's part of the camp page (/camp/:campId): their 案例研讨 and 谈心谈话, their order
 * and panel, and the topic they drew, or a button to draw it (once, asked first). The draw posts
 * to the camp page's own action, so that without JavaScript the question, the refusal or the drawn
 * topic come back on this page (a fetcher with it). Renders nothing when the viewer has no entry.
 */
export function MyJudgedRounds({ campId, entries }: { campId: string; entries: readonly MyJudgedEntry[] }) {
  const { t, i18n } = useTranslation();
  if (entries.length === 0) return null;
  return (
    <Card title={t("camp.judged.mine.title")}>
      <ul className="space-y-4">
        {entries.map((entry) => {
          const round = t(roundKindKey(entry.kind));
          return (
            <li key={entry.entryId} className="rounded-md border border-slate-200 p-3">
              <h3 className="font-medium">{round}</h3>
              <p className="text-sm text-slate-600">
                {[entry.sequence ? t("camp.judged.mine.sequence", { sequence: entry.sequence }) : null, entry.panel ? t("camp.judged.mine.panel", { panel: entry.panel }) : null]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              {entry.topic ? (
                <div className="mt-2">
                  <p className="font-medium" data-testid="my-topic">
                    {t("camp.judged.mine.topic", { title: entry.topic.title })}
                  </p>
                  {entry.topic.body ? <p className="mt-1 whitespace-pre-line text-sm text-slate-700"><Content>{entry.topic.body}</Content></p> : null}
                  {entry.drawnAt ? <p className="mt-1 text-xs text-slate-500">{t("camp.judged.mine.drawnAt", { time: formatDateTime(entry.drawnAt, i18n.language) })}</p> : null}
                </div>
              ) : (
                <div className="mt-2 flex flex-wrap items-center gap-3">
                  <p className="text-sm text-slate-600">{t("camp.judged.mine.notDrawn")}</p>
                  {entry.canDraw ? <DrawReply entryId={entry.entryId} /> : null}
                  {entry.canDraw ? (
                    <ConfirmButton
                      intent="draw"
                      fields={{ entryId: entry.entryId, name: "" }}
                      action={`/camp/${campId}`}
                      fetcherKey={drawKey(entry.entryId)}
                      label={t("camp.judged.mine.draw")}
                      ariaLabel={t("camp.judged.mine.drawLabel", { round })}
                      question={t("camp.judged.mine.drawQuestion", { round })}
                      tone="primary"
                    />
                  ) : null}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

const drawKey = (entryId: string) => `camp-draw:${entryId}`;

/** The camp page's answer to a draw posted from here (a refusal, in the person's language); the camp page reloads on success. */
function DrawReply({ entryId }: { entryId: string }) {
  const fetcher = useFetcher<typeof campAction>({ key: drawKey(entryId) });
  return fetcher.data?.status === "error" ? <ActionFeedback reply={fetcher.data} intent="draw" /> : null;
}

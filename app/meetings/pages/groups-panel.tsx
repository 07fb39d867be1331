import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionButton, SubmitButton } from "~/components/kit/buttons.tsx";
import { Badge, Card } from "~/components/kit/card.tsx";
import { Content } from "~/components/kit/content-lang.tsx";
import { DataTable } from "~/components/kit/data-table.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { inputClass } from "~/components/kit/fields.tsx";

export interface GroupsPanelData {
  meetingId: string;
  groups: Array<{ id: string; name: string; reporterId: string | null; members: Array<{ id: string; name: string; college: string | null }> }>;
  participants: number;
  /** abilities["meeting:edit"]: the organiser of an open meeting. */
  canEdit: boolean;
}

/**
 * 分组研讨 on the meeting page (and on its own route, /meetings/:meetingId/groups): the groups,
 * their members and reporters; the organiser splits the participants (round-robin or by college)
 * and picks each reporter. Its forms post to the groups route, which answers with the result, so
 * the panel works wherever it is mounted (app/meetings/groups.server.ts#meetingGroups gives its data).
 */
export function GroupsPanel({ meetingId, groups, participants, canEdit }: GroupsPanelData) {
  const { t } = useTranslation();
  const action = `/meetings/${meetingId}/groups`;
  return (
    <Card title={t("meetings.live.groups.title")}>
      <p className="mb-3 text-sm text-slate-600">{t("meetings.live.groups.intro")}</p>
      {canEdit ? (
        <Form method="post" action={action} className="mb-4 flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="split" />
          <div>
            <label htmlFor="groups-count" className="block text-sm font-medium text-slate-700">
              {t("meetings.live.groups.count")}
            </label>
            <input id="groups-count" name="count" type="number" min={1} max={30} required defaultValue={Math.max(1, Math.min(groups.length || 4, participants || 1))} className={`${inputClass} w-24`} />
          </div>
          <div>
            <label htmlFor="groups-by" className="block text-sm font-medium text-slate-700">
              {t("meetings.live.groups.by")}
            </label>
            <select id="groups-by" name="by" className={inputClass} defaultValue="round-robin">
              <option value="round-robin">{t("meetings.live.groups.byRoundRobin")}</option>
              <option value="college">{t("meetings.live.groups.byCollege")}</option>
            </select>
          </div>
          <SubmitButton intent="split" pendingLabel={t("meetings.live.groups.splitting")}>
            {t("meetings.live.groups.split")}
          </SubmitButton>
        </Form>
      ) : null}
      {groups.length ? (
        <div className="grid gap-4 md:grid-cols-2">
          {groups.map((group) => (
            <section key={group.id} aria-labelledby={`group-${group.id}`} className="rounded-md border border-slate-200 p-3">
              <h3 id={`group-${group.id}`} className="mb-2 flex flex-wrap items-center gap-2 font-semibold">
                <Content>{group.name}</Content>
                <Badge tone="slate">{t("meetings.live.groups.memberCount", { count: group.members.length })}</Badge>
              </h3>
              <DataTable
                caption={t("meetings.live.groups.members")}
                rows={group.members}
                rowKey={(m) => m.id}
                empty={<EmptyState>{t("meetings.live.groups.none")}</EmptyState>}
                columns={[
                  { key: "name", header: t("meetings.live.minutes.colName"), primary: true, cell: (m) => <Content>{m.name}</Content> },
                  { key: "college", header: t("training.checkin.colCollege"), hideOnPhone: true, cell: (m) => <Content>{m.college ?? ""}</Content> },
                  {
                    key: "reporter",
                    header: t("meetings.live.groups.reporter"),
                    cell: (m) =>
                      m.id === group.reporterId ? (
                        <Badge tone="sky">{t("meetings.live.groups.reporter")}</Badge>
                      ) : canEdit ? (
                        <ActionButton
                          intent="reporter"
                          action={action}
                          fields={{ groupId: group.id, userId: m.id, name: m.name, group: group.name }}
                          pendingLabel={t("meetings.live.minutes.saving")}
                          label={t("meetings.live.groups.setReporterLabel", { name: m.name, group: group.name })}
                        >
                          {t("meetings.live.groups.setReporter")}
                        </ActionButton>
                      ) : null,
                  },
                ]}
              />
            </section>
          ))}
        </div>
      ) : (
        <EmptyState>{t("meetings.live.groups.none")}</EmptyState>
      )}
    </Card>
  );
}

import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { ActionButton } from "~/components/kit/buttons.tsx";
import { Badge } from "~/components/kit/card.tsx";
import { ContentMessage } from "~/components/kit/content-lang.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { isMessageKey, translateKey, type MessageParams } from "~/i18n/keys.ts";
import { pageTitle } from "~/i18n/page-title.ts";
import { intentAction } from "~/lib/actions.server.ts";
import { formatDateTime } from "~/lib/format.ts";
import { listNotifications, markAllRead } from "~/notifications/notify.server.ts";
import { markAllReadSchema } from "~/notifications/schemas.ts";
import { permit } from "~/policy/index.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("notifications.title")]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = Math.max(1, Number(new URL(request.url).searchParams.get("page")) || 1);
  return data({ page, ...(await listNotifications(user.id, page)) });
}

export const action = intentAction({
  intents: (intent) => ({
    markAllRead: intent({
      schema: markAllReadSchema,
      // One's own notifications only: marking them read is what opening them does.
      authorize: ({ user }) => permit(user, "notification:open", { userId: user.id }),
      run: async ({ user }) => {
        await markAllRead(user.id);
      },
    }),
  }),
});

export default function Notifications() {
  const { items, page, pages, unread } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">{t("notifications.title")}</h1>
        {unread > 0 ? (
          <ActionButton intent="markAllRead" pendingLabel={t("kit.working")}>
            {t("notifications.markAllRead")}
          </ActionButton>
        ) : null}
      </div>
      {items.length === 0 ? (
        <EmptyState>{t("notifications.empty")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {items.map((item) => {
            const type = item.type;
            // The names and titles a notice carries are people's text, marked as such in English.
            const text = isMessageKey(type) ? (
              <ContentMessage values={(item.data ?? {}) as MessageParams} render={(values) => translateKey(t, type, values)} />
            ) : (
              t("notifications.unknown")
            );
            return (
              <li key={item.id} className={`flex items-start justify-between gap-4 p-4 ${item.readAt ? "" : "bg-brand-50/40"}`}>
                <div>
                  <p className="text-sm text-slate-900">
                    {item.readAt ? null : (
                      <span className="mr-2">
                        <Badge tone="brand">{t("notifications.unread")}</Badge>
                      </span>
                    )}
                    {text}
                  </p>
                  <p className="mt-1 text-xs text-slate-500">{formatDateTime(item.createdAt, i18n.language)}</p>
                </div>
                {/* The notice's text wraps; its button keeps its width (else 查看 stood one character a line). */}
                <Form method="post" action={`/notifications/${item.id}/open`} className="shrink-0">
                  <button type="submit" className="shrink-0 rounded-md px-2 py-1 text-sm text-brand-700 hover:bg-brand-50">
                    {t("notifications.open")}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  );
}

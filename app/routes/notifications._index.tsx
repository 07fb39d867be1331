import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { Badge } from "~/components/kit/card.tsx";
import { isMessageKey, translateKey } from "~/i18n/keys.ts";
import { formatDateTime } from "~/lib/format.ts";
import { listNotifications, markAllRead } from "~/notifications/notify.server.ts";

export const meta: MetaFunction = () => [{ title: "通知 · 辅导员工作室协同平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = Math.max(1, Number(new URL(request.url).searchParams.get("page")) || 1);
  return data({ page, ...(await listNotifications(user.id, page)) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await markAllRead(user.id);
  return data({ markedAll: true });
}

export default function Notifications() {
  const { items, page, pages, unread } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">{t("notifications.title")}</h1>
        {unread > 0 ? (
          <Form method="post">
            <button
              type="submit"
              disabled={navigation.state !== "idle"}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60"
            >
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("notifications.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {items.map((item) => {
            const text = isMessageKey(item.type) ? translateKey(t, item.type, item.data as Record<string, string>) : t("notifications.unknown");
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
                <Form method="post" action={`/notifications/${item.id}/open`}>
                  <button type="submit" className="shrink-0 rounded-md px-2 py-1 text-sm text-brand-700 hover:bg-brand-50">
                    {t("notifications.open")}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="flex items-center justify-between text-sm" aria-label={t("notifications.page", { page, pages })}>
          {page > 1 ? <Link to={`?page=${page - 1}`}>{t("notifications.previous")}</Link> : <span />}
          <span className="text-slate-500">{t("notifications.page", { page, pages })}</span>
          {page < pages ? <Link to={`?page=${page + 1}`}>{t("notifications.next")}</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}

import { Link, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useRealtime } from "~/realtime/realtime-context.tsx";

/** Unread count in the header; refreshed as soon as the server says a notification arrived. */
export function NotificationBell({ unread }: { unread: number }) {
  const { t } = useTranslation();
  const { socket } = useRealtime();
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!socket) return;
    const refresh = () => revalidator.revalidate();
    socket.on("notification", refresh);
    return () => {
      socket.off("notification", refresh);
    };
  }, [socket, revalidator]);
  const label = unread > 99 ? t("notifications.bellMany") : unread > 0 ? t("notifications.bell", { count: unread }) : t("notifications.bellNone");
  return (
    <Link to="/notifications" aria-label={label} title={label} className="relative rounded-md px-2 py-1.5 text-slate-600 hover:bg-slate-100">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span data-testid="unread-count" className="absolute -right-1 -top-1 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}

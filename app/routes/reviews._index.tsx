import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server.ts";
import { reviewQueue } from "~/documents/reviews.server.ts";
import { buttonClass } from "~/components/kit/buttons.tsx";
import { EmptyState } from "~/components/kit/feedback.tsx";
import { Pagination } from "~/components/kit/pagination.tsx";
import { pageTitle } from "~/i18n/page-title.ts";
import { formatDateTime } from "~/lib/format.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => [t("documents.queue.title")]);

/** A mentor's review queue: requests waiting for them, and what they decided. Only their own. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const filter = url.searchParams.get("show") === "done" ? "done" : "pending";
  const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get("page")) || 1));
  return data({ filter, ...(await reviewQueue(user.id, filter, page)) });
}

export default function Reviews() {
  const { filter, items, page, pages, pending } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const tab = (value: "pending" | "done", label: string) => (
    <Link
      to={value === "pending" ? "?" : "?show=done"}
      aria-current={filter === value ? "page" : undefined}
      className={`-mb-px border-b-2 px-3 py-2 text-sm ${filter === value ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
    >
      {label}
    </Link>
  );
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold">{t("documents.queue.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("documents.queue.intro")}</p>
      </div>
      <nav aria-label={t("documents.queue.title")} className="flex gap-1 border-b border-slate-200">
        {tab("pending", t("documents.queue.pending", { count: pending }))}
        {tab("done", t("documents.queue.done"))}
      </nav>
      {items.length === 0 ? (
        <EmptyState>{filter === "pending" ? t("documents.queue.empty") : t("documents.queue.emptyDone")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {items.map((review) => (
            <li key={review.id} className="flex flex-wrap items-center justify-between gap-4 p-4">
              <div className="space-y-1">
                <p className="font-medium text-slate-900">{review.document.title}</p>
                <p className="text-sm text-slate-600">
                  {t(`documentType.${review.document.type}`)} · {review.document.studio?.name ?? ""}
                  {review.document.direction ? ` · ${review.document.direction.name}` : ""} · {t("documents.list.words", { count: review.document.wordCount })}
                </p>
                <p className="text-xs text-slate-500">
                  {t("documents.queue.requestedBy", { name: review.requestedBy.name, date: formatDateTime(review.createdAt, i18n.language) })}
                  {review.decidedAt ? ` · ${t("documents.queue.decidedAt", { date: formatDateTime(review.decidedAt, i18n.language) })} · ${t(`reviewStatus.${review.status}`)}` : ""}
                </p>
              </div>
              <Link to={`/documents/${review.document.id}?panel=review`} className={buttonClass("primary", "sm")}>
                {t("documents.queue.open")}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  );
}

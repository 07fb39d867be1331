import { getFormProps, getTextareaProps } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/format.ts";
import type { SelectionInfo } from "../editor/editor-slot.ts";
import { commentFormSchema } from "../schemas.ts";
import { ConfirmButton } from "./confirm-button.tsx";
import { FieldErrors, inputClass, primaryButton, secondaryButton } from "./field.tsx";
import { useHydrated, usePageAnswer, usePageForm } from "./use-page-form.ts";

export interface ThreadView {
  id: string;
  body: string;
  quote: string | null;
  anchor: unknown;
  resolvedAt: string | null;
  resolvedBy: string | null;
  createdAt: string;
  author: { id: string; name: string };
  replies: Array<{ id: string; body: string; createdAt: string; author: { id: string; name: string } }>;
}

export function CommentsPanel({
  threads,
  people,
  userId,
  canComment,
  selection,
  activeThreadId,
  onActivate,
}: {
  threads: ThreadView[];
  people: Array<{ id: string; name: string }>;
  userId: string;
  canComment: boolean;
  selection: SelectionInfo | null;
  activeThreadId: string | null;
  onActivate: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const [showResolved, setShowResolved] = useState(false);
  const open = threads.filter((thread) => !thread.resolvedAt);
  const resolved = threads.filter((thread) => thread.resolvedAt);
  return (
    <div className="space-y-4">
      {canComment ? <NewComment people={people} selection={selection} /> : null}
      {threads.length === 0 ? <p className="text-sm text-slate-500">{t("documents.comments.empty")}</p> : null}
      <ul className="space-y-3" aria-label={t("documents.page.comments", { count: open.length })}>
        {open.map((thread) => (
          <Thread key={thread.id} thread={thread} userId={userId} canComment={canComment} active={thread.id === activeThreadId} onActivate={onActivate} />
        ))}
      </ul>
      {resolved.length ? (
        <div>
          <button type="button" aria-expanded={showResolved} onClick={() => setShowResolved((value) => !value)} className="text-sm text-brand-700 hover:underline">
            {showResolved ? t("documents.comments.hideResolved") : t("documents.comments.showResolved", { count: resolved.length })}
          </button>
          {showResolved ? (
            <ul className="mt-3 space-y-3">
              {resolved.map((thread) => (
                <Thread key={thread.id} thread={thread} userId={userId} canComment={canComment} active={false} onActivate={onActivate} />
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function NewComment({ people, selection }: { people: Array<{ id: string; name: string }>; selection: SelectionInfo | null }) {
  const { t } = useTranslation();
  const { fetcher, form, fields, busy } = usePageForm("new-comment", "comment", commentFormSchema);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState("");
  // Keep the selection from when the person started writing, even if the editor loses it.
  const [anchored, setAnchored] = useState<SelectionInfo | null>(null);
  useEffect(() => {
    if (selection) setAnchored(selection);
  }, [selection]);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setAnchored(null);
  }, [fetcher.state, fetcher.data]);
  const insertMention = () => {
    const person = people.find((p) => p.id === mention);
    if (!person || !textarea.current) return;
    const area = textarea.current;
    const token = `@${person.name} `;
    const at = area.selectionStart ?? area.value.length;
    area.value = area.value.slice(0, at) + token + area.value.slice(area.selectionEnd ?? at);
    area.focus();
    area.setSelectionRange(at + token.length, at + token.length);
    setMention("");
  };
  return (
    <fetcher.Form method="post" {...getFormProps(form)} className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3">
      <input type="hidden" name="intent" value="comment" />
      {anchored ? (
        <>
          <input type="hidden" name="anchor" value={JSON.stringify(anchored.anchor)} />
          <input type="hidden" name="quote" value={anchored.quote} />
        </>
      ) : null}
      <label htmlFor={fields.body.id} className="block text-sm font-medium text-slate-700">
        {anchored ? t("documents.comments.addOnSelection") : t("documents.comments.add")}
      </label>
      {anchored ? (
        <p className="flex items-start justify-between gap-2 rounded bg-yellow-50 px-2 py-1 text-xs text-slate-700">
          <span>{t("documents.comments.selectionHint", { quote: anchored.quote })}</span>
          <button type="button" onClick={() => setAnchored(null)} className="shrink-0 text-brand-700 hover:underline">
            {t("documents.comments.wholeDocument")}
          </button>
        </p>
      ) : null}
      <textarea
        {...getTextareaProps(fields.body)}
        ref={textarea}
        rows={3}
        aria-describedby={`${fields.body.errorId} comment-hint`}
        className={inputClass}
      />
      <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
      <p id="comment-hint" className="text-xs text-slate-500">
        {t("documents.comments.mentionHint")}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="mention-pick" className="sr-only">
          {t("documents.comments.mentionPick")}
        </label>
        <select id="mention-pick" value={mention} onChange={(event) => setMention(event.target.value)} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
          <option value="">{t("documents.comments.mentionPick")}</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={insertMention} disabled={!mention} className={secondaryButton}>
          {t("documents.comments.mention")}
        </button>
        <button type="submit" disabled={busy} className={`${primaryButton} ml-auto`}>
          {busy ? t("documents.comments.sending") : t("documents.comments.send")}
        </button>
      </div>
    </fetcher.Form>
  );
}

function Thread({
  thread,
  userId,
  canComment,
  active,
  onActivate,
}: {
  thread: ThreadView;
  userId: string;
  canComment: boolean;
  active: boolean;
  onActivate: (id: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const toggle = useFetcher({ key: `resolve-${thread.id}` });
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (active) item.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [active]);
  const deleteAnswer = usePageAnswer("delete-comment", thread.id);
  return (
    <li
      ref={item}
      data-thread={thread.id}
      aria-current={active ? "true" : undefined}
      className={`rounded-lg border bg-white p-3 text-sm ${active ? "border-amber-400 ring-2 ring-amber-200" : "border-slate-200"} ${thread.resolvedAt ? "opacity-75" : ""}`}
    >
      {thread.quote ? (
        <button type="button" onClick={() => onActivate(thread.id)} className="mb-2 block w-full border-l-4 border-yellow-300 bg-yellow-50 px-2 py-1 text-left text-xs text-slate-600">
          {t("documents.comments.quote", { quote: thread.quote })}
        </button>
      ) : (
        <p className="mb-2 text-xs text-slate-500">{t("documents.comments.wholeDocument")}</p>
      )}
      <Comment name={thread.author.name} date={formatDateTime(thread.createdAt, i18n.language)} body={thread.body} />
      {thread.replies.map((reply) => (
        <div key={reply.id} className="mt-2 border-l-2 border-slate-100 pl-3">
          <Comment name={reply.author.name} date={formatDateTime(reply.createdAt, i18n.language)} body={reply.body} />
          {reply.author.id === userId ? (
            <div className="mt-1">
              <ConfirmButton intent="delete-comment" fields={{ commentId: reply.id }} label={t("documents.comments.delete")} question={t("documents.comments.deleteConfirm")} tone="neutral" serverQuestion={confirmFor(deleteAnswer, reply.id)} />
            </div>
          ) : null}
        </div>
      ))}
      {thread.resolvedAt ? <p className="mt-2 text-xs text-emerald-700">{t("documents.comments.resolved", { name: thread.resolvedBy ?? "" })}</p> : null}
      {canComment ? (
        <div className="mt-3 space-y-2">
          {!thread.resolvedAt ? <Reply threadId={thread.id} /> : null}
          <div className="flex flex-wrap gap-2">
            <toggle.Form method="post">
              <input type="hidden" name="intent" value={thread.resolvedAt ? "reopen-thread" : "resolve"} />
              <input type="hidden" name="commentId" value={thread.id} />
              <button type="submit" disabled={toggle.state !== "idle"} className={secondaryButton}>
                {thread.resolvedAt ? t("documents.comments.reopen") : t("documents.comments.resolve")}
              </button>
            </toggle.Form>
            {thread.author.id === userId ? (
              <ConfirmButton intent="delete-comment" fields={{ commentId: thread.id }} label={t("documents.comments.delete")} question={t("documents.comments.deleteConfirm")} tone="neutral" serverQuestion={confirmFor(deleteAnswer, thread.id)} />
            ) : null}
          </div>
        </div>
      ) : null}
    </li>
  );
}

function confirmFor(answer: ReturnType<typeof usePageAnswer>, target: string): string | null {
  return answer?.target === target ? (answer.confirm ?? null) : null;
}

function Comment({ name, date, body }: { name: string; date: string; body: string }) {
  return (
    <div>
      <p className="text-xs text-slate-500">
        <span className="font-medium text-slate-800">{name}</span> · {date}
      </p>
      <p className="mt-1 whitespace-pre-wrap text-slate-800">
        {body.split(/(@[\p{Script=Han}A-Za-z·]{2,10})/u).map((part, index) =>
          part.startsWith("@") ? (
            <span key={index} className="font-medium text-brand-700">
              {part}
            </span>
          ) : (
            part
          ),
        )}
      </p>
    </div>
  );
}

function Reply({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const { fetcher, form, fields, busy } = usePageForm(`reply-${threadId}`, "reply", commentFormSchema, threadId);
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setOpen(false);
  }, [fetcher.state, fetcher.data]);
  // Focus follows the person's own opening and closing of the box, never the page load: an
  // autofocus in the server's HTML would pull focus into the side panel and leave it there when
  // the box turns into its button on hydration (the first Tab then started in the panel).
  const textarea = useRef<HTMLTextAreaElement>(null);
  const replyButton = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);
  useEffect(() => {
    if (!toggled.current) return;
    if (open) textarea.current?.focus();
    else replyButton.current?.focus();
  }, [open]);
  const toggle = (value: boolean) => {
    toggled.current = true;
    setOpen(value);
  };
  // Without JavaScript the reply box is always there.
  if (hydrated && !open) {
    return (
      <button ref={replyButton} type="button" onClick={() => toggle(true)} className="text-sm text-brand-700 hover:underline">
        {t("documents.comments.reply")}
      </button>
    );
  }
  return (
    <fetcher.Form method="post" {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="intent" value="reply" />
      <input type="hidden" name="parentId" value={threadId} />
      <label htmlFor={fields.body.id} className="sr-only">
        {t("documents.comments.replyBody")}
      </label>
      <textarea {...getTextareaProps(fields.body)} ref={textarea} rows={2} placeholder={t("documents.comments.replyBody")} className={inputClass} />
      <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
      <div className="flex gap-2">
        <button type="submit" disabled={busy} className={primaryButton}>
          {busy ? t("documents.comments.sending") : t("documents.comments.reply")}
        </button>
        <button type="button" onClick={() => toggle(false)} className={secondaryButton}>
          {t("documents.confirm.cancel")}
        </button>
      </div>
    </fetcher.Form>
  );
}

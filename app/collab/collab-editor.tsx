import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { CharacterCount, Placeholder } from "@tiptap/extensions";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import * as Y from "yjs";
import { BodyLimitGuard, textLength } from "~/documents/editor/body-limit-guard.ts";
import { formatCount, NEAR_LIMIT_SHARE } from "~/documents/body-limit.ts";
import { CommentHighlights, commentHighlightsKey, selectionAnchor, type CommentHighlightsStorage } from "~/documents/editor/comment-highlights.ts";
import type { DocumentEditorProps } from "~/documents/editor/editor-slot.ts";
import { BODY_FIELD, documentExtensions } from "~/documents/editor/extensions.ts";
import { TabMovesFocus } from "~/documents/editor/tab-moves-focus.ts";
import { Toolbar } from "~/documents/editor/toolbar.tsx";
import type { AccessInfo, DocEventKind } from "~/documents/live.ts";
import { countCharacters, countWords } from "~/documents/word-count.ts";
import { isMessageKey, translateKey } from "~/i18n/keys.ts";
import { isOneOf } from "~/lib/one-of.ts";
import { colorFor } from "./protocol.ts";
import { CollabProvider, type ConnectionStatus, type SaveState } from "./provider.ts";

/** Statuses that lock the text for everyone; the editor says why (documents.editor.readOnly). */
const LOCKED_STATUSES = ["IN_REVIEW", "APPROVED", "PUBLISHED"] as const;

/**
 * The co-authoring editor: a Y.Doc synced with the collaboration server by CollabProvider,
 * Tiptap bound to it. Both are created in an effect (never during render), so React's
 * StrictMode double effects do not leave a dead provider behind.
 */
export function CollabEditor(props: DocumentEditorProps) {
  const { documentId } = props;
  const [session, setSession] = useState<{ doc: Y.Doc; provider: CollabProvider } | null>(null);
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const { t } = useTranslation();
  useEffect(() => {
    const doc = new Y.Doc();
    const provider = new CollabProvider(doc, { documentId });
    setSession({ doc, provider });
    return () => {
      provider.destroy();
      doc.destroy();
      setSession(null);
    };
  }, [documentId, generation]);

  if (!session) {
    return (
      <div aria-busy="true">
        <p role="status" className="mb-2 text-sm text-slate-500">
          {t("documents.editor.loading")}
        </p>
        {/* In the browser initialHtml is empty: hydration keeps the server's markup (decision 099). */}
        <div className="document-body tiptap opacity-70" dangerouslySetInnerHTML={{ __html: props.initialHtml }} suppressHydrationWarning />
      </div>
    );
  }
  return (
    <>
      {notice ? (
        <p role="alert" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {notice}
        </p>
      ) : null}
      <EditorSurface
        key={generation}
        {...props}
        doc={session.doc}
        provider={session.provider}
        onLostEdits={(reason) => {
          setNotice(reason === "TOO_LONG" ? t("documents.editor.tooLong", { max: formatCount(props.maxChars) }) : t("documents.editor.lostEdits"));
          setGeneration((n) => n + 1);
        }}
      />
    </>
  );
}

function EditorSurface({
  documentId,
  user,
  doc,
  provider,
  threads,
  activeThreadId,
  onActivateThread,
  onSelection,
  onDocEvent,
  onAccess,
  onLostEdits,
  maxChars,
}: DocumentEditorProps & { doc: Y.Doc; provider: CollabProvider; onLostEdits: (reason: "READ_ONLY" | "TOO_LONG") => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ConnectionStatus>(provider.status);
  const [save, setSave] = useState<SaveState>(provider.saveState);
  const [synced, setSynced] = useState(provider.synced);
  const [access, setAccess] = useState<AccessInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const composing = useRef(false);
  /** When typing or pasting was last refused for the length limit (shown until the next change). */
  const [refused, setRefused] = useState(false);
  const callbacks = useRef({ onActivateThread, onSelection, onDocEvent, onAccess, onLostEdits });
  callbacks.current = { onActivateThread, onSelection, onDocEvent, onAccess, onLostEdits };

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: false,
      extensions: [
        ...documentExtensions({
          taskCheckboxLabel: (task, checked) =>
            t(checked ? "documents.editor.taskCheckbox.done" : "documents.editor.taskCheckbox.open", { task: task.trim() || t("documents.editor.taskCheckbox.empty") }),
        }),
        TabMovesFocus,
        Collaboration.configure({ document: doc, field: BODY_FIELD }),
        CollaborationCaret.configure({ provider, user: { name: user.name, color: colorFor(user.id) } }),
        Placeholder.configure({ placeholder: t("documents.editor.placeholder") }),
        CharacterCount.configure({ wordCounter: countWords }),
        CommentHighlights.configure({ onActivate: (id) => callbacks.current.onActivateThread(id) }),
        BodyLimitGuard.configure({ maxChars, onRefused: () => setRefused(true) }),
      ],
      editorProps: {
        attributes: {
          "aria-label": t("documents.editor.body"),
          "aria-multiline": "true",
          role: "textbox",
          class: "document-body tiptap focus:outline-none",
          spellcheck: "false",
        },
        // Other people's changes wait while a composition (pinyin) is open; ProseMirror commits
        // the composed text on compositionend first, hence the next tick.
        handleDOMEvents: {
          compositionstart: () => {
            composing.current = true;
            provider.holdRemoteChanges(true);
            return false;
          },
          compositionend: () => {
            composing.current = false;
            setTimeout(() => composing.current || provider.holdRemoteChanges(false));
            return false;
          },
          blur: () => {
            composing.current = false;
            provider.holdRemoteChanges(false);
            return false;
          },
        },
      },
      onSelectionUpdate: ({ editor }) => callbacks.current.onSelection(selectionAnchor(editor.state)),
      onUpdate: () => setRefused(false),
    },
    [doc, provider],
  );

  useEffect(() => {
    const onStatus = (value: ConnectionStatus) => setStatus(value);
    const onSave = (value: SaveState) => setSave(value);
    const onSynced = (value: boolean) => setSynced(value);
    const onAccessChange = (value: AccessInfo) => {
      setAccess(value);
      callbacks.current.onAccess(value);
    };
    const onError = (code: string) => {
      if (code === "READ_ONLY" || code === "TOO_LONG") return callbacks.current.onLostEdits(code);
      setError(code);
    };
    const onDocEvent = (kind: DocEventKind) => callbacks.current.onDocEvent(kind);
    provider.on("status", onStatus);
    provider.on("save", onSave);
    provider.on("synced", onSynced);
    provider.on("access", onAccessChange);
    provider.on("error", onError);
    provider.on("doc-event", onDocEvent);
    // Events between the first render and now were missed: take the provider's current state.
    setStatus(provider.status);
    setSave(provider.saveState);
    setSynced(provider.synced);
    if (provider.documentStatus !== null) onAccessChange({ canEdit: provider.canEdit, status: provider.documentStatus });
    const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
      if (provider.saveState !== "saved") event.preventDefault();
    };
    window.addEventListener("beforeunload", warnBeforeLeaving);
    return () => {
      provider.off("status", onStatus);
      provider.off("save", onSave);
      provider.off("synced", onSynced);
      provider.off("access", onAccessChange);
      provider.off("error", onError);
      provider.off("doc-event", onDocEvent);
      window.removeEventListener("beforeunload", warnBeforeLeaving);
    };
  }, [provider]);

  const canEdit = !!access?.canEdit && synced;
  useEffect(() => {
    if (editor && editor.isEditable !== canEdit) editor.setEditable(canEdit);
  }, [editor, canEdit]);

  // Comment ranges follow the threads shown in the side panel.
  useEffect(() => {
    if (!editor) return;
    const storage = (editor.storage as unknown as { commentHighlights: CommentHighlightsStorage }).commentHighlights;
    storage.threads = threads;
    storage.activeId = activeThreadId;
    editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, true));
  }, [editor, threads, activeThreadId]);

  return (
    <div className="flex flex-col gap-3">
      <StatusBar status={status} save={save} synced={synced} error={error} access={access} editor={editor} provider={provider} user={user} maxChars={maxChars} refused={refused} />
      {editor ? <Toolbar editor={editor} documentId={documentId} disabled={!canEdit} /> : null}
      <div className="min-h-[24rem] rounded-lg border border-slate-200 bg-white px-6 py-5 shadow-sm sm:px-10">
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}

function StatusBar({
  status,
  save,
  synced,
  error,
  access,
  editor,
  provider,
  user,
  maxChars,
  refused,
}: {
  maxChars: number;
  refused: boolean;
  status: ConnectionStatus;
  save: SaveState;
  synced: boolean;
  error: string | null;
  access: AccessInfo | null;
  editor: Editor | null;
  provider: CollabProvider;
  user: { id: string };
}) {
  const { t } = useTranslation();
  const counts = useEditorState({
    editor,
    selector: ({ editor }) => {
      if (!editor) return { words: 0, chars: 0, length: 0 };
      const text = editor.state.doc.textBetween(0, editor.state.doc.content.size, "\n", "\n");
      return { words: countWords(text), chars: countCharacters(text), length: textLength(editor.state.doc) };
    },
  });
  const people = usePresence(provider);
  const errorKey = `documents.editor.errors.${error}`;
  const errorText = error ? (isMessageKey(errorKey) ? translateKey(t, errorKey) : t("documents.editor.errors.unknown")) : null;
  let connection: string;
  if (status === "failed") connection = t("documents.editor.failed", { reason: errorText ?? t("documents.editor.errors.unknown") });
  else if (status !== "connected" || !synced) connection = save === "offline" ? t("documents.editor.offline") : t("documents.editor.connecting");
  else connection = save === "saved" ? t("documents.editor.saved") : t("documents.editor.saving");
  const tone =
    status === "failed" ? "text-red-700" : status !== "connected" ? "text-amber-700" : save === "saved" ? "text-emerald-700" : "text-slate-600";
  const readOnlyReason =
    access && !access.canEdit
      ? isOneOf(LOCKED_STATUSES, access.status)
        ? t(`documents.editor.readOnly.${access.status}`)
        : t("documents.editor.readOnly.reader")
      : null;
  return (
    <div className="space-y-2">
      {readOnlyReason ? (
        <p role="note" data-testid="read-only" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          {readOnlyReason}
        </p>
      ) : null}
      <LengthNote length={counts?.length ?? 0} maxChars={maxChars} refused={refused} />
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p role="status" aria-live="polite" data-testid="save-state" className={`flex items-center gap-2 ${tone}`}>
          <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${status === "connected" && synced ? (save === "saved" ? "bg-emerald-500" : "bg-slate-400") : status === "failed" ? "bg-red-500" : "bg-amber-400"}`} />
          {connection}
          {status === "failed" ? (
            <button type="button" onClick={() => window.location.reload()} className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-100">
              {t("documents.editor.reload")}
            </button>
          ) : null}
        </p>
        <div className="flex items-center gap-4 text-slate-600">
          <span data-testid="word-count" title={t("documents.editor.charCount", { chars: counts?.chars ?? 0 })}>
            {t("documents.editor.wordCount", { words: counts?.words ?? 0 })}
          </span>
          <ul aria-label={t("documents.editor.present")} className="flex -space-x-1">
            {people.map((person) => (
              <li
                key={person.id}
                title={person.id === user.id ? `${person.name}${t("documents.editor.you")}` : person.name}
                aria-label={person.id === user.id ? `${person.name}${t("documents.editor.you")}` : person.name}
                className="flex h-7 w-7 items-center justify-center rounded-full border-2 border-white text-xs font-semibold text-white"
                style={{ backgroundColor: person.color }}
              >
                {person.name.slice(-2)}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/**
 * The length limit, said as it nears (decision 097): from NEAR_LIMIT_SHARE of it the count and the
 * limit, at it that nothing more fits, and after a refused paste or keystroke why nothing happened.
 */
function LengthNote({ length, maxChars, refused }: { length: number; maxChars: number; refused: boolean }) {
  const { t } = useTranslation();
  const near = length >= maxChars * NEAR_LIMIT_SHARE;
  if (!near && !refused) return null;
  const values = { length: formatCount(length), max: formatCount(maxChars) };
  const full = length >= maxChars;
  return (
    <p role={refused ? "alert" : "status"} data-testid="length-limit" className={`rounded-md px-3 py-2 text-sm ${full || refused ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-900"}`}>
      {refused ? t("documents.editor.limitRefused", values) : full ? t("documents.editor.atLimit", values) : t("documents.editor.nearLimit", values)}
    </p>
  );
}

/** Everyone on the document (one entry per person, even with several tabs open). */
function usePresence(provider: CollabProvider) {
  const [people, setPeople] = useState<Array<{ id: string; name: string; color: string }>>([]);
  useEffect(() => {
    const update = () => {
      const byId = new Map<string, { id: string; name: string; color: string }>();
      for (const state of provider.awareness.getStates().values()) {
        const user = state.user as { id?: string; name?: string; color?: string } | undefined;
        if (user?.name) byId.set(user.id ?? user.name, { id: user.id ?? user.name, name: user.name, color: user.color ?? "#64748b" });
      }
      setPeople([...byId.values()].sort((a, b) => a.name.localeCompare(b.name, "zh-CN")));
    };
    provider.awareness.on("change", update);
    update();
    return () => provider.awareness.off("change", update);
  }, [provider]);
  return people;
}

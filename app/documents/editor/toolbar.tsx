import { useEditorState, type Editor } from "@tiptap/react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Formatting buttons: each has an accessible name and says whether it is on (aria-pressed). A
 * button that shows a word (H1, 1., 正文, +行) is named starting with that word, so a person who
 * says what they see ("click H1") reaches it (WCAG 2.5.3); the messages carry both.
 */
export function Toolbar({ editor, documentId, disabled }: { editor: Editor; documentId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor }) => ({
      bold: editor.isActive("bold"),
      italic: editor.isActive("italic"),
      underline: editor.isActive("underline"),
      strike: editor.isActive("strike"),
      highlight: editor.isActive("highlight"),
      paragraph: editor.isActive("paragraph"),
      h1: editor.isActive("heading", { level: 1 }),
      h2: editor.isActive("heading", { level: 2 }),
      h3: editor.isActive("heading", { level: 3 }),
      bulletList: editor.isActive("bulletList"),
      orderedList: editor.isActive("orderedList"),
      taskList: editor.isActive("taskList"),
      blockquote: editor.isActive("blockquote"),
      link: editor.isActive("link"),
      table: editor.isActive("table"),
      canUndo: editor.can().undo(),
      canRedo: editor.can().redo(),
    }),
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [upload, setUpload] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const fileInput = useRef<HTMLInputElement>(null);
  const linkInput = useRef<HTMLInputElement>(null);
  const chain = () => editor.chain().focus();

  const button = (label: string, active: boolean | undefined, run: () => void, icon: React.ReactNode, extraDisabled = false) => (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={active === undefined ? undefined : active}
      disabled={disabled || extraDisabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
      className={`inline-flex h-8 min-w-8 items-center justify-center rounded px-1.5 text-sm ${active ? "bg-brand-100 text-brand-800" : "text-slate-700 hover:bg-slate-100"} disabled:cursor-not-allowed disabled:opacity-40`}
    >
      {icon}
    </button>
  );

  async function uploadImage(file: File) {
    setUpload({ busy: true, error: null });
    const body = new FormData();
    body.append("image", file);
    try {
      const response = await fetch(`/documents/${documentId}/images`, { method: "POST", body });
      const result = (await response.json()) as { url?: string; width?: number; height?: number; error?: string };
      if (!response.ok || !result.url) throw new Error(result.error ?? response.statusText);
      chain().setImage({ src: result.url, alt: file.name.replace(/\.[^.]+$/, ""), width: result.width, height: result.height }).run();
      setUpload({ busy: false, error: null });
    } catch (error) {
      setUpload({ busy: false, error: t("documents.editor.imageFailed", { reason: (error as Error).message }) });
    }
  }

  function applyLink(event: React.FormEvent) {
    event.preventDefault();
    const href = linkInput.current?.value.trim() ?? "";
    if (!href) {
      chain().extendMarkRange("link").unsetLink().run();
      setLinkOpen(false);
      return;
    }
    if (!/^(https?:\/\/|mailto:)/i.test(href)) {
      setLinkError(t("documents.editor.linkInvalid"));
      return;
    }
    chain().extendMarkRange("link").setLink({ href }).run();
    setLinkOpen(false);
    setLinkError(null);
  }

  const separator = <span aria-hidden="true" className="mx-1 h-5 w-px bg-slate-200" />;
  return (
    <div className="sticky top-0 z-10 rounded-lg border border-slate-200 bg-white/95 p-1 shadow-sm backdrop-blur">
      <div role="toolbar" aria-label={t("documents.editor.toolbar")} className="flex flex-wrap items-center gap-0.5">
        {button(t("documents.editor.undo"), undefined, () => chain().undo().run(), "↶", !state?.canUndo)}
        {button(t("documents.editor.redo"), undefined, () => chain().redo().run(), "↷", !state?.canRedo)}
        {separator}
        {button(t("documents.editor.paragraph"), state?.paragraph, () => chain().setParagraph().run(), <span className="text-xs">{t("documents.editor.short.paragraph")}</span>)}
        {([1, 2, 3] as const).map((level) =>
          button(t("documents.editor.heading", { level }), state?.[`h${level}`], () => chain().toggleHeading({ level }).run(), <span className="text-xs font-semibold">H{level}</span>),
        )}
        {separator}
        {button(t("documents.editor.bold"), state?.bold, () => chain().toggleBold().run(), <strong>B</strong>)}
        {button(t("documents.editor.italic"), state?.italic, () => chain().toggleItalic().run(), <em className="font-serif">I</em>)}
        {button(t("documents.editor.underline"), state?.underline, () => chain().toggleUnderline().run(), <span className="underline">U</span>)}
        {button(t("documents.editor.strike"), state?.strike, () => chain().toggleStrike().run(), <span className="line-through">S</span>)}
        {button(t("documents.editor.highlight"), state?.highlight, () => chain().toggleHighlight().run(), <span className="bg-yellow-200 px-0.5">A</span>)}
        {separator}
        {button(t("documents.editor.bulletList"), state?.bulletList, () => chain().toggleBulletList().run(), "•≡")}
        {button(t("documents.editor.orderedList"), state?.orderedList, () => chain().toggleOrderedList().run(), "1.")}
        {button(t("documents.editor.taskList"), state?.taskList, () => chain().toggleTaskList().run(), "☑")}
        {button(t("documents.editor.blockquote"), state?.blockquote, () => chain().toggleBlockquote().run(), "❝")}
        {button(t("documents.editor.horizontalRule"), undefined, () => chain().setHorizontalRule().run(), "―")}
        {separator}
        {button(t("documents.editor.link"), state?.link, () => {
          setLinkError(null);
          setLinkOpen((open) => !open);
        }, <Icon d="M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7" />)}
        {button(upload.busy ? t("documents.editor.imageUploading") : t("documents.editor.image"), undefined, () => fileInput.current?.click(), <Icon d="M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15.5 9.5h.01" />, upload.busy)}
        {button(t("documents.editor.table"), undefined, () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), <Icon d="M4 5h16v14H4zM4 10h16M4 15h16M10 5v14M15 5v14" />, state?.table)}
        {state?.table ? (
          <>
            {button(t("documents.editor.addRow"), undefined, () => chain().addRowAfter().run(), <span className="text-xs">{t("documents.editor.short.addRow")}</span>)}
            {button(t("documents.editor.addColumn"), undefined, () => chain().addColumnAfter().run(), <span className="text-xs">{t("documents.editor.short.addColumn")}</span>)}
            {button(t("documents.editor.deleteRow"), undefined, () => chain().deleteRow().run(), <span className="text-xs">{t("documents.editor.short.deleteRow")}</span>)}
            {button(t("documents.editor.deleteColumn"), undefined, () => chain().deleteColumn().run(), <span className="text-xs">{t("documents.editor.short.deleteColumn")}</span>)}
            {button(t("documents.editor.deleteTable"), undefined, () => chain().deleteTable().run(), <span className="text-xs">{t("documents.editor.short.deleteTable")}</span>)}
          </>
        ) : null}
        <input
          ref={fileInput}
          type="file"
          accept="image/png,image/jpeg,image/gif"
          className="hidden"
          aria-label={t("documents.editor.image")}
          tabIndex={-1}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (file) void uploadImage(file);
          }}
        />
      </div>
      {linkOpen ? (
        <form onSubmit={applyLink} className="mt-1 flex flex-wrap items-center gap-2 border-t border-slate-100 p-2 text-sm">
          <label htmlFor="link-href" className="text-slate-700">
            {t("documents.editor.linkPrompt")}
          </label>
          <input
            id="link-href"
            ref={linkInput}
            autoFocus
            defaultValue={(editor.getAttributes("link").href as string | undefined) ?? "https://"}
            aria-invalid={linkError ? true : undefined}
            aria-describedby={linkError ? "link-error" : undefined}
            className="min-w-64 flex-1 rounded border border-slate-300 px-2 py-1"
          />
          <button type="submit" className="rounded bg-brand-600 px-3 py-1 text-white hover:bg-brand-700">
            {t("documents.editor.link")}
          </button>
          {state?.link ? (
            <button type="button" onClick={() => { chain().extendMarkRange("link").unsetLink().run(); setLinkOpen(false); }} className="rounded border border-slate-300 px-3 py-1">
              {t("documents.editor.unlink")}
            </button>
          ) : null}
          {linkError ? (
            <p id="link-error" role="alert" className="w-full text-red-600">
              {linkError}
            </p>
          ) : null}
        </form>
      ) : null}
      {upload.error ? (
        <p role="alert" className="px-2 pb-1 text-sm text-red-600">
          {upload.error}
        </p>
      ) : null}
    </div>
  );
}

function Icon({ d }: { d: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <path d={d} />
    </svg>
  );
}

import { Form, useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useContentLang } from "~/components/kit/content-lang.tsx";
import { recordTypeLabel } from "./labels.ts";
import { Marked } from "./search-page.tsx";

/**
 * The header's search box: press "/" or Ctrl+K (⌘K) anywhere to focus it; results appear while
 * typing (GET /api/search with the session); arrow keys choose, Enter opens, Escape closes.
 * Without JavaScript it is a plain form to /search.
 */

interface Suggestion {
  id: string;
  type: string;
  subtype: string;
  title: string;
  titleHtml: string;
  url: string;
  studio: string | null;
  detail: string | null;
}

type State =
  | { status: "idle" }
  | { status: "loading"; query: string }
  | { status: "done"; query: string; hits: Suggestion[]; total: number; partial: boolean }
  | { status: "unavailable"; query: string };

const DEBOUNCE_MS = 150;
const LIMIT = 5;

/** "<mark>x</mark>" (escaped HTML from the API) → pieces for <Marked>, without injecting HTML. */
function htmlToParts(html: string): string[] {
  const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  return html.split(/<\/?mark>/).map(decode);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function GlobalSearch() {
  const { t } = useTranslation();
  const contentLang = useContentLang();
  const navigate = useNavigate();
  const location = useLocation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [state, setState] = useState<State>({ status: "idle" });
  const listId = useId();
  const hintId = useId();

  // "/" and Ctrl+K / ⌘K focus the box from anywhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
      const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k";
      if (!slash && !ctrlK) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // Leaving the page closes the suggestions.
  useEffect(() => {
    setOpen(false);
    setActive(-1);
  }, [location.key]);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setState({ status: "idle" });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setState({ status: "loading", query: q });
      try {
        const response = await fetch(`/api/search?q=${encodeURIComponent(q)}&limit=${LIMIT}&facets=0`, { signal: controller.signal, headers: { Accept: "application/json" } });
        if (!response.ok) {
          setState({ status: "unavailable", query: q });
          return;
        }
        const body = (await response.json()) as { hits: Suggestion[]; total: number; partial: boolean };
        setState({ status: "done", query: q, hits: body.hits, total: body.total, partial: body.partial });
        setActive(-1);
      } catch (error) {
        if ((error as Error).name !== "AbortError") setState({ status: "unavailable", query: q });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const hits = state.status === "done" ? state.hits : [];
  // The options: each hit, then "all results".
  const options = [...hits.map((hit) => ({ key: `${hit.type}-${hit.id}`, url: hit.url })), ...(query.trim() ? [{ key: "all", url: `/search?q=${encodeURIComponent(query.trim())}` }] : [])];
  const expanded = open && query.trim().length > 0;
  const optionId = (i: number) => `${listId}-option-${i}`;

  const go = (url: string) => {
    setOpen(false);
    setActive(-1);
    navigate(url);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (options.length ? (i + 1) % options.length : -1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1));
    } else if (event.key === "Enter" && expanded && active >= 0 && options[active]) {
      event.preventDefault();
      go(options[active].url);
    } else if (event.key === "Escape") {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else {
        inputRef.current?.blur();
      }
    }
  };

  return (
    <Form
      method="get"
      action="/search"
      role="search"
      aria-label={t("search.box.label")}
      className="relative w-full sm:w-72"
      onSubmit={() => {
        setOpen(false);
        inputRef.current?.blur();
      }}
    >
      <input
        ref={inputRef}
        type="search"
        name="q"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-label={t("search.box.label")}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-describedby={hintId}
        placeholder={t("search.box.placeholder")}
        autoComplete="off"
        maxLength={200}
        className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 pr-8 text-sm focus:border-brand-600 focus:bg-white"
      />
      {query ? null : (
        <kbd aria-hidden="true" className="pointer-events-none absolute right-2 top-1.5 hidden rounded border border-slate-300 px-1 text-xs text-slate-400 sm:inline">
          /
        </kbd>
      )}
      <span id={hintId} className="sr-only">
        {t("search.box.shortcut")}
      </span>
      <div
        className={`absolute left-0 right-0 top-full z-20 mt-1 overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg ${expanded ? "" : "hidden"}`}
      >
        <p role="status" className={state.status === "done" && hits.length ? "sr-only" : "px-3 py-2 text-sm text-slate-500"}>
          {state.status === "loading"
            ? t("search.box.loading")
            : state.status === "unavailable"
              ? t("search.box.unavailable")
              : state.status === "done" && !hits.length
                ? t("search.box.none", { q: state.query })
                : state.status === "done"
                  ? `${state.partial ? `${t("search.page.partial")} · ` : ""}${t("search.page.total", { count: state.total })}`
                  : ""}
        </p>
        {state.status === "done" && state.partial && hits.length ? (
          <p role="note" className="border-b border-slate-100 bg-amber-50 px-3 py-2 text-xs text-amber-900">
            {t("search.page.partial")}
          </p>
        ) : null}
        <ul id={listId} role="listbox" aria-label={t("search.box.results")} className="max-h-[28rem] overflow-y-auto py-1 text-sm">
          {hits.map((hit, i) => (
            <li
              key={`${hit.type}-${hit.id}`}
              id={optionId(i)}
              role="option"
              aria-selected={active === i}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => go(hit.url)}
              onMouseEnter={() => setActive(i)}
              className={`cursor-pointer px-3 py-2 ${active === i ? "bg-brand-50" : ""}`}
            >
              <span className="flex items-center gap-2">
                <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{recordTypeLabel(t, hit.subtype)}</span>
                <span lang={contentLang(hit.title)} className="truncate font-medium text-slate-900">
                  <Marked parts={htmlToParts(hit.titleHtml)} />
                </span>
              </span>
              {hit.studio && hit.type !== "studio" ? (
                <span lang={contentLang(hit.studio)} className="block truncate text-xs text-slate-500">
                  {hit.studio}
                </span>
              ) : hit.detail ? (
                <span lang={contentLang(hit.detail)} className="block truncate text-xs text-slate-500">
                  {hit.detail}
                </span>
              ) : null}
            </li>
          ))}
          {query.trim() ? (
            <li
              id={optionId(hits.length)}
              role="option"
              aria-selected={active === hits.length}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => go(`/search?q=${encodeURIComponent(query.trim())}`)}
              onMouseEnter={() => setActive(hits.length)}
              className={`cursor-pointer border-t border-slate-100 px-3 py-2 text-brand-700 ${active === hits.length ? "bg-brand-50" : ""}`}
            >
              {t("search.box.all", { q: query.trim() })}
            </li>
          ) : null}
        </ul>
      </div>
    </Form>
  );
}

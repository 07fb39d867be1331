import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldErrors, inputClass } from "~/components/kit/fields.tsx";

/**
 * A 工号 field that finds counselors while typing: by name, full pinyin ("zhangminghua"), initials
 * ("zmh") or 工号, from GET /people/lookup (or `source`, a lookup answering the same way: a
 * meeting's participants). An ARIA 1.2 combobox (input + listbox, like the header's
 * search): Down/Up choose, Enter takes the person, Escape closes the list (or clears the field
 * when it is closed). Taking a person puts their 工号 in the field, which is what the form posts;
 * without JavaScript it is a plain text field for the 工号.
 */

interface Person {
  username: string;
  name: string;
  college: string | null;
}

type Lookup = { status: "idle" } | { status: "loading"; query: string } | { status: "done"; query: string; people: Person[] } | { status: "failed"; query: string; error: string | null };

const DEBOUNCE_MS = 150;
/** The lookup's own limit (people.lookup schema): longer text is not sent. */
const MAX_QUERY = 40;

export function PersonPicker(props: { field: FieldMetadata<unknown, any, string[]>; label: string; hint?: string; source?: string }) {
  // A new key after the form is reset (Conform) starts the picker afresh.
  return <Combobox key={props.field.key} {...props} />;
}

function Combobox({ field, label, hint, source = "/people/lookup" }: { field: FieldMetadata<unknown, any, string[]>; label: string; hint?: string; source?: string }) {
  const { t } = useTranslation();
  const { key: _key, ...inputProps } = getInputProps(field, { type: "text" });
  const [text, setText] = useState(String(inputProps.defaultValue ?? ""));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [lookup, setLookup] = useState<Lookup>({ status: "idle" });
  const [chosen, setChosen] = useState<Person | null>(null);
  // The combobox roles only once the script runs: before that it is a plain field that never expands.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const listId = useId();
  const statusId = useId();
  const hintId = hint ? `${field.id}-hint` : undefined;
  const query = text.trim();

  useEffect(() => {
    if (!query || query.length > MAX_QUERY || query === chosen?.username) {
      setLookup({ status: "idle" });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setLookup({ status: "loading", query });
      try {
        const response = await fetch(`${source}?q=${encodeURIComponent(query)}`, { signal: controller.signal, headers: { Accept: "application/json" } });
        const body = (await response.json().catch(() => null)) as { people?: Person[]; error?: string | null } | null;
        if (!response.ok || !body?.people) setLookup({ status: "failed", query, error: body?.error ?? null });
        else setLookup({ status: "done", query, people: body.people });
        setActive(-1);
      } catch (error) {
        if ((error as Error).name !== "AbortError") setLookup({ status: "failed", query, error: null });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, chosen?.username, source]);

  const people = lookup.status === "done" && lookup.query === query ? lookup.people : [];
  const expanded = hydrated && open && lookup.status !== "idle";
  const optionId = (i: number) => `${listId}-option-${i}`;

  const choose = (person: Person) => {
    setChosen(person);
    setText(person.username);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (people.length ? (i < 0 && step < 0 ? people.length - 1 : (i + step + people.length) % people.length) : -1));
    } else if (event.key === "Enter" && expanded && active >= 0 && people[active]) {
      // Enter takes the highlighted person; with none highlighted it submits the form as usual.
      event.preventDefault();
      choose(people[active]);
    } else if (event.key === "Escape") {
      // Inside a <dialog>, Escape closes the list first and the dialog only on the next press.
      if (expanded) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (text) {
        event.preventDefault();
        setText("");
        setChosen(null);
      }
    }
  };

  const status =
    lookup.status === "loading"
      ? t("studios.picker.searching")
      : lookup.status === "failed"
        ? (lookup.error ?? t("studios.picker.failed"))
        : lookup.status === "done" && !people.length
          ? t("studios.picker.none")
          : lookup.status === "done"
            ? t("studios.picker.found", { count: people.length })
            : "";
  const describedBy = [inputProps["aria-describedby"], hintId, chosen ? statusId : undefined].filter(Boolean).join(" ") || undefined;

  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="relative">
        <input
          {...inputProps}
          defaultValue={undefined}
          value={text}
          {...(hydrated
            ? {
                role: "combobox",
                "aria-autocomplete": "list" as const,
                "aria-expanded": expanded,
                "aria-controls": listId,
                "aria-activedescendant": expanded && active >= 0 ? optionId(active) : undefined,
              }
            : {})}
          onChange={(event) => {
            setText(event.currentTarget.value);
            if (event.currentTarget.value.trim() !== chosen?.username) setChosen(null);
            setOpen(true);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={describedBy}
          className={inputClass}
        />
        <div className={`absolute left-0 right-0 top-full z-20 mt-1 overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg ${expanded ? "" : "hidden"}`}>
          {people.length ? null : <p className="px-3 py-2 text-sm text-slate-500">{status}</p>}
          <ul id={listId} role="listbox" aria-label={t("studios.picker.results")} className="max-h-64 overflow-y-auto py-1 text-sm">
            {people.map((person, i) => (
              <li
                key={person.username}
                id={optionId(i)}
                role="option"
                aria-selected={active === i}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(person)}
                onMouseEnter={() => setActive(i)}
                className={`cursor-pointer px-3 py-2 ${active === i ? "bg-brand-50" : ""}`}
              >
                <span className="block font-medium text-slate-900">{person.name}</span>
                <span className="block break-words text-xs text-slate-500">
                  {[t("studios.picker.username", { username: person.username }), person.college].filter(Boolean).join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {/* What was found (announced), or whom the 工号 in the field belongs to. */}
      <p id={statusId} role="status" className={chosen ? "mt-1 text-sm text-slate-700" : "sr-only"}>
        {chosen ? t("studios.picker.chosen", { person: chosen.college ? `${chosen.name} · ${chosen.college}` : chosen.name }) : expanded ? status : ""}
      </p>
      <FieldErrors field={field} />
    </div>
  );
}

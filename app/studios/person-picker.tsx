import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { FieldErrors, inputClass } from "~/components/kit/fields.tsx";

/**
 * A 工号 field that suggests counselors while typing (a datalist fed by /people/lookup). Without
 * JavaScript it is a plain text field for the 工号.
 */
export function PersonPicker({ field, label, hint }: { field: FieldMetadata<string | undefined>; label: string; hint?: string }) {
  const fetcher = useFetcher<{ people: Array<{ username: string; name: string; college: string | null }> }>();
  const [query, setQuery] = useState("");
  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const timer = setTimeout(() => fetcher.load(`/people/lookup?q=${encodeURIComponent(q)}`), 200);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);
  const listId = `${field.id}-options`;
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type: "text" });
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        {...props}
        list={listId}
        autoComplete="off"
        onChange={(event) => setQuery(event.currentTarget.value)}
        aria-describedby={[props["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined}
        className={inputClass}
      />
      <datalist id={listId}>
        {(fetcher.data?.people ?? []).map((p) => (
          <option key={p.username} value={p.username}>
            {`${p.name}${p.college ? ` · ${p.college}` : ""}`}
          </option>
        ))}
      </datalist>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldErrors field={field} />
    </div>
  );
}

import {
  getCollectionProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
} from "@conform-to/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { translateKnown } from "~/i18n/keys.ts";

/**
 * Labelled form controls on Conform field metadata: every control has a visible label tied to it,
 * errors are announced next to it (aria-describedby from Conform), and the same markup works with
 * and without JavaScript.
 */
export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 aria-[invalid]:border-red-500";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, any>;

/**
 * Errors from the server arrive translated; the same schema run in the browser (Conform's
 * onValidate) yields message keys such as "studios.errors.motivationShort", translated here.
 */
export function useErrorText() {
  const { t } = useTranslation();
  return (errors: string[] | undefined) => (errors ?? []).map((message) => translateKnown(t, message)).join(" ");
}

export function FieldErrors({ field }: { field: AnyField }) {
  const errorText = useErrorText();
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="mt-1 text-sm text-red-600">
      {errorText(field.errors)}
    </p>
  );
}

function Hint({ id, children }: { id?: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="mt-1 text-xs text-slate-500">
      {children}
    </p>
  );
}

export function TextField({
  field,
  label,
  type = "text",
  hint,
  className = "",
  ...rest
}: {
  field: AnyField;
  label: string;
  type?: "text" | "date" | "datetime-local" | "number" | "email" | "tel" | "password" | "search";
  hint?: ReactNode;
  className?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "type" | "name" | "id" | "form">) {
  const props = getInputProps(field, { type });
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        {...props}
        {...rest}
        aria-describedby={[props["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined}
        className={inputClass}
      />
      <Hint id={hintId}>{hint}</Hint>
      <FieldErrors field={field} />
    </div>
  );
}

export function TextAreaField({
  field,
  label,
  hint,
  rows = 4,
  className = "",
}: {
  field: AnyField;
  label: string;
  hint?: ReactNode;
  rows?: number;
  className?: string;
}) {
  const props = getTextareaProps(field);
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        {...props}
        rows={rows}
        aria-describedby={[props["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined}
        className={inputClass}
      />
      <Hint id={hintId}>{hint}</Hint>
      <FieldErrors field={field} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  options,
  placeholder,
  hint,
  className = "",
}: {
  field: AnyField;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
  hint?: ReactNode;
  className?: string;
}) {
  const props = getSelectProps(field);
  const hintId = hint ? `${field.id}-hint` : undefined;
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const element = select.current;
    if (!element || placeholder === undefined) return;
    // Conform resets an empty select by unselecting every option (selectedIndex −1), which shows a
    // blank box; the placeholder is what an empty choice looks like. Conform marks each update it
    // makes with a new data-conform value.
    const observer = new MutationObserver(() => {
      if (element.selectedIndex === -1) element.selectedIndex = 0;
    });
    observer.observe(element, { attributes: true, attributeFilter: ["data-conform"] });
    return () => observer.disconnect();
  }, [placeholder]);
  return (
    <div className={className}>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        {...props}
        ref={select}
        aria-describedby={[props["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined}
        className={inputClass}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Hint id={hintId}>{hint}</Hint>
      <FieldErrors field={field} />
    </div>
  );
}

/** Several checkboxes (or radios) under one legend. */
export function ChoiceField({
  field,
  legend,
  options,
  type = "checkbox",
  hint,
  className = "",
}: {
  field: AnyField;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  type?: "checkbox" | "radio";
  hint?: ReactNode;
  className?: string;
}) {
  const labels = new Map(options.map((o) => [o.value, o.label]));
  return (
    <fieldset className={className} aria-invalid={field.errors?.length ? true : undefined} aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend className="block text-sm font-medium text-slate-700">{legend}</legend>
      <Hint>{hint}</Hint>
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
        {getCollectionProps(field, { type, options: options.map((o) => o.value) }).map(({ key, ...props }) => (
          <label key={key} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
            <input {...props} className="h-4 w-4 rounded border-slate-300" />
            {labels.get(props.value)}
          </label>
        ))}
      </div>
      <FieldErrors field={field} />
    </fieldset>
  );
}

/** One checkbox with its label. */
export function CheckboxField({ field, label, className = "" }: { field: AnyField; label: string; className?: string }) {
  const props = getInputProps(field, { type: "checkbox" });
  return (
    <div className={className}>
      <label className="inline-flex items-center gap-2 text-sm text-slate-700">
        <input {...props} className="h-4 w-4 rounded border-slate-300" />
        {label}
      </label>
      <FieldErrors field={field} />
    </div>
  );
}

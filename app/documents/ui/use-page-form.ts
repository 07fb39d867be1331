import { useForm, type DefaultValue } from "@conform-to/react";
import { parseWithZod } from "~/lib/zod-form.ts";
import { useActionData, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { z, ZodType } from "zod";
import { replyFor } from "~/lib/action-reply.ts";
import type { action } from "../document-page.actions.server.ts";

/** What the document page's action answers (app/documents/document-page.actions.server.ts). */
export type PageReply = NonNullable<ReturnType<typeof useActionData<typeof action>>>;
export type PageIntent = PageReply["intent"];

/**
 * The page's reply to a plain form post (no JavaScript) for this intent, if any. For a form of one
 * row among many (a comment, a version), only the reply that names that row: `about` is a posted
 * field and its value.
 */
export function usePageReply<I extends PageIntent>(intent: I, about?: [name: string, value: string]) {
  const reply = replyFor(useActionData<typeof action>(), intent);
  return reply && (!about || names(reply, about)) ? reply : undefined;
}

function names(reply: PageReply, [name, value]: [string, string]): boolean {
  if (reply.confirm) return reply.confirm.fields.some(([field, posted]) => field === name && posted === value);
  const initial = reply.form?.initialValue as Record<string, unknown> | null | undefined;
  return initial?.[name] === value;
}

/**
 * A form of the document page: a fetcher (no navigation, the editor stays) that still works as a
 * plain form without JavaScript, validated in the browser and again on the server with the same
 * zod schema; the reply (errors in the person's language) comes back in the protocol's one shape.
 */
export function usePageForm<Schema extends ZodType<Record<string, unknown>, Record<string, unknown>>>(
  id: string,
  intent: PageIntent,
  schema: Schema,
  options: { about?: [name: string, value: string]; defaultValue?: DefaultValue<z.input<Schema> & Record<string, unknown>> } = {},
) {
  const { about, defaultValue } = options;
  const fetcher = useFetcher<typeof action>({ key: id });
  const answer = usePageReply(intent, about);
  const reply = fetcher.data ?? answer;
  const [form, fields] = useForm<z.input<Schema> & Record<string, unknown>, z.output<Schema>>({
    id,
    defaultValue,
    lastResult: fetcher.state === "idle" ? reply?.form : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return { fetcher, form, fields, reply, busy: fetcher.state !== "idle" };
}

/** False during server rendering and before hydration: render what works without JavaScript. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useActionData, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { z, ZodType } from "zod";
import type { ConfirmRequest } from "~/lib/action-reply.ts";

/** What the document page's action answers (see page-actions.server.ts). */
export interface PageActionData {
  intent: string;
  result?: SubmissionResult<string[]>;
  message?: string;
  ok?: boolean;
  confirm?: string;
  target?: string;
  status?: string;
}

/** The page's answer to a plain form post (no JavaScript) for this intent, if any. */
export function usePageAnswer(intent: string, target?: string): PageActionData | undefined {
  const data = useActionData<PageActionData>();
  if (!data || data.intent !== intent) return undefined;
  if (target !== undefined && data.target !== undefined && data.target !== target) return undefined;
  return data;
}

/**
 * A form of the document page: a fetcher (no navigation, the editor stays) that still works as a
 * plain form without JavaScript, validated in the browser and again on the server with the same
 * zod schema; errors come back in the person's language.
 */
export function usePageForm<Schema extends ZodType<Record<string, unknown>, Record<string, unknown>>>(id: string, intent: string, schema: Schema, target?: string) {
  const fetcher = useFetcher<PageActionData>({ key: id });
  const answer = usePageAnswer(intent, target);
  const data = fetcher.data ?? answer;
  const [form, fields] = useForm<z.input<Schema> & Record<string, unknown>, z.output<Schema>>({
    id,
    lastResult: fetcher.state === "idle" ? data?.result : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return { fetcher, form, fields, data, busy: fetcher.state !== "idle" };
}

/**
 * The question the server answered a post without JavaScript with, in the shape the kit's
 * ConfirmPrompt asks it (until this page's action answers in the protocol's reply shape).
 */
export function serverConfirm(question: string | null | undefined, intent: string, fields: Record<string, string>, confirmLabel: string): ConfirmRequest | null {
  return question ? { message: question, confirmLabel, fields: [["intent", intent], ...Object.entries(fields)] } : null;
}

/** False during server rendering and before hydration: render what works without JavaScript. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

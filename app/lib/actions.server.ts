import type { Submission, SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { z } from "zod";
import { requireUser, type SessionUser } from "~/auth/session.server.ts";
import { getFixedT, getLocale } from "~/i18n/i18n.server.ts";
import { translateKey, translateKnown } from "~/i18n/keys.ts";
import type { Permit } from "~/policy/index.ts";
import type { ActionReply, ConfirmRequest } from "./action-reply.ts";
import { boundedFields, boundedResult } from "./bounded-echo.ts";
import { notUniqueError, uniqueViolation } from "./unique.server.ts";
import { isUserError } from "./user-error.ts";
import { parseWithZod } from "./zod-form.ts";

/**
 * The one action protocol (decision 054). A route's action is a table of intents; each one goes
 * form data → intent → zod → authorize (the policy's permit) → confirmation → run → one reply in
 * the person's language. Pages show replies with the kit's ActionFeedback.
 *
 *   export const action = intentAction({
 *     load: ({ params }, user) => loadStudioAccess(user, params.studioId),
 *     intents: (intent) => ({
 *       remove: intent({
 *         schema: removeMemberSchema,
 *         authorize: ({ user, ctx }) => permit(user, "studio:manage", ctx.resource),
 *         confirm: ({ t }, input) => ({ message: t(…), confirmLabel: t(…) }),
 *         run: async ({ user, t }, input) => ({ notice: t(…) }),
 *       }),
 *     }),
 *   });
 */
export interface IntentCall<Ctx, User = SessionUser> {
  /** Who acts: the signed-in person (see intentAction's `actor` for the two pages that differ). */
  user: User;
  /** What `load` returned: the resource and the viewer's relation to it. */
  ctx: Ctx;
  t: TFunction;
  locale: string;
  form: FormData;
  request: Request;
}

/** What a successful run hands back; all of it optional. */
export interface Outcome<Data = undefined> {
  notice?: string;
  data?: Data;
  /** Go elsewhere afterwards (a path of this app). */
  redirectTo?: string;
  /** Headers to send with the redirect (signing in sets the session cookie). */
  headers?: HeadersInit;
}

type Awaitable<T> = T | Promise<T>;

export interface IntentSpec<Ctx, Schema extends z.ZodType, Data, Target = undefined, User = SessionUser> {
  schema: Schema;
  /**
   * The thing this intent acts on, when the page's `load` is not enough (a row named by the form):
   * loaded once, 404 when missing, and handed to authorize, confirm and run.
   */
  target?: (call: IntentCall<Ctx, User>, input: z.output<Schema>) => Awaitable<Target>;
  /** The policy decides: return `permit(user, "action", resource)`; it throws 403 otherwise. */
  authorize: (call: IntentCall<Ctx, User>, input: z.output<Schema>, target: Target) => Awaitable<Permit>;
  /** Destructive intents ask first (unless the post says `confirmed=yes`). */
  confirm?: (call: IntentCall<Ctx, User>, input: z.output<Schema>, target: Target) => Awaitable<Omit<ConfirmRequest, "fields"> | null>;
  run: (call: IntentCall<Ctx, User>, input: z.output<Schema>, target: Target) => Awaitable<Outcome<Data> | void>;
  /** Keep what was typed after success (default: the form is reset). */
  keepForm?: boolean;
  /** Fields never sent back to the page, whatever the answer (passwords). */
  hideFields?: string[];
}

/** Declares one intent; exists so TypeScript infers each intent's input, target and data separately. */
export type IntentBuilder<Ctx, User = SessionUser> = <Schema extends z.ZodType, Data = undefined, Target = undefined>(
  spec: IntentSpec<Ctx, Schema, Data, Target, User>,
) => IntentSpec<Ctx, Schema, Data, Target, User>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DataOf<S> = S extends IntentSpec<any, any, infer D, any, any> ? D : never;

/** The union of every intent's reply, discriminated by `intent`. */
export type RepliesOf<Intents> = { [K in keyof Intents & string]: ActionReply<K, DataOf<Intents[K]>> }[keyof Intents & string];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function intentAction<Ctx, Intents extends Record<string, IntentSpec<Ctx, z.ZodType, unknown, any, User>>, User = SessionUser>(options: {
  /**
   * Who acts, when it is not a signed-in person with a password of their own (requireUser, the
   * default): the password page takes any session, signing in takes a visitor.
   */
  actor?: (request: Request) => Promise<User>;
  /** Loads the resource and the viewer's relation (404 when missing); runs before any intent. */
  load?: (args: ActionFunctionArgs, user: User) => Promise<Ctx>;
  intents: (intent: IntentBuilder<Ctx, User>) => Intents;
  /** How the body is read (e.g. readUploadForm for file uploads); request.formData() by default. */
  readForm?: (request: Request) => Promise<FormData>;
}) {
  const intents = options.intents((spec) => spec);
  return async (args: ActionFunctionArgs) => {
    const { request } = args;
    const user = options.actor ? await options.actor(request) : ((await requireUser(request)) as User);
    const ctx = options.load ? await options.load(args, user) : (undefined as Ctx);
    let form: FormData;
    try {
      form = await (options.readForm ?? ((r: Request) => r.formData()))(request);
    } catch (error) {
      // The body was refused before it was read (an upload over its limit): which intent it carried
      // is unknown, so the reply names none and pages show it with an unfiltered ActionFeedback.
      if (!isUserError(error)) throw error;
      const t = await getFixedT(request);
      const body = { intent: "", status: "error", error: translateKey(t, error.key, error.params), details: error.details };
      return data(body as unknown as RepliesOf<Intents>, { status: error.status });
    }
    const name = String(form.get("intent") ?? "");
    const spec = Object.hasOwn(intents, name) ? intents[name] : undefined;
    if (!spec) throw new Response("Bad Request: unknown intent", { status: 400 });
    const [t, locale] = await Promise.all([getFixedT(request), getLocale(request)]);
    const call: IntentCall<Ctx, User> = { user, ctx, t, locale, form, request };
    // Every reply passes here: what was submitted goes back without oversized values (decision 098).
    const reply = (body: Omit<ActionReply, "intent">, status = 200) => {
      const bounded = { ...body, intent: name };
      if (body.form) bounded.form = boundedResult(body.form);
      if (body.confirm) bounded.confirm = { ...body.confirm, fields: boundedFields(body.confirm.fields) };
      return data(bounded as RepliesOf<Intents>, { status });
    };

    const { hideFields } = spec;
    const submission = parseWithZod(form, { schema: spec.schema });
    if (submission.status !== "success") {
      return reply({ status: "error", error: t("kit.formInvalid"), form: translatedReply(submission, t, { hideFields }) }, 400);
    }
    const input = submission.value;
    const target = spec.target ? await spec.target(call, input) : undefined;
    await spec.authorize(call, input, target);

    if (spec.confirm && form.get("confirmed") !== "yes") {
      const question = await spec.confirm(call, input, target);
      if (question) return reply({ status: "confirm", confirm: { ...question, fields: submittedFields(form) } });
    }

    try {
      const outcome = (await spec.run(call, input, target)) ?? {};
      if (outcome.redirectTo) return redirect(outcome.redirectTo, { headers: outcome.headers });
      return reply({ status: "success", notice: outcome.notice, data: outcome.data, form: submission.reply({ resetForm: !spec.keepForm, hideFields }) });
    } catch (thrown) {
      // A unique name or code taken by someone saving at the same moment, which no service mapped to
      // its own sentence (decision 094): a 409 the person can act on, not the error page.
      const error = uniqueViolation(thrown) ? notUniqueError() : thrown;
      if (!isUserError(error)) throw error;
      const message = translateKey(t, error.key, error.params);
      // A refusal about one field is shown there, like a validation error; the page gets the summary.
      if (error.field) {
        const form = submission.reply({ fieldErrors: { [error.field]: [message] }, hideFields });
        return reply({ status: "error", error: t("kit.formInvalid"), details: error.details, form }, error.status);
      }
      return reply({ status: "error", error: message, details: error.details, form: submission.reply({ formErrors: [message], hideFields }) }, error.status);
    }
  };
}

/** The fields to post again once confirmed (files cannot be; confirmations never carry them). */
function submittedFields(form: FormData): Array<[string, string]> {
  return [...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[0] !== "confirmed");
}

/**
 * Schemas carry translation keys as messages ("validation.required"); the reply sent back to the
 * form carries the text in the person's language, so the page shows it as is, with or without JS.
 */
function translatedReply<Output>(
  submission: Submission<Output>,
  t: TFunction,
  options?: { formErrors?: string[]; resetForm?: boolean; hideFields?: string[] },
): SubmissionResult<string[]> {
  const reply = submission.reply(options);
  if (!reply.error) return reply;
  const error: Record<string, string[] | null> = {};
  for (const [name, messages] of Object.entries(reply.error)) {
    error[name] = messages ? messages.map((message) => translateKnown(t, message)) : null;
  }
  return { ...reply, error };
}

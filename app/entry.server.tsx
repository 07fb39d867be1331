import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { NonceProvider } from "~/components/nonce.tsx";
import { ServerHtmlProvider } from "~/components/server-html.tsx";
import { collectServerHtml } from "~/lib/server-html.server.ts";
import { PageChunks } from "~/infra/page-chunks.server.ts";
import { getLocale, i18nFor } from "~/i18n/i18n.server.ts";
import "~/load-context.ts";
import { currentLogger } from "~/observability/logger.server.ts";

/** For the custom server (server.ts): seeding, health, socket.io, shutdown. */
export { appHooks } from "~/composition/app-hooks.server.ts";

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const i18n = await i18nFor(await getLocale(request));
  // HTML the loaders kept out of their data (a document's body), for this render only.
  const serverHtml = await collectServerHtml();
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ""}>
        <I18nextProvider i18n={i18n}>
          <ServerHtmlProvider value={serverHtml}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </ServerHtmlProvider>
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PageChunks();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged; before it, onShellError handles them.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Server errors go to the log with the request; the page the person sees never shows a stack. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // With the request's id (decision 127); the path, not the query string.
  currentLogger().error({ err: error }, `${request.method} ${new URL(request.url).pathname}`);
}

import type { RequestHandler } from "express";
import type { Pair } from "~/i18n/define-messages.ts";
import { serviceState } from "~/infra/supervisor.server.ts";

/**
 * The page's words, Chinese first. Not i18next messages: this page is answered before Remix,
 * without the database that holds a person's language, so it shows both languages.
 */
const unavailableTitle: Pair = ["服务暂时不可用", "Temporarily unavailable"];
const databaseRestarting: Pair = ["数据库正在重新启动，请稍候再试。已保存的内容不会丢失。", "The database is restarting. Please try again in a moment; nothing saved is lost."];
const databaseDown: Pair = ["暂时无法连接数据库，正在自动重试，请稍候再试。已保存的内容不会丢失。", "The database cannot be reached right now; reconnecting automatically. Please try again in a moment; nothing saved is lost."];
const retry: Pair = ["重试", "Try again"];

/** Seconds a browser or a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * While the database is restarting or unreachable (decision 090), pages answer 503 with a short
 * page of their own instead of the generic 500: no page can be rendered without the database
 * (the session, the settings). /healthz and static files are served before this. The page is
 * plain HTML in both languages (Chinese first), with no script, so it needs nothing that is down.
 * A search engine outage does not stop pages: search says it is unavailable on its own.
 */
export const answerWhileDatabaseUnavailable: RequestHandler = (_req, res, next) => {
  const state = serviceState("database");
  if (state === "ok") return next();
  const message = state === "restarting" ? databaseRestarting : databaseDown;
  res
    .status(503)
    .set({ "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store", "Content-Type": "text/html; charset=utf-8" })
    .send(unavailablePage(message));
};

function unavailablePage([zh, en]: Pair): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS * 2}">
<title>${unavailableTitle[0]}</title>
</head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.6; color: #1f2937">
<main>
<h1 style="font-size: 1.5rem">${unavailableTitle[0]}</h1>
<p>${zh}</p>
<p lang="en" style="color: #4b5563">${unavailableTitle[1]}: ${en}</p>
<p><a href="">${retry[0]}</a> · <a href="" lang="en">${retry[1]}</a></p>
</main>
</body>
</html>`;
}

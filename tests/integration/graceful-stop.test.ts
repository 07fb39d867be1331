import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "~/infra/embedded-postgres.server.ts";
import { removeDataDir, startApp } from "../support/app-server.ts";
import { embeddedDatabaseUrl, probe, processAlive, queryOnce, readRunLock, waitUntil } from "../support/embedded-app.ts";
import { signInOverHttp } from "../support/http-session.ts";
import { scratchDir } from "../support/scratch-dir.ts";

/**
 * Issue 27, item 1. A terminal's Ctrl+C (SIGINT) or a service manager's SIGTERM goes to the app's
 * whole process group, while a large Markdown import is under way. The embedded PostgreSQL and
 * Meilisearch run in their own group, so the import finishes; the app stops taking requests,
 * closes everything, stops the services last, removes its lock and exits 0. What the client was
 * told matches what is stored: a 2xx means the document exists once, anything else that it does not.
 */
const dataDir = scratchDir("graceful-stop");
afterAll(() => removeDataDir(dataDir));

/** Markdown of about `kilobytes` KB: many paragraphs, some lists and emphasis (real parsing work). */
function largeMarkdown(title: string, kilobytes: number): string {
  const paragraph = (n: number) =>
    `第 ${n} 段：辅导员在学生心理危机早期识别中的**关键作用**，包括谈心谈话、宿舍走访与家校沟通。\n\n- 要点一：建立台账\n- 要点二：及时转介\n\n`;
  const parts = [`# ${title}\n\n`];
  let size = 0;
  for (let n = 1; size < kilobytes * 1024; n++) {
    const part = paragraph(n);
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return parts.join("");
}

async function stopDuringImport(signal: "SIGINT" | "SIGTERM") {
  const app = await startApp({ dataDir, detached: true, timeoutMs: 240_000 });
  const title = `停机测试导入（${signal}）`;
  const lock = readRunLock(dataDir)!;
  let answer: { status: number; body: string } | { error: string };
  let exitCode: number | null;
  let afterSignal: { status: number; body: string } | { error: string };
  try {
    const url = embeddedDatabaseUrl(app);
    const [row] = await queryOnce<{ studioId: string }>(
      url,
      `SELECT m."studioId" FROM "StudioMembership" m JOIN "User" u ON u.id = m."userId" WHERE u.username = 'leader' AND m.role = 'LEADER' LIMIT 1`,
    );
    const studioId = row!.studioId;
    const cookie = await signInOverHttp(app.baseUrl, "leader");
    const form = new FormData();
    form.append("intent", "import");
    form.append("type", "RESEARCH_NOTE");
    form.append("files", new Blob([largeMarkdown(title, 400)], { type: "text/markdown" }), "长文.md");
    const exited = new Promise<number | null>((resolve) => app.process.once("exit", (code) => resolve(code)));
    const request = probe(`${app.baseUrl}/studios/${studioId}/documents/import`, { method: "POST", headers: { Cookie: cookie }, body: form });
    // The upload is on its way and the server is parsing and storing it.
    await new Promise((resolve) => setTimeout(resolve, 400));
    process.kill(-app.process.pid!, signal);
    // Once the app has taken the signal (its event loop may be busy with the import), a new
    // request is not served any more.
    await waitUntil("the app to start stopping", () => app.output().includes(`收到 ${signal}，正在停止`), 120_000, 10).catch((error: Error) => {
      throw new Error(`${error.message}\n--- server output ---\n${app.output().slice(-3000)}`);
    });
    afterSignal = await probe(`${app.baseUrl}/login`);
    answer = await request;
    exitCode = await exited;
  } finally {
    if (app.process.exitCode === null) app.process.kill("SIGKILL");
  }
  const output = app.output();
  return { app, title, lock, answer, exitCode, afterSignal, output };
}

async function storedCopies(title: string): Promise<number> {
  const pg = await startEmbeddedPostgres({ dataDir, log: () => {} });
  try {
    const [row] = await queryOnce<{ count: string }>(pg.url, `SELECT count(*) FROM "Document" WHERE title = $1`, [title]);
    return Number(row!.count);
  } finally {
    await pg.stop();
  }
}

describe("stopping the app while a large import is under way", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} to the process group: the import's answer matches what is stored, and the app exits 0`, async () => {
      const { title, lock, answer, exitCode, afterSignal, output } = await stopDuringImport(signal);
      const context = `answer: ${JSON.stringify(answer).slice(0, 300)}\n--- server output ---\n${output.slice(-3000)}`;

      expect(exitCode, context).toBe(0);
      expect(output, context).toContain("已停止。");
      expect(output, context).not.toMatch(/EPIPE|Unhandled 'error'|uncaught|停止时出错/i);
      // No new request after the signal.
      expect("error" in afterSignal || afterSignal.status === 503, JSON.stringify(afterSignal).slice(0, 300)).toBe(true);
      // The services stopped after the app was done with them, and the lock is gone.
      expect(readRunLock(dataDir)).toBeNull();
      for (const pid of Object.values(lock.children)) expect(processAlive(pid)).toBe(false);

      const copies = await storedCopies(title);
      if ("status" in answer && answer.status >= 200 && answer.status < 300) {
        expect(answer.body, context).toContain(title);
        expect(copies, context).toBe(1);
      } else {
        expect(copies, context).toBe(0);
      }
      // The signal came while the import was under way: it was let finish, not cut off.
      expect(output, context).toMatch(/等待 1 个处理中的请求完成/);
      expect("status" in answer && answer.status, context).toBe(200);
    }, 600_000);
  }
});

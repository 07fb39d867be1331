/**
 * npm run import -- --studio <工作室 id 或名称> [--as <工号>] [--type RESEARCH_NOTE|CASE_STUDY|OUTPUT_DRAFT|MEETING_MINUTES] <文件夹>
 *
 * Bulk import of existing material: every .docx and .md file under the folder (recursively)
 * becomes a document of the studio, exactly as the upload page does it (same conversion, same
 * sanitizer). Pictures next to a Markdown file are taken along. Runs against DATABASE_URL or the
 * app's embedded database (stop the app first; the run lock says so).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readConfig } from "~/infra/config.server.ts";
import { getRuntime, setRuntime } from "~/infra/runtime.server.ts";
import { isUserError } from "~/lib/user-error.ts";
import { runCli, withDatabase } from "./cli-services.ts";

const USAGE = "用法：npm run import -- --studio <工作室 id 或名称> [--as <工号>] [--type RESEARCH_NOTE|CASE_STUDY|OUTPUT_DRAFT|MEETING_MINUTES] <文件夹>";

function filesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith(".")) found.push(...filesUnder(full));
    else if (entry.isFile() && /\.(docx|md|markdown)$/i.test(entry.name) && !entry.name.startsWith("~$")) found.push(full);
  }
  return found;
}

runCli(async () => {
  const { values, positionals } = parseArgs({
    options: { studio: { type: "string" }, as: { type: "string" }, type: { type: "string", default: "RESEARCH_NOTE" } },
    allowPositionals: true,
  });
  const folder = positionals[0];
  if (!values.studio || !folder) throw new Error(USAGE);
  const root = path.resolve(folder);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new Error(`找不到文件夹 ${root}。\n${USAGE}`);
  const { DOCUMENT_TYPES } = await import("~/documents/schemas.ts");
  if (!(DOCUMENT_TYPES as readonly string[]).includes(values.type!)) throw new Error(`--type 只能是 ${DOCUMENT_TYPES.join("、")}。`);
  const files = filesUnder(root);
  if (!files.length) throw new Error(`${root} 中没有 .docx 或 .md 文件。`);

  let failed = 0;
  await withDatabase(async (databaseUrl) => {
    const config = readConfig();
    const current = (() => {
      try {
        return getRuntime();
      } catch {
        return null;
      }
    })();
    setRuntime({
      databaseUrl,
      meiliUrl: current?.meiliUrl ?? config.meiliUrl ?? "",
      meiliApiKey: current?.meiliApiKey ?? config.meiliMasterKey ?? "",
      sessionSecret: current?.sessionSecret ?? config.sessionSecret ?? "cli",
      dataDir: config.dataDir,
    });
    const { prisma } = await import("~/db/client.server.ts");
    const { importFile } = await import("~/documents/import.server.ts");
    const { can } = await import("~/policy/index.ts");
    const { findStudioAccess } = await import("~/studios/access.server.ts");
    try {
      const studio = await prisma.studio.findFirst({
        where: { OR: [{ id: values.studio }, { name: values.studio }] },
        select: { id: true, name: true, memberships: { where: { role: "LEADER" }, select: { user: { select: { id: true, username: true } } } } },
      });
      if (!studio) throw new Error(`找不到工作室“${values.studio}”（请使用工作室 id 或完整名称）。`);
      const author = values.as
        ? await prisma.user.findUnique({ where: { username: values.as }, select: { id: true, username: true, roles: true, collegeId: true } })
        : null;
      // The same rule as importing in the browser: the studio's members ("studio:create-document").
      const allowed = author && can(author, "studio:create-document", (await findStudioAccess(author, studio.id))!.resource);
      if (values.as && !allowed) throw new Error(`工号 ${values.as} 不是“${studio.name}”的成员。`);
      const creator = author ?? studio.memberships[0]?.user;
      if (!creator) throw new Error(`“${studio.name}”没有负责人，请用 --as 指定一名成员。`);
      console.log(`正在把 ${files.length} 个文件导入“${studio.name}”（创建人 ${creator.username}）…`);
      const [{ i18nFor }, { translateKey }] = await Promise.all([import("~/i18n/i18n.server.ts"), import("~/i18n/keys.ts")]);
      const { t } = await i18nFor("zh-CN");
      for (const file of files) {
        const relative = path.relative(root, file);
        try {
          const result = await importFile({
            studioId: studio.id,
            userId: creator.id,
            filename: path.basename(file),
            bytes: fs.readFileSync(file),
            type: values.type as (typeof DOCUMENT_TYPES)[number],
            // Pictures referenced by a Markdown file, inside the imported folder only.
            resolveImage: (src) => {
              const target = path.resolve(path.dirname(file), src);
              return target.startsWith(root + path.sep) && fs.existsSync(target) ? fs.readFileSync(target) : null;
            },
          });
          const extras = [result.images ? `${result.images} 张图片` : "", result.skippedImages ? `${result.skippedImages} 张图片未能导入` : ""].filter(Boolean).join("，");
          console.log(`  ✓ ${relative} → 《${result.title}》${extras ? `（${extras}）` : ""}`);
        } catch (error) {
          if (!isUserError(error)) throw error;
          failed += 1;
          console.log(`  ✗ ${relative}：${translateKey(t, error.key, error.params)}`);
        }
      }
      console.log(`完成：导入 ${files.length - failed} 个，失败 ${failed} 个。`);
    } finally {
      await prisma.$disconnect();
    }
  });
  // A failed file fails the run (exit code 1), so scripts notice.
  if (failed) throw new Error(`${failed} 个文件未能导入，见上文。`);
});

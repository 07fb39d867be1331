import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { stateToJSON } from "~/documents/content.server.ts";
import { prisma } from "~/db/client.server.ts";
import { buildMentor, buildStudio } from "../support/factories.ts";
import { pngImage, sampleDocx } from "../support/fixtures.ts";
import { scratchDir } from "../support/scratch-dir.ts";

/**
 * `npm run import -- --studio <id> <folder>`: bulk import of existing material, run as the real
 * command against this file's seeded database (DATABASE_URL), files from a real folder. Each run
 * of the command starts a Node process (several seconds on a busy machine): the tests allow for it.
 */
const run = promisify(execFile);
const folder = scratchDir("import-src");
const dataDir = scratchDir("import-data");

afterAll(() => {
  fs.rmSync(folder, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function importCommand(args: string[]) {
  return run(process.execPath, ["--import", "tsx", "app/cli/import-documents.ts", ...args], {
    env: { ...process.env, FUDAO_DATA_DIR: dataDir },
    timeout: 120_000,
  }).then(
    (result) => ({ code: 0, output: result.stdout + result.stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );
}

describe("npm run import", () => {
  it("turns every .docx and .md file of a folder into a studio document, pictures included, and reports failures", async () => {
    const studio = await buildStudio();
    const backbone = studio.backbone[0]!;
    fs.mkdirSync(path.join(folder, "2025秋季", "img"), { recursive: true });
    fs.writeFileSync(path.join(folder, "案例汇编.docx"), await sampleDocx());
    fs.writeFileSync(path.join(folder, "2025秋季", "img", "图1.png"), pngImage());
    fs.writeFileSync(
      path.join(folder, "2025秋季", "例会纪要.md"),
      "# 第三次例会纪要\n\n## 议题\n\n- 新生适应性调查\n- 谈心谈话记录规范\n\n![现场照片](img/图1.png)\n\n<script>alert(1)</script>\n",
    );
    fs.writeFileSync(path.join(folder, "损坏的文件.docx"), "PK 这不是一个真正的 docx");
    fs.writeFileSync(path.join(folder, "说明.txt"), "不是要导入的文件");

    const before = await prisma.document.count({ where: { studioId: studio.id } });
    const result = await importCommand(["--studio", studio.id, "--as", backbone.username, "--type", "MEETING_MINUTES", folder]);
    expect(result.output).toContain("导入 2 个，失败 1 个");
    expect(result.output).toContain("损坏的文件.docx");
    expect(result.code).toBe(1); // a failed file makes the run fail, for scripts

    const created = await prisma.document.findMany({ where: { studioId: studio.id }, orderBy: { createdAt: "desc" }, take: 2, include: { authors: { include: { user: true } } } });
    expect(await prisma.document.count({ where: { studioId: studio.id } })).toBe(before + 2);
    const minutes = created.find((d) => d.title === "第三次例会纪要")!;
    expect(minutes).toBeDefined();
    expect(minutes.type).toBe("MEETING_MINUTES");
    expect(minutes.plainText).toContain("新生适应性调查");
    expect(minutes.plainText).not.toContain("alert");
    expect(minutes.authors.map((a) => a.user.username)).toContain(backbone.username);
    const body = JSON.stringify(stateToJSON(minutes.yState!));
    expect(body).toContain('"type":"heading"');
    expect(body).toContain('"type":"bulletList"');
    expect(body).toMatch(/"type":"image"/);
    // The picture was stored under the data directory.
    const images = await prisma.documentImage.findMany({ where: { documentId: minutes.id }, include: { file: true } });
    expect(images).toHaveLength(1);
  }, 90_000);

  it("refuses a person who is not a member, an unknown studio and a missing folder, in Chinese", async () => {
    // The studio's own mentor guides it but is not a member.
    const mentor = await buildMentor();
    const studio = await buildStudio({ mentors: [mentor] });
    const notMember = await importCommand(["--studio", studio.id, "--as", mentor.user.username, folder]);
    expect(notMember.code).toBe(1);
    expect(notMember.output).toContain(`工号 ${mentor.user.username} 不是“${studio.name}”的成员。`);
    const unknown = await importCommand(["--studio", "没有这个工作室", folder]);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain("找不到工作室");
    const missing = await importCommand(["--studio", studio.id, path.join(folder, "nope")]);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("找不到文件夹");
  }, 90_000);
});

import { prisma } from "~/db/client.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { TrainingHoursSource } from "~/generated/prisma/enums.ts";
import { inLanguage } from "~/i18n/define-messages.ts";
import { enumLabels } from "~/i18n/enum-labels.ts";
import { whereCan, type Actor } from "~/policy/index.ts";
import { schoolTimeText } from "./catalogue-io.server.ts";
import { writeSheet, type SheetColumn } from "./sheet.server.ts";

/**
 * The hours ledger as .xlsx (学时台账): one person's, a college's or the school's, always within
 * the list scope "training:view-ledger" (the route authorises the slice first; the scope keeps
 * the rows to what the actor may read even so). Each row names its source, so every hour can be
 * traced; a correction shows its reason.
 */

type Key = "username" | "name" | "college" | "year" | "title" | "platform" | "level" | "hours" | "source" | "sourceId" | "flags" | "reason" | "createdAt";

const COLUMNS: ReadonlyArray<SheetColumn<Key>> = [
  { key: "username", header: "工号" },
  { key: "name", header: "姓名", width: 10 },
  { key: "college", header: "学院", width: 20 },
  { key: "year", header: "年度", width: 8 },
  { key: "title", header: "培训名称", width: 30 },
  { key: "platform", header: "培训平台" },
  { key: "level", header: "级别", width: 8 },
  { key: "hours", header: "学时", width: 8 },
  { key: "source", header: "来源", width: 10 },
  { key: "sourceId", header: "来源记录", width: 28 },
  { key: "flags", header: "计入", width: 24 },
  { key: "reason", header: "更正理由", width: 24 },
  { key: "createdAt", header: "记入时间", width: 18 },
];

const SOURCE_NAMES: Record<TrainingHoursSource, string> = {
  ATTENDANCE: "签到",
  EXTERNAL: "校外培训",
  IMPORT: "导入",
  CORRECTION: "更正",
  MEETING: "月度交流例会",
  CAMP: "训练营",
};
const zh = inLanguage(enumLabels, 0);

export type LedgerSlice = { kind: "person"; userId: string } | { kind: "college"; collegeId: string } | { kind: "school" };

export async function exportLedger(actor: Actor, slice: LedgerSlice, options: { year?: number } = {}): Promise<Buffer> {
  const sliceWhere: Prisma.TrainingHoursEntryWhereInput =
    slice.kind === "person" ? { userId: slice.userId } : slice.kind === "college" ? { user: { collegeId: slice.collegeId } } : {};
  const entries = await prisma.trainingHoursEntry.findMany({
    where: { AND: [whereCan(actor, "training:view-ledger"), sliceWhere, options.year ? { year: options.year } : {}] },
    orderBy: [{ user: { nameSortKey: "asc" } }, { userId: "asc" }, { year: "desc" }, { createdAt: "asc" }, { id: "asc" }],
    select: {
      year: true, title: true, level: true, hours: true, source: true, sourceId: true, schoolLevel: true, induction: true, nationalOrProvincial: true, reason: true, createdAt: true,
      platform: { select: { nameZh: true } },
      user: { select: { username: true, name: true, college: { select: { name: true } } } },
    },
  });
  return writeSheet(
    "学时台账",
    COLUMNS,
    entries.map((entry) => ({
      username: entry.user.username,
      name: entry.user.name,
      college: entry.user.college?.name ?? "",
      year: entry.year,
      title: entry.title,
      platform: entry.platform?.nameZh ?? "",
      level: entry.level ? zh.level[entry.level] : "",
      hours: Number(entry.hours),
      source: SOURCE_NAMES[entry.source],
      sourceId: entry.sourceId ?? "",
      flags: [entry.schoolLevel && "校级培训学时", entry.induction && "岗前培训", entry.nationalOrProvincial && "国家级或省级培训"].filter(Boolean).join("、"),
      reason: entry.reason ?? "",
      createdAt: schoolTimeText(entry.createdAt),
    })),
  );
}

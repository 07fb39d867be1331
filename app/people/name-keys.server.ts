import { prisma, type Db } from "~/db/client.server.ts";
import { recurringPass } from "~/infra/background-task.ts";
import { nameKeys } from "./name-keys.ts";

const BATCH = 1000;

/**
 * Writes the name keys of everyone whose stored keys are missing or no longer match their name:
 * after the migration that added the columns, after an upgrade of pinyin-pro's dictionary, or
 * for a name written outside the app. The app's own writes set them with the name (decision 015).
 * A row whose name changed meanwhile is left to that write. Returns how many rows it corrected.
 */
export async function refreshNameKeys(db: Db = prisma): Promise<number> {
  const people = await db.user.findMany({ select: { id: true, name: true, nameSortKey: true, namePinyin: true, nameInitials: true }, orderBy: { id: "asc" } });
  const stale = people.flatMap((person) => {
    const keys = nameKeys(person.name);
    const current = keys.nameSortKey === person.nameSortKey && keys.namePinyin === person.namePinyin && keys.nameInitials === person.nameInitials;
    return current ? [] : [{ id: person.id, name: person.name, ...keys }];
  });
  let corrected = 0;
  for (let start = 0; start < stale.length; start += BATCH) {
    const batch = stale.slice(start, start + BATCH);
    const column = <K extends keyof (typeof batch)[number]>(key: K) => batch.map((row) => row[key]);
    corrected += await db.$executeRaw`
      UPDATE "User" AS u SET "nameSortKey" = v.sort, "namePinyin" = v.pinyin, "nameInitials" = v.initials
      FROM unnest(${column("id")}::text[], ${column("name")}::text[], ${column("nameSortKey")}::text[],
                  ${column("namePinyin")}::text[], ${column("nameInitials")}::text[])
        AS v(id, name, sort, pinyin, initials)
      WHERE u.id = v.id AND u.name = v.name`;
  }
  return corrected;
}

/**
 * At start-up, beside requests, once across the instances that start within ten minutes (the job
 * queue, decision 113): a few thousand names take well under a second, and until a missing key is
 * written that person sorts last (NULLs last), nothing worse. The update only writes rows whose
 * name is still the one read, so a repeated pass changes nothing.
 */
export const nameKeysPass = recurringPass({
  name: "name-keys",
  everyMs: 10 * 60_000,
  repeat: false,
  expireInSeconds: 600,
  pass: () => refreshNameKeys(),
  done: (corrected) => `已为 ${corrected} 人写入按姓氏读音排序的拼音键。`,
  failed: (error) => `更新人员姓名排序键失败：${error}`,
});

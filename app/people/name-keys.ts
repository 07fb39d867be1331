import { pinyin } from "pinyin-pro";

/**
 * What people are sorted and found by, derived from their name (decision 015). ICU's Chinese
 * collation reads 沈 as chén and 翟 as dí; a surname is read as a surname here (沈 shěn, 翟 zhái,
 * 单 shàn, 曾 zēng, 仇 qiú, 解 xiè, 区 ōu, 朴 piáo, 查 zhā, compound 尉迟 yùchí …) by pinyin-pro's
 * surname mode. Stored on the User row (nameSortKey, namePinyin, nameInitials) and written with
 * every name: `...nameKeys(name)`.
 */
export interface NameKeys {
  /** Syllable by syllable, each closed by its tone digit (沈明华 → "shen3ming2hua2"); Latin words closed by "0". */
  nameSortKey: string;
  /** Full pinyin without tones, for finding "shenminghua" or "shen". */
  namePinyin: string;
  /** First letters, for finding "smh". */
  nameInitials: string;
}

/** One pinyin syllable with its tone number as pinyin-pro writes it (ü as v; 0 = neutral tone). */
const SYLLABLE = /^([a-z]+)([0-5])$/;

/** Letters of Latin text, accents dropped (Müller → muller, full-width ＡＮＮＡ → anna), one entry per word. */
function latinWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

export function nameKeys(name: string): NameKeys {
  const parts = pinyin(name.trim(), { surname: "head", toneType: "num", type: "array", nonZh: "consecutive", v: true });
  let sortKey = "";
  let full = "";
  let initials = "";
  for (const part of parts) {
    const syllable = SYLLABLE.exec(part);
    // A digit closes every segment: digits sort before letters in every collation (C, ICU, glibc),
    // so 李 (li3…) comes before 林 (lin2…) and min before ming, whatever the database's collation.
    const segments = syllable ? [{ letters: syllable[1]!, close: syllable[2]! }] : latinWords(part).map((letters) => ({ letters, close: "0" }));
    for (const { letters, close } of segments) {
      sortKey += letters + close;
      full += letters;
      initials += letters[0];
    }
  }
  return { nameSortKey: sortKey, namePinyin: full, nameInitials: initials };
}

/**
 * A picker's query read as pinyin ("Zhang Ming", "zhang'minghua", "lü" → "zhangming", "zhangminghua",
 * "lv"), or null when it is not pinyin (Chinese characters, a 工号 with digits).
 */
export function pinyinQuery(query: string): string | null {
  const text = query.trim();
  if (!/^[\p{L}\s'’·-]+$/u.test(text) || /\p{Script=Han}/u.test(text)) return null;
  // Typed pinyin writes ü as v (as IMEs do) or as ü; both mean the v of the stored pinyin.
  const letters = latinWords(text.replace(/[üÜ]/g, "v")).join("");
  return letters || null;
}

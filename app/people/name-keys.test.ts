import { describe, expect, it } from "vitest";
import { nameKeys, pinyinQuery } from "./name-keys.ts";

const sortKey = (name: string) => nameKeys(name).nameSortKey;
/** Sorted as the database sorts the key: by code point (C collation) … */
const byKey = (names: string[]) => [...names].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
/** … and as a database with a language collation would (ICU via Intl): the same order. */
const byKeyIcu = (names: string[]) => [...names].sort((a, b) => new Intl.Collator("en").compare(sortKey(a), sortKey(b)));

describe("the surname-aware pinyin key of a name", () => {
  it("reads surnames as surnames, not by their common reading", () => {
    expect(sortKey("沈明")).toBe("shen3ming2"); // not chén
    expect(sortKey("翟亮")).toBe("zhai2liang4"); // not dí
    expect(sortKey("单雄信")).toMatch(/^shan4/); // not dān
    expect(sortKey("曾国藩")).toMatch(/^zeng1/); // not céng
    expect(sortKey("仇英")).toMatch(/^qiu2/); // not chóu
    expect(sortKey("解缙")).toMatch(/^xie4/); // not jiě
    expect(sortKey("区家麟")).toMatch(/^ou1/); // not qū
    expect(sortKey("朴树")).toMatch(/^piao2/); // not pǔ
    expect(sortKey("查良镛")).toMatch(/^zha1/); // not chá
  });

  it("reads compound surnames as one surname", () => {
    expect(sortKey("尉迟恭")).toBe("yu4chi2gong1"); // 尉 alone would be wèi
    expect(sortKey("万俟卨")).toMatch(/^mo4qi2/); // not wàn sì
    expect(sortKey("长孙无忌")).toMatch(/^zhang3sun1/); // not cháng
    expect(nameKeys("欧阳修")).toEqual({ nameSortKey: "ou1yang2xiu1", namePinyin: "ouyangxiu", nameInitials: "oyx" });
    expect(nameKeys("上官婉儿").nameInitials).toBe("sgwe");
    expect(nameKeys("诸葛亮").namePinyin).toBe("zhugeliang");
  });

  it("reads only the first character as the surname: 单 in a given name is dān", () => {
    expect(sortKey("张单")).toBe("zhang1dan1");
  });

  it("puts 沈 after 陈 and 翟 after 丁, where the directory's ICU collation did not", () => {
    const names = ["翟亮", "丁一", "沈明", "包拯", "戴安", "陈晨"];
    expect(byKey(names)).toEqual(["包拯", "陈晨", "戴安", "丁一", "沈明", "翟亮"]);
    expect(byKeyIcu(names)).toEqual(byKey(names));
  });

  it("compares syllable by syllable: 李 before 林, min before ming, whatever the collation", () => {
    const names = ["林安", "李玉", "闵敏", "明月", "李华"];
    expect(byKey(names)).toEqual(["李华", "李玉", "林安", "闵敏", "明月"]);
    expect(byKeyIcu(names)).toEqual(byKey(names));
  });

  it("keeps one surname together by its tone: all of 黎 (lí) before all of 李 (lǐ)", () => {
    expect(byKey(["李安", "黎明", "李爱", "黎安"])).toEqual(["黎安", "黎明", "李爱", "李安"]);
  });

  it("gives pinyin and initials for finding 张明华 by zhang, zhangminghua or zmh", () => {
    expect(nameKeys("张明华")).toEqual({ nameSortKey: "zhang1ming2hua2", namePinyin: "zhangminghua", nameInitials: "zmh" });
    expect(nameKeys("吕小雨").namePinyin).toBe("lvxiaoyu");
  });

  it("keeps Latin names by their letters, accents and width dropped, among the pinyin", () => {
    expect(nameKeys("Anna Müller")).toEqual({ nameSortKey: "anna0muller0", namePinyin: "annamuller", nameInitials: "am" });
    expect(nameKeys("李Anna")).toEqual({ nameSortKey: "li3anna0", namePinyin: "lianna", nameInitials: "la" });
    expect(nameKeys("ＡＮＮＡ").namePinyin).toBe("anna");
    expect(byKey(["Zoe Smith", "张明华", "Anna Müller", "白雪"])).toEqual(["Anna Müller", "白雪", "张明华", "Zoe Smith"]);
  });

  it("skips separators in transliterated names", () => {
    expect(nameKeys("买买提·艾力")).toEqual({ nameSortKey: "mai3mai3ti2ai4li4", namePinyin: "maimaitiaili", nameInitials: "mmtal" });
    expect(nameKeys(" 王-小雨 ").nameInitials).toBe("wxy");
  });

  it("gives empty keys for an empty name", () => {
    expect(nameKeys("")).toEqual({ nameSortKey: "", namePinyin: "", nameInitials: "" });
    expect(nameKeys("   ")).toEqual({ nameSortKey: "", namePinyin: "", nameInitials: "" });
  });
});

describe("a picker's query read as pinyin", () => {
  it("joins syllables and drops case, spaces and apostrophes", () => {
    expect(pinyinQuery("Zhang Ming")).toBe("zhangming");
    expect(pinyinQuery("zhang'minghua")).toBe("zhangminghua");
    expect(pinyinQuery(" zmh ")).toBe("zmh");
    expect(pinyinQuery("lü")).toBe("lv");
  });

  it("is no pinyin when it has Chinese characters or digits, or nothing at all", () => {
    expect(pinyinQuery("张明")).toBeNull();
    expect(pinyinQuery("zhang明")).toBeNull();
    expect(pinyinQuery("20230012")).toBeNull();
    expect(pinyinQuery("zhang1")).toBeNull();
    expect(pinyinQuery("")).toBeNull();
    expect(pinyinQuery("'")).toBeNull();
  });
});

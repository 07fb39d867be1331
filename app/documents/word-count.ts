/**
 * Word count the way Chinese word processors count it (WPS, Word's 字数): every Chinese, Japanese
 * or Korean character is one word; a run of Latin letters or digits (with inner apostrophes,
 * hyphens, dots or commas as in "don't", "COVID-19", "3.14", "1,000") is one word; punctuation and
 * spaces are not counted.
 */
const CJK_CHAR = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]`;
const LATIN_CHAR = String.raw`(?:(?!${CJK_CHAR})[\p{L}\p{N}\p{M}])`;
const TOKEN = new RegExp(`${CJK_CHAR}|${LATIN_CHAR}+(?:['’.,\-]${LATIN_CHAR}+)*`, "gu");

export function countWords(text: string): number {
  // A CJK character is matched alone by the first alternative; anything else is a Latin run.
  let count = 0;
  for (const _match of text.matchAll(TOKEN)) count += 1;
  return count;
}

/** Characters without whitespace (字符数，不计空格). */
export function countCharacters(text: string): number {
  let count = 0;
  for (const char of text) if (!/\s/u.test(char)) count += 1;
  return count;
}

/**
 * Chinese text for Meilisearch (see docs/decisions/040-chinese-search.md and 046).
 *
 * Meilisearch segments Chinese with jieba and matches whole words or word prefixes, so "处理"
 * does not find "待处理" and "学生" does not find "大学生". Every searchable field therefore has
 * a twin of overlapping character bigrams ("待处 处理 …"), and a query's Chinese is always sent
 * as bigrams too: each bigram is a two-character chunk in both, so jieba cuts it the same way on
 * either side and any substring of two or more characters matches. Synonyms are expanded here,
 * not in Meilisearch: a query with synonym terms becomes one variant per combination of their
 * alternatives, each sent as bigrams, and matching.server.ts merges the variants' hits.
 */

/** Han characters (CJK unified ideographs and extension A, compatibility ideographs). */
const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const HAN_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/** Meilisearch reads only the first ten words of a query. */
export const MAX_QUERY_WORDS = 10;

export function hasHan(text: string): boolean {
  return HAN_CHAR.test(text);
}

/** Overlapping bigrams of one run of Han characters; a lone character stays as it is. */
function runBigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Non-overlapping pairs covering the run (the last pair overlaps when the length is odd). */
function runPairs(run: string): string[] {
  const chars = [...run];
  if (chars.length <= 2) return [run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 2) out.push(chars[i]! + chars[i + 1]!);
  if (chars.length % 2 === 1) out.push(chars[chars.length - 2]! + chars[chars.length - 1]!);
  return out;
}

/** The bigram twin of a field: the Han bigrams of its text, separated by spaces (other text is left to the field itself). */
export function hanBigrams(text: string, maxChars = Infinity): string {
  const out: string[] = [];
  let used = 0;
  for (const match of text.matchAll(HAN_RUN)) {
    out.push(...runBigrams(match[0]));
    used += match[0].length;
    if (used >= maxChars) break;
  }
  return out.join(" ");
}

type Piece = { kind: "term"; text: string } | { kind: "run"; text: string } | { kind: "other"; text: string };

/** Splits a query into synonym terms (longest first), Han runs between them and other words. */
function pieces(query: string, keepTerms: readonly string[]): Piece[] {
  const terms = [...new Set(keepTerms.filter((t) => t.length > 0 && hasHan(t)))].sort((a, b) => b.length - a.length);
  const latinTerms = new Map(keepTerms.filter((t) => t.length > 0 && !hasHan(t)).map((t) => [t.toLowerCase(), t]));
  const out: Piece[] = [];
  const others = (text: string) => {
    for (const word of text.split(/\s+/)) if (word) out.push(latinTerms.has(word.toLowerCase()) ? { kind: "term", text: latinTerms.get(word.toLowerCase())! } : { kind: "other", text: word });
  };
  let last = 0;
  for (const match of query.matchAll(HAN_RUN)) {
    others(query.slice(last, match.index));
    last = match.index + match[0].length;
    const run = match[0];
    let rest = "";
    for (let i = 0; i < run.length; ) {
      const term = terms.find((t) => run.startsWith(t, i));
      if (term) {
        if (rest) out.push({ kind: "run", text: rest });
        rest = "";
        out.push({ kind: "term", text: term });
        i += term.length;
      } else {
        rest += run[i];
        i += 1;
      }
    }
    if (rest) out.push({ kind: "run", text: rest });
  }
  others(query.slice(last));
  return joinLoneCharacters(out);
}

/** A single character beside a synonym term would have to match a word on its own: join them as a run ("生" + "心理"). */
function joinLoneCharacters(parts: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const part of parts) {
    const previous = out[out.length - 1];
    const lone = (p: Piece | undefined) => p?.kind === "run" && [...p.text].length === 1;
    const han = (p: Piece) => p.kind !== "other" && hasHan(p.text);
    if (previous && han(previous) && han(part) && (lone(previous) || lone(part))) {
      out[out.length - 1] = { kind: "run", text: previous.text + part.text };
    } else {
      out.push(part);
    }
  }
  return out;
}

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/**
 * A Han run of the query cut into words (ICU's dictionary), with single characters joined to
 * their neighbour: "成绩分析" → 成绩 | 分析, "待处理事项" → 待处理 | 事项. Bigrams are then
 * taken within each word, not across the boundary, so "成绩分析" also finds "分析成绩数据".
 */
export function queryWords(run: string): string[] {
  const words = [...segmenter.segment(run)].map((s) => s.segment);
  const chunks: string[] = [];
  let pending = "";
  for (const word of words) {
    if ([...word].length === 1) {
      pending += word;
      continue;
    }
    chunks.push(pending + word);
    pending = "";
  }
  if (pending) {
    if (chunks.length && [...pending].length === 1) chunks[chunks.length - 1] += pending;
    else chunks.push(pending);
  }
  return chunks;
}

/** Text as Meilisearch words: Han runs as bigrams (or pairs) of their words, other words as typed. */
function sendWords(text: string, split: (run: string) => string[]): string[] {
  const out: string[] = [];
  let last = 0;
  for (const match of text.matchAll(HAN_RUN)) {
    out.push(...text.slice(last, match.index).split(/\s+/).filter(Boolean));
    out.push(...queryWords(match[0]).flatMap(split));
    last = match.index + match[0].length;
  }
  out.push(...text.slice(last).split(/\s+/).filter(Boolean));
  return out;
}

/** One query string: bigrams, or non-overlapping pairs when bigrams would pass Meilisearch's ten-word limit. */
function render(texts: readonly string[]): string {
  let words = texts.flatMap((t) => sendWords(t, runBigrams));
  if (words.length > MAX_QUERY_WORDS) words = texts.flatMap((t) => sendWords(t, runPairs));
  return words.join(" ");
}

/** At most this many variants of one query (combinations of synonym alternatives). */
export const MAX_VARIANTS = 6;

/** A part of the query for partial matching: its text, its weight (how much of the query it is) and the forms that match it. */
export interface QueryUnit {
  text: string;
  weight: number;
  /** As sent to Meilisearch: the text itself, then its synonyms. */
  forms: string[];
}

export interface QueryPlan {
  /** The queries to send, the literal one first, then its synonym variants. Empty for an empty query. */
  variants: string[];
  /** The query's words (or, for a single word, its bigrams), for partial matches when the whole query finds nothing. */
  units: QueryUnit[];
}

/**
 * How a query is searched. Han text is always sent as bigrams, so a title that contains the
 * query (or any run of it) is found however jieba cut the title. A synonym term is replaced by
 * each of its alternatives in turn (an alternative containing the term itself is left out: it
 * could only find fewer records); the variants' hits are merged by matching.server.ts.
 */
export function planQuery(query: string, synonyms: ReadonlyMap<string, readonly string[]> = new Map()): QueryPlan {
  const parts = pieces(query.normalize("NFKC"), [...synonyms.keys()]);
  const choices = parts.map((p) => (p.kind === "term" ? [p.text, ...(synonyms.get(p.text) ?? []).filter((alt) => !alt.includes(p.text))] : [p.text]));
  let combos: string[][] = [[]];
  for (const options of choices) combos = combos.flatMap((combo) => options.map((option) => [...combo, option])).slice(0, MAX_VARIANTS);
  const variants = parts.length ? [...new Set(combos.map(render))].filter(Boolean) : [];

  const weightOf = (text: string) => (hasHan(text) ? [...text].length : 2);
  let units: QueryUnit[] = parts.flatMap((p, i): QueryUnit[] => {
    if (p.kind === "run") return queryWords(p.text).map((word) => ({ text: word, weight: weightOf(word), forms: [render([word])] }));
    return [{ text: p.text, weight: weightOf(p.text), forms: [...new Set(choices[i]!.map((c) => render([c])))] }];
  });
  if (units.length === 1 && units[0]!.forms.length === 1 && [...units[0]!.text].length > 2 && hasHan(units[0]!.text)) {
    units = runBigrams(units[0]!.text).map((bigram) => ({ text: bigram, weight: 1, forms: [bigram] }));
  }
  return { variants, units };
}

/**
 * What to mark in a text when Meilisearch matched through the bigram twin (it highlights only
 * whole words): the query's Han runs and kept terms, their bigrams, and its other words.
 */
export function highlightTerms(query: string, keepTerms: readonly string[] = [], synonyms: ReadonlyMap<string, readonly string[]> = new Map()): string[] {
  const out = new Set<string>();
  for (const piece of pieces(query.normalize("NFKC"), keepTerms)) {
    if (piece.kind === "other") {
      if (piece.text.length >= 2 || hasHan(piece.text)) out.add(piece.text);
      continue;
    }
    out.add(piece.text);
    if (piece.kind === "term") for (const alt of synonyms.get(piece.text) ?? []) out.add(alt);
    if (piece.kind === "run") for (const bigram of runBigrams(piece.text)) out.add(bigram);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * Headings of a document's plain text: Markdown headings, numbered section titles (一、/（一）/1.)
 * and short blocks that do not end like a sentence (Tiptap writes one block per line).
 */
export function extractHeadings(plainText: string, max = 40): string[] {
  const out: string[] = [];
  for (const raw of plainText.split(/\n+/)) {
    const line = raw.trim();
    if (!line) continue;
    const markdown = /^#{1,6}\s+(.+)$/.exec(line);
    if (markdown) {
      out.push(markdown[1]!.trim());
    } else if (line.length <= 30 && !/[。！？；，,.!?;：:…]$/.test(line) && hasHan(line)) {
      out.push(line);
    } else if (line.length <= 40 && /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])/.test(line) && !/[。！？]$/.test(line)) {
      out.push(line);
    }
    if (out.length >= max) break;
  }
  return out;
}

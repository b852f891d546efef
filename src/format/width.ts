// How many terminal columns a text takes, so that columns line up with emoji and CJK: a wide character
// (East Asian Wide/Fullwidth, an emoji shown as emoji) takes two cells, combining marks and joiners none.
// Counted per grapheme cluster (what a terminal draws as one), not per code point or UTF-16 unit.

// Made on first need: building a segmenter loads ICU's break rules, 10-15 ms of CPU that a `wingman status`
// whose text splits into clusters trivially never needs (bench/cli-cold.ts).
let segmenter: Intl.Segmenter | undefined;
/**
 * What can join code points into one cluster: marks (combining, spacing, enclosing, variation selectors),
 * format characters (ZWJ…), regional indicators, emoji skin tones, conjoining Hangul jamo. A text
 * without any is one cluster per code point.
 */
const JOINS = /[\p{M}\p{Cf}\p{Regional_Indicator}\p{Emoji_Modifier}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]/u;

/** East Asian Wide and Fullwidth blocks (Unicode EastAsianWidth.txt, W and F), outside the emoji ones. */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1b000, 0x1b2ff],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x3fffd],
];

const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const ZERO = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;

function isWide(cp: number): boolean {
  for (const [lo, hi] of WIDE) {
    if (cp < lo) return false;
    if (cp <= hi) return true;
  }
  return false;
}

/** The grapheme clusters of a text: its code points when nothing in it joins them. */
function clusters(text: string): Iterable<string> {
  if (!JOINS.test(text)) return text;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Columns one grapheme cluster takes. */
function clusterWidth(g: string): number {
  const first = g.codePointAt(0)!;
  const ch = String.fromCodePoint(first);
  if (ZERO.test(ch)) return g.length > ch.length ? clusterWidth(g.slice(ch.length)) : 0;
  // An emoji drawn as emoji (by default, or asked for with VS16, or a keycap/flag/ZWJ sequence) is two cells.
  if (EMOJI_PRESENTATION.test(ch) || (PICTOGRAPHIC.test(ch) && g.includes("\uFE0F")) || g.includes("\u20E3")) return 2;
  if (/^\p{Regional_Indicator}/u.test(g)) return 2;
  return isWide(first) ? 2 : 1;
}

/** Terminal columns of a one-line text. */
export function displayWidth(text: string): number {
  // Fast path: printable ASCII is one column a character.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let w = 0;
  for (const g of clusters(text)) w += clusterWidth(g);
  return w;
}

/** Pad with spaces on the right to `width` columns (never cuts). */
export function padEndWidth(text: string, width: number): string {
  const w = displayWidth(text);
  return w >= width ? text : text + " ".repeat(width - w);
}

/** Cut to at most `width` columns, with an ellipsis when cut; never splits a grapheme or a wide character. */
export function cutToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return "";
  let out = "";
  let used = 0;
  for (const g of clusters(text)) {
    const w = clusterWidth(g);
    if (used + w > width - 1) break;
    out += g;
    used += w;
  }
  return `${out}…`;
}

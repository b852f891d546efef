// Low-level text handling for the chat grammar. Everything a person types is hostile until it passes:
// tokens are read without touching the rest (free text keeps its newlines and everything else as sent),
// and quoting is undone only when it is unambiguous. Control characters in free text are NOT dropped or
// repaired here: the core refuses them, naming the character, on every door alike (core/text.ts), so a
// phrase with a CR or ESC is refused rather than quietly typed as something else.

/** The longest phrase the grammar reads at all; longer text is refused before any other work. */
export const MAX_COMMAND_LENGTH = 8000;

export interface Split {
  token: string;
  /** Everything after the token, untouched (leading whitespace included). */
  rest: string;
}

/** The first whitespace-separated token and the untouched remainder, or null when only whitespace is left. */
export function nextToken(s: string): Split | null {
  const m = /^\s*(\S+)/.exec(s);
  if (!m) return null;
  return { token: m[1]!, rest: s.slice(m[0].length) };
}

/** All remaining tokens (for the short, structural tails of approve/status/… only). */
export function tokens(s: string): string[] {
  const t = s.trim();
  return t === "" ? [] : t.split(/\s+/);
}

/**
 * A structural word (verb, NAME, ID, LINES, `confirm`) as people type it on a phone: any case, with a
 * trailing full stop, comma, colon, question or exclamation mark ("Approve vsr.", "tell vsr: …").
 * Semicolons are NOT forgiven: `vsr;` stays an invalid name rather than silently becoming `vsr`.
 */
export function word(token: string): string {
  return token.replace(/[.,:!?…]+$/u, "").toLowerCase();
}

// Bidirectional overrides/isolates and the BOM: invisible, and able to make an echoed reply read
// differently from what is typed into the session ("Trojan source"). Zero-width joiners stay: emoji need them.
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** True when `s` has a character free text would drop (used to refuse, not repair, paths). */
export function hasControl(s: string): boolean {
  return /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]/.test(s);
}

/** Free text as it may reach a session: Unicode line separators as line feeds, invisible marks dropped, trimmed. */
export function cleanText(s: string): string {
  return s
    .replace(/[\u2028\u2029]/g, "\n")
    .replace(INVISIBLE, "")
    .trim();
}

/** The quote pairs people's keyboards produce: straight, and the "smart" ones phones substitute. */
const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["“", "”"],
  ["'", "'"],
  ["‘", "’"],
];

// An apostrophe inside a word (it's, don’t) is not a quote mark.
const APOSTROPHE = /(?<=[\p{L}\p{N}])['’](?=\p{L})/gu;

/**
 * Removes ONE pair of surrounding quotes, only when it is clearly one pair: `"fix it"` → `fix it`, but
 * `"a" and "b"` stays as typed (stripping would leave `a" and "b`). Returns the text unchanged otherwise.
 */
export function unquote(s: string): string {
  for (const [open, close] of QUOTE_PAIRS) {
    if (s.length < open.length + close.length || !s.startsWith(open) || !s.endsWith(close)) continue;
    const inner = s.slice(open.length, s.length - close.length);
    const marks = inner.replace(APOSTROPHE, "");
    if (marks.includes(open) || marks.includes(close)) return s;
    return inner.trim();
  }
  return s;
}

/** True when `unquote` would change `s`: such text must be quoted again to survive a round trip. */
export function looksQuoted(s: string): boolean {
  return unquote(s) !== s;
}

/** Wraps `s` in the first quote pair it does not contain, so that `unquote` gives `s` back. */
export function quoteText(s: string): string {
  const marks = s.replace(APOSTROPHE, "");
  for (const [open, close] of QUOTE_PAIRS) {
    if (!marks.includes(open) && !marks.includes(close)) return `${open}${s}${close}`;
  }
  // Text that uses every kind of quote mark cannot be protected; it is rare enough to send as is.
  return s;
}

/**
 * A token that may be quoted to hold spaces (a folder: `"~/my project"`). Returns the unquoted token and
 * the remainder, or the plain next token.
 */
export function nextPathToken(s: string): Split | null {
  const t = s.replace(/^\s+/, "");
  for (const [open, close] of QUOTE_PAIRS) {
    if (!t.startsWith(open)) continue;
    const end = t.indexOf(close, open.length);
    if (end < 0) break;
    const after = t.slice(end + close.length);
    if (after === "" || /^\s/.test(after)) return { token: t.slice(open.length, end), rest: after };
    break;
  }
  return nextToken(t);
}

/**
 * Edit distance with adjacent transpositions ("aprove", "apporve" are both 1 from "approve").
 * Only ever called on short words; callers bound the length first.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate closest to `w`, if it is close enough to be what was meant (a typo, not another word). */
export function nearest(w: string, candidates: readonly string[]): string | null {
  if (w.length === 0 || w.length > 16) return null;
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(w, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  if (best === null) return null;
  // Short words tolerate one slip, longer ones two: "tall" → tell, but "send" is not "deny".
  const allowed = best.length <= 4 ? 1 : best.length <= 8 ? 2 : 3;
  return bestD <= allowed ? best : null;
}

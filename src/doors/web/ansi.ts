// A tmux capture with colours (SGR escapes, `capture-pane -e`) as lines of styled runs, for the page to
// build spans from. Pure and small on purpose: the page never parses escapes and never sets HTML; it gets
// text plus a class list (from a fixed alphabet) and colours that are always `#rrggbb` built here from
// numbers, so nothing a screen contains can become markup, a URL or a style rule.

/** One stretch of text in one style. `c`: classes from CLASS_NAMES; `fg`/`bg`: `#rrggbb` for 256/true colour. */
export interface Run {
  t: string;
  c?: string;
  fg?: string;
  bg?: string;
}

/** Every class a run can carry: b bold, d dim, i italic, u underline, s strike, f0–f15 / g0–g15 the 16
 * palette colours as foreground / background, rf / rb the default colours swapped (reverse video). */
export const CLASS_NAMES = [
  "b",
  "d",
  "i",
  "u",
  "s",
  "rf",
  "rb",
  ...Array.from({ length: 16 }, (_, i) => `f${i}`),
  ...Array.from({ length: 16 }, (_, i) => `g${i}`),
];

interface Style {
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  inverse: boolean;
  /** A palette index 0–15, or `#rrggbb`, or null for the default. */
  fg: number | string | null;
  bg: number | string | null;
}

const PLAIN: Style = {
  bold: false,
  dim: false,
  italic: false,
  underline: false,
  strike: false,
  inverse: false,
  fg: null,
  bg: null,
};

const hex = (r: number, g: number, b: number) =>
  `#${[r, g, b]
    .map((x) =>
      Math.max(0, Math.min(255, x | 0))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;

/** xterm's 256-colour table above the 16 palette colours: a 6×6×6 cube, then 24 greys. */
function color256(n: number): number | string | null {
  if (!Number.isInteger(n) || n < 0 || n > 255) return null;
  if (n < 16) return n;
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return hex(v, v, v);
  }
  const i = n - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return hex(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
}

/** Applies one SGR parameter list (`1;38;5;208`, or with colons `38:2::255:0:0`) to a style. */
function applySgr(style: Style, params: string): Style {
  const s = { ...style };
  // Colons separate sub-parameters of one colour; treat them as the 38;… form (skipping an empty colour-space id).
  const parts = params.split(";").flatMap((p) => {
    if (!p.includes(":")) return [p];
    const sub = p.split(":");
    if (sub[1] === "2" && sub.length === 6) sub.splice(2, 1);
    return sub;
  });
  const nums = parts.map((p) => (p === "" ? 0 : Number(p)));
  for (let i = 0; i < nums.length; i++) {
    const n = nums[i]!;
    if (n === 0) Object.assign(s, PLAIN);
    else if (n === 1) s.bold = true;
    else if (n === 2) s.dim = true;
    else if (n === 3) s.italic = true;
    else if (n === 4) s.underline = true;
    else if (n === 7) s.inverse = true;
    else if (n === 9) s.strike = true;
    else if (n === 22) s.bold = s.dim = false;
    else if (n === 23) s.italic = false;
    else if (n === 24) s.underline = false;
    else if (n === 27) s.inverse = false;
    else if (n === 29) s.strike = false;
    else if (n >= 30 && n <= 37) s.fg = n - 30;
    else if (n >= 90 && n <= 97) s.fg = n - 90 + 8;
    else if (n === 39) s.fg = null;
    else if (n >= 40 && n <= 47) s.bg = n - 40;
    else if (n >= 100 && n <= 107) s.bg = n - 100 + 8;
    else if (n === 49) s.bg = null;
    else if (n === 38 || n === 48) {
      let c: number | string | null = null;
      if (nums[i + 1] === 5) {
        c = color256(nums[i + 2] ?? -1);
        i += 2;
      } else if (nums[i + 1] === 2) {
        const [r, g, b] = [nums[i + 2], nums[i + 3], nums[i + 4]];
        if ([r, g, b].every((x) => Number.isFinite(x))) c = hex(r!, g!, b!);
        i += 4;
      } else break; // malformed: ignore the rest of this sequence
      if (n === 38) s.fg = c;
      else s.bg = c;
    }
  }
  return s;
}

function runOf(t: string, s: Style): Run {
  const classes: string[] = [];
  if (s.bold) classes.push("b");
  if (s.dim) classes.push("d");
  if (s.italic) classes.push("i");
  if (s.underline) classes.push("u");
  if (s.strike) classes.push("s");
  const [fg, bg] = s.inverse ? [s.bg, s.fg] : [s.fg, s.bg];
  const run: Run = { t };
  if (typeof fg === "number") classes.push(`f${fg}`);
  else if (typeof fg === "string") run.fg = fg;
  else if (s.inverse) classes.push("rf");
  if (typeof bg === "number") classes.push(`g${bg}`);
  else if (typeof bg === "string") run.bg = bg;
  else if (s.inverse) classes.push("rb");
  if (classes.length) run.c = classes.join(" ");
  return run;
}

const sameLook = (a: Run, b: Run) => a.c === b.c && a.fg === b.fg && a.bg === b.bg;

// An escape sequence: CSI (SGR ends in m), OSC (to BEL or ST), or a two-byte one.
const ESCAPE = /\x1b(?:\[([0-?]*)([ -/]*)([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_]?)/y;
// Control characters other than tab are dropped (a tab becomes spaces to the next stop of 8).
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]/g;

/** Lines of runs; the style carries across lines as in a terminal. Trailing empty lines are kept as drawn. */
export function ansiToLines(text: string): Run[][] {
  const lines: Run[][] = [];
  let style = PLAIN;
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const runs: Run[] = [];
    let col = 0;
    const push = (t: string) => {
      let out = "";
      for (const ch of t.replace(CONTROL, "")) {
        if (ch === "\t") {
          const n = 8 - (col % 8);
          out += " ".repeat(n);
          col += n;
        } else {
          out += ch;
          col++;
        }
      }
      if (!out) return;
      const r = runOf(out, style);
      const last = runs.at(-1);
      if (last && sameLook(last, r)) last.t += out;
      else runs.push(r);
    };
    let i = 0;
    while (i < raw.length) {
      const esc = raw.indexOf("\x1b", i);
      if (esc < 0) {
        push(raw.slice(i));
        break;
      }
      push(raw.slice(i, esc));
      ESCAPE.lastIndex = esc;
      const m = ESCAPE.exec(raw);
      if (!m) {
        i = esc + 1;
        continue;
      }
      if (m[3] === "m" && m[2] === "" && !/[<=>?]/.test(m[1] ?? "")) style = applySgr(style, m[1] ?? "");
      i = esc + Math.max(1, m[0].length);
    }
    lines.push(runs);
  }
  return lines;
}

/** The plain text of lines of runs (tests, and what a screen reader reads). */
export function linesText(lines: Run[][]): string {
  return lines.map((l) => l.map((r) => r.t).join("")).join("\n");
}

// A capture with colours (`tmux capture-pane -e`) as plain lines plus, per character, the colours it was
// drawn in. OpenCode says two things by colour alone (docs/opencode.md, "Screens"): which button of a dialog
// is selected (its background) and which history block is an error (its bar's colour). Only SGR escapes
// (`ESC [ … m`) carry meaning here; any other escape is dropped. A capture without escapes reads the same,
// with no colours known.

/** A colour as tmux writes it: `5;215` (256 colours), `2;r;g;b` (true colour), or `30`…`107` (basic). */
export type Colour = string | undefined;

export interface StyledLine {
  text: string;
  /** The foreground and background of each character as drawn (UTF-16 units, like `text`; trailing blanks too). */
  fg: Colour[];
  bg: Colour[];
}

const ESCAPE = /\u001b(?:\[([0-9;:]*)([A-Za-z])|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[()][0-9A-Za-z]|[=>78DEHM])/y;

function applySgr(params: string, state: { fg: Colour; bg: Colour }): void {
  const p = params === "" ? [0] : params.split(/[;:]/).map((x) => Number(x) || 0);
  for (let i = 0; i < p.length; i++) {
    const n = p[i]!;
    if (n === 0) {
      state.fg = undefined;
      state.bg = undefined;
    } else if (n === 38 || n === 48) {
      const mode = p[i + 1];
      let c: Colour;
      if (mode === 5) {
        c = `5;${p[i + 2]}`;
        i += 2;
      } else if (mode === 2) {
        c = `2;${p[i + 2]};${p[i + 3]};${p[i + 4]}`;
        i += 4;
      } else break;
      if (n === 38) state.fg = c;
      else state.bg = c;
    } else if (n === 39) state.fg = undefined;
    else if (n === 49) state.bg = undefined;
    else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) state.fg = String(n);
    else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) state.bg = String(n);
  }
}

/** Every line of a capture, escapes read and removed; colours carry over from line to line as in tmux's output. */
export function styledLines(capture: string): StyledLine[] {
  const state: { fg: Colour; bg: Colour } = { fg: undefined, bg: undefined };
  return capture
    .replace(/\r/g, "")
    .split("\n")
    .map((raw) => {
      const out: StyledLine = { text: "", fg: [], bg: [] };
      let i = 0;
      while (i < raw.length) {
        if (raw.charCodeAt(i) === 0x1b) {
          ESCAPE.lastIndex = i;
          const m = ESCAPE.exec(raw);
          if (m) {
            if (m[2] === "m") applySgr(m[1] ?? "", state);
            i = ESCAPE.lastIndex;
            continue;
          }
          i++; // a lone ESC: dropped
          continue;
        }
        const ch = raw[i]!;
        out.text += ch === "\u00a0" ? " " : ch;
        out.fg.push(state.fg);
        out.bg.push(state.bg);
        i++;
      }
      // Trailing blanks dropped from the text; their colours kept (an empty row of a box is blanks on the
      // box's background).
      out.text = out.text.trimEnd();
      return out;
    });
}

/** Plain text of a capture (escapes removed), trailing blanks dropped per line. */
export function plainText(capture: string): string {
  return styledLines(capture)
    .map((l) => l.text)
    .join("\n");
}

const CUBE = [0, 95, 135, 175, 215, 255];
const BASIC: Array<[number, number, number]> = [
  [0, 0, 0],
  [205, 0, 0],
  [0, 205, 0],
  [205, 205, 0],
  [0, 0, 238],
  [205, 0, 205],
  [0, 205, 205],
  [229, 229, 229],
];

/** A colour as red, green, blue (0-255), or null when unknown. */
export function rgbOf(c: Colour): [number, number, number] | null {
  if (!c) return null;
  const parts = c.split(";").map(Number);
  if (parts[0] === 2 && parts.length === 4) return [parts[1]!, parts[2]!, parts[3]!];
  if (parts[0] === 5 && parts.length === 2) {
    const n = parts[1]!;
    if (n < 16) return BASIC[n % 8]!;
    if (n >= 232) {
      const v = 8 + (n - 232) * 10;
      return [v, v, v];
    }
    const k = n - 16;
    return [CUBE[Math.floor(k / 36)]!, CUBE[Math.floor(k / 6) % 6]!, CUBE[k % 6]!];
  }
  if (parts.length === 1) {
    const n = parts[0]!;
    if (n >= 30 && n <= 37) return BASIC[n - 30]!;
    if (n >= 90 && n <= 97) return BASIC[n - 90]!;
  }
  return null;
}

/** Red and not orange or pink-white: how a theme draws an error (OpenCode's default: 256-colour 168). */
export function isReddish(c: Colour): boolean {
  const rgb = rgbOf(c);
  if (!rgb) return false;
  const [r, g, b] = rgb;
  return r >= 150 && r - g >= 100 && r - b >= 60;
}

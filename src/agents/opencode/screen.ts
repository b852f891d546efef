// The screen classifier: a pure function from one `tmux capture-pane -p -J -e` of OpenCode 1.18.33 to a
// state, a one-line detail and, for dialogs, the parsed prompt. OpenCode draws a full-screen TUI: history
// blocks in a main column (a prompt as a `┃` bar block, replies indented, each finished turn closed by a
// `▣  Build · GPT-5 · 1.2s` line), the input box (a `┃` block closed by `╹▀▀▀`), a status row at the bottom,
// and on wide screens a sidebar on the right. A permission dialog takes the input box's place. It reads
// those REGIONS, never the whole text, so a reply quoting a marker cannot change the verdict. Colours decide
// two things (styled.ts): the selected button, and whether the last history block is an error. Markers:
// docs/opencode.md, "Screens"; recordings in test/fixtures/opencode/.
import type { ErrorReason, ScreenReading } from "../../api/types.js";
import { parseDialog } from "./prompt.js";
import { isReddish, type StyledLine, styledLines } from "./styled.js";

export interface ClassifyOptions {
  paneDead?: boolean;
}

/** The input box's last line: `╹▀▀▀…`. Its width is the main column's. */
const BOX_BOTTOM = /^(\s*)╹▀+/;
/** The status row while a turn runs: a spinner, then `esc interrupt` (and while retrying, the error first). */
const WORKING = /esc interrupt/;
const RETRYING = /^\s*\S+\s+(.+?)\s*\[retrying(?: in \d+[smh]+)?(?: attempt #(\d+))?\]/;
/** A turn that ended: `▣  Build · GPT-5 · 4.5s` (an interrupted or rejected turn has no time). */
const TURN_END = /^\s*▣ {2}\S/;
const RESUME = /^\s*Continue\s+opencode -s (ses_[A-Za-z0-9]+)\s*$/;
const PLACEHOLDER = /^Ask anything… /;

export function classifyScreen(capture: string, opts: ClassifyOptions = {}): ScreenReading {
  const styled = styledLines(capture);
  const lines = styled.map((l) => l.text);
  const exited = exitedReading(lines, !!opts.paneDead);
  if (exited) return exited;

  const prompt = parseDialog(styled);
  if (prompt) return { state: "waiting_approval", detail: prompt.question, prompt };

  const bottom = lastIndex(lines, (l) => BOX_BOTTOM.test(l));
  if (bottom < 0) return { state: lines.some((l) => l.trim()) ? "unknown" : "starting", detail: "", prompt: null };
  const bar = BOX_BOTTOM.exec(lines[bottom]!)![1]!.length;
  const right = lines[bottom]!.trimEnd().length;
  const box = inputBox(styled, bottom, bar, right);
  const status = lines.slice(bottom + 1).find((l) => l.trim()) ?? "";
  const inputText = box.text;

  const retry = RETRYING.exec(status);
  if (retry) {
    const why = retry[1]!.replace(/…$/, "").trim();
    return { state: "error", detail: why, prompt: null, stateReason: errorReason(why), inputText };
  }
  if (WORKING.test(status)) return { state: "working", detail: "working", prompt: null, inputText };

  // The status row says idle: read the last history block above the box.
  const history = styled.slice(0, box.top).map((l) => cut(l, right));
  const last = lastBlock(history, bar);
  if (last?.kind === "error") {
    return { state: "error", detail: last.text, prompt: null, stateReason: errorReason(last.text), inputText };
  }
  // A prompt with nothing after it: sent, and OpenCode has not started on it yet (it can take seconds).
  if (last?.kind === "prompt") return { state: "working", detail: "sent", prompt: null, inputText };
  const end = last?.kind === "end" ? last.text : "";
  return { state: "idle", detail: end, prompt: null, inputText };
}

function lastIndex<T>(xs: T[], pred: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (pred(xs[i]!)) return i;
  return -1;
}

/** A line cut at the main column's right edge (the sidebar is drawn beyond it). */
function cut(l: StyledLine, right: number): StyledLine {
  return l.text.length <= right ? l : { text: l.text.slice(0, right).trimEnd(), fg: l.fg, bg: l.bg };
}

const barAt = (l: StyledLine, col: number) => l.text[col] === "┃";

/**
 * The input box: the `┃` lines right above `╹▀▀▀`, up to the first line that is not the box's (no bar, or a
 * bar drawn on another background: a history prompt right above it). Its last line names the agent and
 * model; the lines between hold the typed text, or the placeholder on a fresh screen.
 */
function inputBox(styled: StyledLine[], bottom: number, bar: number, right: number): { top: number; text: string } {
  const panel = (l: StyledLine) => l.bg[bar + 2];
  const boxBg = panel(styled[bottom - 1] ?? { text: "", fg: [], bg: [] });
  let top = bottom - 1;
  while (top - 1 >= 0 && barAt(styled[top - 1]!, bar) && panel(styled[top - 1]!) === boxBg) top--;
  const inner = styled.slice(top, bottom - 1).map((l) =>
    cut(l, right)
      .text.slice(bar + 1)
      .replace(/^ {2}/, "")
      .trimEnd(),
  );
  while (inner.length && !inner[0]!.trim()) inner.shift();
  while (inner.length && !inner[inner.length - 1]!.trim()) inner.pop();
  const text = inner.join("\n");
  return { top, text: PLACEHOLDER.test(text) ? "" : text };
}

type Block = { kind: "prompt" | "error" | "end" | "other"; text: string };

/**
 * The last thing in the history: a turn's end line, a prompt (a `┃` block), or an error (a `┃` block whose
 * bar is drawn in red, its text grey, then the turn's end line). Without colours an error reads as a turn's end.
 */
function lastBlock(history: StyledLine[], bar: number): Block | null {
  let i = history.length - 1;
  while (i >= 0 && !history[i]!.text.trim()) i--;
  if (i < 0) return null;
  const l = history[i]!;
  if (TURN_END.test(l.text)) {
    // A turn an error ended: its red block, then the end line (without a time).
    let k = i - 1;
    while (k >= 0 && !history[k]!.text.trim()) k--;
    const above = k >= 0 && barAt(history[k]!, bar) ? barBlock(history, k, bar) : null;
    return above?.kind === "error" ? above : { kind: "end", text: l.text.trim() };
  }
  if (!barAt(l, bar)) return { kind: "other", text: l.text.trim() };
  return barBlock(history, i, bar);
}

/** The `┃` block that ends at line `i`: a prompt, or an error when its bar is red. */
function barBlock(history: StyledLine[], i: number, bar: number): Block {
  // The bar block: up to its first line; its text is what follows the bar.
  const rows: StyledLine[] = [];
  for (; i >= 0 && barAt(history[i]!, bar); i--) rows.unshift(history[i]!);
  const red = rows.some((r) => isReddish(r.fg[bar]));
  const text = rows
    .map((r) => r.text.slice(bar + 1).trim())
    .filter(Boolean)
    .join(" ");
  return { kind: red ? "error" : "prompt", text };
}

function exitedReading(lines: string[], paneDead: boolean): ScreenReading | null {
  // `Continue  opencode -s ses_…` printed after the TUI has gone: no status row or box after it.
  let resume: string | undefined;
  let at = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = RESUME.exec(lines[i]!);
    if (m) {
      resume = `opencode -s ${m[1]}`;
      at = i;
      break;
    }
  }
  const after = at >= 0 ? lines.slice(at + 1) : [];
  const noUi = at >= 0 && !after.some((l) => BOX_BOTTOM.test(l) || /ctrl\+p commands|esc interrupt|⇆ select/.test(l));
  const dead = /^Pane is dead \((status|signal) (\d+)/m.exec(lines.join("\n"));
  if ((resume && noUi) || paneDead || dead) {
    const visible = lines.filter((l) => l.trim());
    return {
      state: "exited",
      detail: resume ? "Resume this session with the command shown" : (visible.at(-1)?.trim() ?? ""),
      prompt: null,
      stateReason: dead ? `exit ${dead[1]} ${dead[2]}` : paneDead ? "process ended" : "exited",
      ...(resume ? { resumeCommand: resume } : {}),
    };
  }
  return null;
}

export function errorReason(line: string): ErrorReason {
  if (/\b40[13]\b|Unauthorized|invalid api key|api key|log ?in|authentication/i.test(line)) return "auth";
  if (/\b429\b|rate limit|Too Many Requests|usage limit|quota/i.test(line)) return "rate_limit";
  if (/Cannot connect|Unable to connect|connection|connect|timed out|network|dns|ECONN/i.test(line))
    return "connection";
  if (/\b5\d\d\b|high demand|server|overloaded|internal/i.test(line)) return "server";
  return "other";
}

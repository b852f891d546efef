// The screen classifier: a pure function from one `tmux capture-pane -p -J` of Gemini CLI 0.61.0 to a
// state, a one-line detail and, for dialogs, the parsed prompt. Gemini draws inline: history above
// (` > prompt`, `✦ reply`, `✕ [API Error: …]`, `ℹ Request cancelled.`), then the status row (a spinner
// and `(esc to cancel, 3s)` while a turn runs, `? for shortcuts` at the right), a full-width `───` rule,
// the input box (` > text`, or the placeholder) and the footer (workspace, sandbox, model). A dialog is a
// box drawn last instead of the input box. It reads those REGIONS, never the whole text, so a reply
// quoting a marker cannot change the verdict. Markers: docs/gemini.md, "Screens".
import type { ErrorReason, ScreenReading } from "../../api/types.js";
import { parseDialog } from "./prompt.js";

const RULE = /^\s*─{20,}\s*$/;
/** A prompt: in history, and the input box's first line. */
const PROMPT_LINE = /^ > /;
const PLACEHOLDER = /^ > {3}Type your message or @path\/to\/file$/;
/** The status row while a turn runs: `⠴ Thinking... (esc to cancel, 3s)` (the phrase varies). */
const WORKING = /^\s*\S?\s*(.*\(esc to cancel, [^)]*\))/;
const ERROR = /^✕ (.+)$/;
const CANCELLED = /^ℹ Request cancelled\.$/;
const FOOTER = /^\s*workspace \(\/directory\)/;
/** The half-block rows Gemini draws above and below a prompt when it shades its background. */
const SHADE = /^[▄▀]+$/;
/** The status row while `--resume` loads the earlier conversation (no input box is drawn meanwhile). */
const RESUMING = /^\s*\S?\s*Resuming session\.\.\.$/;
/**
 * Earlier turns: a prompt (` > `) or a reply (`✦`). Not `ℹ`/`✕` lines or boxes, which Gemini also draws for its
 * own notices (an update, a warning) before a resumed conversation is loaded.
 */
const HISTORY_ITEM = /^(?: > |✦ )/;
/** Gemini's banner (`▝▜▄     Gemini CLI v0.61.0`), drawn first at the top of a session's screen. */
const BANNER = /Gemini CLI v\d/;
/**
 * Without the banner, this many lines above the input box are the tail of a conversation too long for the
 * screen (the last reply alone can fill it); a session with no history draws at most its banner and a
 * notice or two there.
 */
const FULL_OF_HISTORY = 10;
const RESUME =
  /To resume this session: gemini --resume ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/;

export interface ClassifyOptions {
  paneDead?: boolean;
}

const clean = (l: string) => l.replace(/\u00a0/g, " ").trimEnd();

export function classifyScreen(text: string, opts: ClassifyOptions = {}): ScreenReading {
  const lines = text.replace(/\r/g, "").split("\n").map(clean);
  const exited = exitedReading(lines, !!opts.paneDead);
  if (exited) return exited;

  const prompt = parseDialog(lines);
  if (prompt) {
    const state =
      prompt.kind === "trust" ? "trust_prompt" : prompt.kind === "tool" ? "waiting_approval" : "waiting_input";
    return { state, detail: prompt.question, prompt };
  }

  const box = inputBox(lines);
  if (!box) {
    if (resuming(lines)) return { state: "starting", detail: "resuming session", prompt: null };
    return { state: lines.some((l) => l.trim()) ? "unknown" : "starting", detail: "", prompt: null };
  }
  const inputText = box.text;
  const history = historyShown(lines, box.rule);

  // The status row: the last non-empty line above the rule.
  let s = box.rule - 1;
  while (s >= 0 && !lines[s]!.trim()) s--;
  const status = s >= 0 ? lines[s]! : "";
  const w = WORKING.exec(status);
  if (w) return { state: "working", detail: w[1]!.trim(), prompt: null, inputText, history };

  // The latest turn: from the last prompt in history down to the status row.
  let from = -1;
  for (let i = s; i >= 0; i--) {
    if (PROMPT_LINE.test(lines[i]!)) {
      from = i;
      break;
    }
  }
  for (let i = s; i > from; i--) {
    const l = lines[i]!;
    if (!l.trim() || SHADE.test(l)) continue;
    const e = ERROR.exec(l);
    if (e) return { state: "error", detail: e[1]!, prompt: null, stateReason: errorReason(e[1]!), inputText, history };
    if (CANCELLED.test(l)) return { state: "idle", detail: "cancelled", prompt: null, inputText, history };
  }
  return { state: "idle", detail: "", prompt: null, inputText, history };
}

/**
 * Whether earlier turns are on screen above the input box's rule: a history item, or (the banner scrolled
 * away) a screenful of lines. A resumed Gemini draws its input box first, with nothing or only its banner
 * above it, and the conversation later (docs/gemini.md, "Resume").
 */
function historyShown(lines: string[], rule: number): boolean {
  const above = lines.slice(0, rule);
  if (above.some((l) => HISTORY_ITEM.test(l))) return true;
  return !above.some((l) => BANNER.test(l)) && above.filter((l) => l.trim()).length >= FULL_OF_HISTORY;
}

/** `⠋ Resuming session...` as the status row, just above the last rule. */
function resuming(lines: string[]): boolean {
  let rule = -1;
  for (let i = lines.length - 1; i >= 0 && rule < 0; i--) if (RULE.test(lines[i]!)) rule = i;
  if (rule < 0) return false;
  return lines.slice(Math.max(0, rule - 4), rule).some((l) => RESUMING.test(l));
}

/**
 * The input box: the first ` > ` line after the last full-width rule, its continuation lines (indented
 * three spaces) down to the footer. The placeholder is not typed text.
 */
function inputBox(lines: string[]): { rule: number; text: string } | null {
  let rule = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (RULE.test(lines[i]!)) {
      rule = i;
      break;
    }
  }
  if (rule < 0) return null;
  let start = -1;
  for (let i = rule + 1; i < lines.length; i++) {
    if (PROMPT_LINE.test(lines[i]!)) {
      start = i;
      break;
    }
    if (FOOTER.test(lines[i]!)) break;
  }
  if (start < 0) return null;
  if (PLACEHOLDER.test(lines[start]!)) return { rule, text: "" };
  const typed = [lines[start]!.slice(3)];
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (FOOTER.test(l) || SHADE.test(l) || !l.startsWith("   ")) break;
    typed.push(l.slice(3));
  }
  while (typed.length && !typed[typed.length - 1]!.trim()) typed.pop();
  return { rule, text: typed.join("\n") };
}

function exitedReading(lines: string[], paneDead: boolean): ScreenReading | null {
  // `/quit` draws a summary box ending in `To resume this session: gemini --resume <uuid>`; after it, no
  // input box and no rule.
  let resume: string | undefined;
  let at = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = RESUME.exec(lines[i]!);
    if (m) {
      resume = `gemini --resume ${m[1]}`;
      at = i;
      break;
    }
  }
  const after = at >= 0 ? lines.slice(at + 1) : [];
  const noUi = at >= 0 && !after.some((l) => RULE.test(l) || PROMPT_LINE.test(l));
  const dead = /^Pane is dead \((status|signal) (\d+)/m.exec(lines.join("\n"));
  if ((resume && noUi) || paneDead || dead) {
    const visible = lines.filter((l) => l.trim());
    return {
      state: "exited",
      detail: resume ? "Resume this session with the command shown" : (visible.at(-1) ?? ""),
      prompt: null,
      stateReason: dead ? `exit ${dead[1]} ${dead[2]}` : paneDead ? "process ended" : "exited",
      ...(resume ? { resumeCommand: resume } : {}),
    };
  }
  return null;
}

/** `[API Error: {"error":{"code":429,…}}]` and the like, by the status code first, then by the words. */
export function errorReason(line: string): ErrorReason {
  const code = /"code":\s*(\d{3})/.exec(line)?.[1] ?? /\b([45]\d\d)\b/.exec(line)?.[1];
  if (code === "401" || code === "403") return "auth";
  if (code === "429") return "rate_limit";
  if (code?.startsWith("5")) return "server";
  if (/API key|UNAUTHENTICATED|PERMISSION_DENIED|log ?in/i.test(line)) return "auth";
  if (/RESOURCE_EXHAUSTED|quota|rate limit/i.test(line)) return "rate_limit";
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|socket|network|connect/i.test(line)) return "connection";
  return "other";
}

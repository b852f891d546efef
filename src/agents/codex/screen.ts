// The screen classifier: a pure function from one `tmux capture-pane -p -J` of Codex CLI 0.171.0 to a state,
// a one-line detail and, for dialogs, the parsed prompt. Codex draws inline (no alternate screen): history
// items start at column 0 (`› prompt`, `• reply`, `■ error`), the composer is the last `› ` line, and the
// footer (status line, key hints) sits below it after a blank line. It reads those REGIONS, never the whole
// text, so a reply quoting a marker cannot change the verdict. Markers: docs/codex.md, "Screens".
import type { ErrorReason, ScreenReading } from "../../api/types.js";
import { parseDialog } from "./prompt.js";

export interface ClassifyOptions {
  paneDead?: boolean;
}

const PROMPT_LINE = /^› /;
/** The end of a turn: `  Worked for 5s • 11:43` (normal) or a `■ …` line at column 0 (interrupted, error). */
const WORKED = /^ {2}Worked for [<\dhms ]+ • \d{1,2}:\d{2}(\s?[AP]M)?$/;
const STOPPED = /^■ (.+)$/;
/** The status row while a request is in flight: `◦ Working (3s • esc to interrupt)`, `• Reconnecting… …`. */
const WORKING = /^[•◦] (\S.*\(.*esc to interrupt\))$/;
const INTERRUPTED = /^Conversation interrupted\b/;
const EMPTY_COMPOSER = /\? for shortcuts/;
const HEADER = /^\s*│?\s*>_ OpenAI Codex \(v/;

// trimEnd, not /\s+$/: that regex restarts at every blank of a long blank run (quadratic).
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

  const box = composer(lines);
  if (!box) return { state: lines.some((l) => l.trim()) ? "unknown" : "starting", detail: "", prompt: null };
  const inputText = box.empty ? "" : box.text;

  // The latest turn: from the last prompt in history down to the composer.
  let from = -1;
  for (let i = box.start - 1; i >= 0; i--) {
    if (PROMPT_LINE.test(lines[i]!)) {
      from = i;
      break;
    }
  }
  const block = lines.slice(from + 1, box.start);
  for (let i = block.length - 1; i >= 0; i--) {
    const l = block[i]!;
    const w = WORKING.exec(l);
    if (w) return { state: "working", detail: w[1]!, prompt: null, inputText };
    if (WORKED.test(l)) return { state: "idle", detail: l.trim(), prompt: null, inputText };
    const s = STOPPED.exec(l);
    if (s) {
      if (INTERRUPTED.test(s[1]!)) return { state: "idle", detail: "interrupted", prompt: null, inputText };
      return { state: "error", detail: s[1]!, prompt: null, stateReason: errorReason(s[1]!), inputText };
    }
  }
  // No end of turn after the last prompt: the reply is streaming or a tool runs (Codex hides the Working
  // row meanwhile). With no prompt in view, the session's header says it is fresh.
  if (from < 0 && lines.slice(0, box.start).some((l) => HEADER.test(l)))
    return { state: "idle", detail: "", prompt: null, inputText };
  return { state: "working", detail: "working", prompt: null, inputText };
}

/** The composer: the last `› ` line, its continuation lines, and the footer after the last blank run. */
function composer(lines: string[]): { start: number; text: string; empty: boolean } | null {
  let end = lines.length;
  while (end > 0 && !lines[end - 1]!.trim()) end--;
  let footerTop = end;
  while (footerTop > 0 && lines[footerTop - 1]!.trim()) footerTop--;
  if (footerTop >= end || footerTop === 0) return null;
  const footer = lines.slice(footerTop, end).join("\n");
  let start = -1;
  for (let i = footerTop - 1; i >= 0; i--) {
    if (PROMPT_LINE.test(lines[i]!)) {
      start = i;
      break;
    }
  }
  if (start < 0) return null;
  // Everything between the composer's first line and the footer is typed text (indented two spaces).
  const typed = [lines[start]!.slice(2), ...lines.slice(start + 1, footerTop).map((l) => l.replace(/^ {2}/, ""))];
  while (typed.length && !typed[typed.length - 1]!.trim()) typed.pop();
  return { start, text: typed.join("\n"), empty: EMPTY_COMPOSER.test(footer) };
}

function exitedReading(lines: string[], paneDead: boolean): ScreenReading | null {
  // `To continue this session, run:` / `  codex resume <uuid>` printed after the TUI has gone: no composer after it.
  let resume: string | undefined;
  let at = -1;
  for (let i = lines.length - 1; i > 0; i--) {
    const m = /^ {2}codex resume ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(lines[i]!);
    if (m && /^To continue this session, run:$/.test(lines[i - 1]!)) {
      resume = `codex resume ${m[1]}`;
      at = i;
      break;
    }
  }
  const after = at >= 0 ? lines.slice(at + 1) : [];
  const noUi = at >= 0 && !after.some((l) => PROMPT_LINE.test(l) || DIALOG_LIKE.test(l));
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
const DIALOG_LIKE = /\? for shortcuts|esc to cancel|esc to interrupt/;

export function errorReason(line: string): ErrorReason {
  if (/\b40[13]\b|Unauthorized|invalid api key|log ?in|authentication/i.test(line)) return "auth";
  if (/\b429\b|rate limit|Too Many Requests|usage limit/i.test(line)) return "rate_limit";
  if (/stream disconnected|error sending request|connection|connect|timed out|network|dns/i.test(line))
    return "connection";
  if (/\b5\d\d\b|high demand|server|overloaded|internal/i.test(line)) return "server";
  return "other";
}

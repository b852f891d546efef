// The text tmux reads and prints, made safe: arguments it would split, output that a pane could forge.
import type { PaneStatus } from "../api/types.js";

// list-panes prints one line per pane, but a pane's current path (and command name) is whatever the agent
// made it: a folder name can hold a line feed or our field separator, and a naive split would read a
// phantom pane that then gets adopted. So every call uses a fresh random separator the pane cannot know,
// the free-text fields come last, and a record that does not parse exactly is dropped.
export const PANE_FIELDS = [
  "#{session_name}",
  "#{pane_id}",
  "#{pane_pid}",
  "#{pane_dead}",
  "#{pane_dead_status}",
  "#{window_activity}",
  "#{pane_width}",
  "#{pane_height}",
  "#{pane_dead_signal}",
  "#{pane_current_command}",
  "#{pane_current_path}",
];

/**
 * tmux splits its argv into commands at any argument that ENDS in `;` (also after `--`), so `echo hi;`
 * would arrive as `echo hi` and a folder ending in `;` breaks new-session. A trailing `\;` is taken as a
 * literal `;` (measured on tmux 3.3a: `a;`, `b\;`, `;`, `{`, `}`, `#{…}` all arrive byte-exact). Every
 * argument that carries a value from outside goes through this.
 */
export function tmuxArg(s: string): string {
  return s.endsWith(";") ? `${s.slice(0, -1)}\\;` : s;
}

const PANE_ID = /^%\d+$/;
const INT = /^\d+$/;
const OPT_INT = /^\d*$/;

/**
 * Read list-panes output made with a per-call marker: a record is `start f1 sep f2 … f11 start`. Anything
 * that does not parse exactly (wrong field count, a pane id or number out of shape) is dropped, so no
 * value on a pane can forge another record.
 */
export function parsePaneList(out: string, start: string, sep: string): PaneStatus[] {
  const panes: PaneStatus[] = [];
  for (const rec of out.split(`${start}\n`)) {
    if (!rec.startsWith(start)) continue;
    const f = rec
      .slice(start.length)
      .replace(new RegExp(`${start}\n?$`), "")
      .split(sep);
    if (f.length !== PANE_FIELDS.length) continue;
    const [session, paneId, pid, dead, status, activity, width, height, signal, command, path] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (
      !PANE_ID.test(paneId) ||
      !INT.test(pid) ||
      !/^[01]$/.test(dead) ||
      !OPT_INT.test(status) ||
      !OPT_INT.test(signal)
    )
      continue;
    if (!INT.test(activity) || !INT.test(width) || !INT.test(height)) continue;
    panes.push({
      session,
      paneId,
      pid: Number(pid),
      dead: dead === "1",
      deadStatus: status ? Number(status) : null,
      activity: Number(activity),
      width: Number(width),
      height: Number(height),
      currentCommand: command,
      currentPath: path,
      deadSignal: signal ? Number(signal) : null,
    });
  }
  return panes;
}

/**
 * Split text into pieces of at most `max` UTF-16 units without cutting a surrogate pair (an emoji at a
 * boundary would otherwise arrive as two U+FFFD).
 */
export function chunkText(text: string, max: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + max, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate: keep the pair whole
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/** One argument of tmux's config syntax, double-quoted; refuses what would need escaping (never built from user text). */
export function configWord(s: string): string {
  if (/["\\$~\n]/.test(s)) throw new Error(`not a safe tmux config word: ${JSON.stringify(s)}`);
  return `"${s}"`;
}

/** Split snapshot output into screens by the per-call marker tmux printed before each (`mark NAME mark\n`). */
export function parseScreens(out: string, mark: string): Map<string, string> {
  const screens = new Map<string, string>();
  const parts = out.split(mark);
  // parts: ["", name, "\n<screen>", name, "\n<screen>", …]
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const name = parts[i]!;
    const body = parts[i + 1]!.replace(/^\n/, "");
    screens.set(name, body);
  }
  return screens;
}

// THE one table of how each state looks to a person. Every label and emoji comes from here.
import type { SessionState } from "../api/types.js";

export interface StateLook {
  emoji: string;
  label: string;
  /** A person must act (answer a prompt, look at an error). */
  needsPerson: boolean;
  /** Sort order on the dashboard: lower first. */
  order: number;
}

export const STATE_LOOK: Record<SessionState, StateLook> = {
  waiting_approval: { emoji: "⏳", label: "Waiting approval", needsPerson: true, order: 0 },
  waiting_input: { emoji: "❓", label: "Needs input", needsPerson: true, order: 1 },
  trust_prompt: { emoji: "🔐", label: "Trust folder?", needsPerson: true, order: 2 },
  error: { emoji: "❌", label: "Error", needsPerson: true, order: 3 },
  working: { emoji: "✅", label: "Working", needsPerson: false, order: 4 },
  starting: { emoji: "🚀", label: "Starting", needsPerson: false, order: 5 },
  idle: { emoji: "💤", label: "Idle", needsPerson: false, order: 6 },
  unknown: { emoji: "❔", label: "Unknown", needsPerson: false, order: 7 },
  exited: { emoji: "⏹", label: "Exited", needsPerson: false, order: 8 },
};

export function stateText(state: SessionState): string {
  const l = STATE_LOOK[state];
  return `${l.emoji} ${l.label}`;
}

export type Style = "chat" | "terminal";

/** Shorten for a phone: one line, at most `max` characters, an ellipsis when cut. */
export function short(text: string | undefined | null, max = 80): string {
  const one = (text ?? "").replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** `~/code/vsr` instead of `/home/u/code/vsr`; the last folders only when long. */
export function shortPath(path: string, max = 28, home = process.env.HOME): string {
  let p = path;
  if (home && home !== "/" && (p === home || p.startsWith(`${home}/`))) p = `~${p.slice(home.length)}`;
  if (p.length <= max) return p;
  const parts = p.split("/");
  let out = parts.at(-1) ?? p;
  for (let i = parts.length - 2; i >= 0 && `…/${parts[i]}/${out}`.length <= max; i--) out = `${parts[i]}/${out}`;
  return `…/${out}`.slice(0, max);
}

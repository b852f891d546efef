// The vocabulary every part of Wingman shares: states, prompts, options, session views.
// These shapes are the outside contract (`status --json`, `inspect-screen`, `monitor --json`);
// see the README's field reference before changing one.

import type { UsageView } from "./usage.js";
export const SESSION_STATES = [
  "starting",
  "trust_prompt",
  "idle",
  "working",
  "waiting_approval",
  "waiting_input",
  "error",
  "exited",
  "unknown",
] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** Why a turn ended in `error`. */
export type ErrorReason = "auth" | "rate_limit" | "server" | "connection" | "other";

/** tool: a tool permission; trust: folder trust; question: AskUserQuestion; dialog: anything else. */
export type PromptKind = "tool" | "trust" | "question" | "dialog";

/**
 * What choosing an option does, independent of its position on screen.
 * once: the plain yes; always: yes and remember (scope says what); auto_mode: yes and switch to auto mode;
 * no: reject; other: anything else (a question's answers, "Chat about this", …).
 */
export type OptionRole = "once" | "always" | "auto_mode" | "no" | "other";

export interface PromptOption {
  /** The number as drawn (`2.`), or null for unnumbered dialogs (trust, auto-mode No/Yes). */
  number: number | null;
  /** The label as drawn, on one line, without the number or the `❯` cursor. */
  label: string;
  role: OptionRole;
  /** For `always`: exactly what it grants, as the dialog words it (`python3 *`, a folder, accept edits…). */
  scope?: string;
  /** Whether the `❯` cursor is on this option now. */
  highlighted: boolean;
  /** A second line that describes the option (AskUserQuestion). */
  description?: string;
  /** For multi-select questions: whether the box is ticked. */
  checked?: boolean;
  /** True for the free-text row of a question ("Type something."). */
  freeText?: boolean;
  /** For a dialog answered by a bare key rather than a row (the auto-mode notice): that key. */
  key?: string;
}

/** A dialog as read from the screen (no id yet). */
export interface ParsedPrompt {
  kind: PromptKind;
  /** The question the dialog asks ("Do you want to proceed?", "Exit plan mode?", the AskUserQuestion text). */
  question: string;
  /** Tool name for tool permissions (Bash, Write, Edit, WebFetch…), else null. */
  tool: string | null;
  /** What the tool would do: the command, the file path, the URL; for other dialogs a short description. */
  detail: string | null;
  /** Extra lines that show the change (a diff or file content), trimmed; absent when none. */
  body?: string;
  options: PromptOption[];
  /** True for AskUserQuestion with checkboxes. */
  multiSelect?: boolean;
  /** The header/title line of the dialog when it has one ("Bash command", "Create file", a question's tab). */
  header?: string;
  /** Set when the dialog is drawn but its options are not (yet) known, e.g. only the hook has told us. */
  optionsPending?: boolean;
}

export type RiskTier = "low" | "normal" | "high";

/** A prompt Wingman has named: what `status --json` shows under `pending`. */
export interface PendingPrompt extends ParsedPrompt {
  id: string;
  /** Hash of what the prompt asks (kind, tool, detail, question, option labels). */
  fingerprint: string;
  /** ISO time Wingman first learned of it. */
  since: string;
  risk: RiskTier;
  riskReasons: string[];
}

/** The classifier's verdict on one capture. Pure: a screen in, this out. */
export interface ScreenReading {
  state: SessionState;
  /** One short line: the spinner text, the error line, the dialog's question, … */
  detail: string;
  prompt: ParsedPrompt | null;
  /** error: auth|rate_limit|server|connection|other; exited: how it ended. */
  stateReason?: string;
  /** The agent's own resume command (`PROGRAM --resume <uuid>`) when the exit screen shows it. */
  resumeCommand?: string;
  /** True when `Waiting for permission…` is on screen: a dialog is pending but not drawn; never type into it. */
  permissionPending?: boolean;
  /** Text still sitting in the input box (not a placeholder), if any. */
  inputText?: string;
  /**
   * Whether earlier turns (a prompt, a reply, a tool's box) are on screen above the input box. Set by an agent
   * that draws its input box before a resumed conversation (Gemini CLI): its fusion reads such a box as
   * still starting.
   */
  history?: boolean;
}

export interface TestProgress {
  passed: number;
  failed: number;
  total: number;
  skipped?: number;
  runner?: string;
}

/** One session as every front door shows it (`status --json`). */
export interface SessionView {
  name: string;
  workdir: string;
  agent: string;
  /** The configured host it runs on; null for this machine. */
  host: string | null;
  state: SessionState;
  stateReason?: string;
  detail?: string;
  pending: PendingPrompt | null;
  createdAt: string;
  lastActivityAt: string;
  agentSessionId?: string;
  resumeCommand?: string;
  lastPrompt?: string;
  lastMessage?: string;
  currentTool?: string;
  progress?: { tests?: TestProgress };
  endedAt?: string;
  createdBy?: string;
  autoApproved?: number;
  /** The model chosen at spawn (`model=M`); missing: the agent's own default. */
  model?: string;
  /** A pane a person started by hand and adopted (docs/adopt.md): read from its screen alone, never killed. */
  adopted?: true;
  /** The adopted pane's `socket:session:window.pane`. */
  target?: string;
  /** The session's own git worktree, or null when it works in the folder it was given (docs/worktrees.md). */
  worktree?: WorktreeInfo | null;
  /** Tokens and money as last read from the agent's own record (docs/usage.md); null: nothing known. */
  usage?: UsageView | null;
  /** When the record last told something new (status shows the age; it never reads a record itself). */
  usageAt?: string;
  /** Why usage is null: `not_read`, `no_record`, `missing`, `malformed: …`, `unreadable: …`, `no_usage_record`. */
  usageProblem?: string;
  /** A follow-up held because a budget is spent: approve NAME ID sends it (docs/usage.md). */
  held?: { id: string; kind: "budget"; text: string; scope: "session" | "day" };
  /** How many follow-ups wait for the session to be idle (docs/queue.md; `queue NAME` lists them); 0 when none. */
  queued?: number;
}

/** Who is acting, for authorization and the audit log. */
export interface Actor {
  /** A stable id of the person: a phone number, `cli:<user>`, … */
  id: string;
  /** cli, whatsapp, webchat, tool, … */
  channel: string;
  /** The front door has established that this person may answer prompts. */
  authorized: boolean;
}

export type RespondAction = "approve" | "always" | "deny" | "trust" | "answer";

export interface RespondRequest {
  session: string;
  action: RespondAction;
  id?: string;
  reason?: string;
  /** answer: option numbers or labels as shown. */
  choices?: string[];
  /** answer: free text for "Type something". */
  text?: string;
  /** approve of a high-risk prompt needs this. */
  confirm?: boolean;
}

/** One pane as the pane host reports it (tmux `list-panes`). */
export interface PaneStatus {
  session: string;
  paneId: string;
  pid: number;
  dead: boolean;
  deadStatus: number | null;
  /** The signal that ended the pane's process, when a signal did. */
  deadSignal: number | null;
  /** Seconds since epoch of the last output in the window (tmux resolution is one second). */
  activity: number;
  width: number;
  height: number;
  currentCommand: string;
  currentPath: string;
}

/** One signal file as read from the session's signals dir (named so that names sort by time). */
export interface SignalFile {
  file: string;
  /** ISO time the signal was written. */
  at: string;
  /** The JSON the signal program wrote. */
  body: unknown;
}

/** One machine sessions may run on, as `wingman hosts` reports it. */
export interface HostReport {
  /** The config's name for it; null for this machine. */
  name: string | null;
  /** How it is reached (`local`, `ssh`: hosts/index.ts). */
  kind: string;
  /** Where it is, for people: this machine's host name, or the ssh destination. */
  address: string;
  /** The ssh destination (`user@box` or an alias); null for this machine. */
  ssh: string | null;
  reachable: boolean;
  /** Why not, and what to run to check. */
  error?: string;
  tmuxVersion?: string;
  /** Each agent's program there, with the version it prints (null: not found there). */
  agents: Array<{ name: string; command: string; version: string | null }>;
  /** Sessions Wingman knows there, and how many of them wait for an answer. */
  sessions: number;
  waiting: number;
}

/** A session's own git worktree (`status --json` → `worktree`; contract shape plus mergedCommit once merged). */
export interface WorktreeInfo {
  /** The main checkout the worktree was made from (its top folder), where `merge` lands the work. */
  repo: string;
  /** The worktree's folder (outside the main checkout). */
  path: string;
  /** The session's branch, `wingman/NAME` unless `branch=` named another. */
  branch: string;
  /** What the branch was made from: a branch name, or a commit when the main checkout was detached. */
  base: string;
  /** The commit `base` pointed at when the worktree was made. */
  baseCommit: string;
  /** The commit `merge` made on base (a squash counts); `kill NAME clean` trusts it. */
  mergedCommit?: string;
  /** The branch's tip when it was merged: a branch still there is merged as long as it has not moved. */
  mergedTip?: string;
}

// What the core needs from a coding agent, declared (not inferred from one implementation). Everything
// that knows one agent — how to start it, what its screens look like, which keys answer its dialogs,
// how it resumes, what its tools are called — lives in that agent's folder behind this interface; the
// core names no agent. Adding an agent is one folder plus one line in agents/index.ts.
//
// Designed with three in view: Claude Code (hooks write event files; dialogs answered by moving a cursor),
// OpenAI's Codex CLI (a `notify` program writes turn-end files; dialogs also take letter keys), and either
// of them on another machine over SSH (the pane and the signal files are reached through a PaneHost, so an
// agent never touches tmux, the file system of its pane's machine, or the network itself).
import type { TObject } from "@sinclair/typebox";
import type {
  PaneStatus,
  ParsedPrompt,
  PromptOption,
  RespondAction,
  ScreenReading,
  SessionState,
  SignalFile,
} from "../api/types.js";

export type { SignalFile } from "../api/types.js";

/** The pane an agent runs in, as the core hands it to the agent: read the screen, press keys, type text. */
export interface PaneIO {
  capture(): Promise<string>;
  /** Named keys (Enter, Escape, Down, Tab, y…); only the agent's own key plans call this. */
  keys(...keys: string[]): Promise<void>;
  /** Literal text (already checked by the core's text rule: no control characters but line feeds). */
  type(text: string): Promise<void>;
}

/** One agent's settings as resolved from Wingman's config (`agents.<id>`), defaults and env override applied. */
export interface AgentSettings {
  /** One program: a name on PATH or a path, no arguments. */
  command: string;
  args: string[];
  /** Agent-specific extras (Claude Code's permission mode, …), passed through untouched. */
  [key: string]: unknown;
}

export interface AgentSettingsSpec<S extends AgentSettings = AgentSettings> {
  /** The schema of `agents.<id>` (additionalProperties false): `command`, `args` and what else the agent needs. */
  readonly schema: TObject;
  /** Every setting's value when the config gives none. */
  readonly defaults: S;
  /** `WINGMAN_<ID>_COMMAND`: overrides `command` (the CLI's and the tests' way to point at a program). */
  readonly commandVariable: string;
  /** Top-level config keys of the second wave that mean `agents.<id>`, still accepted. */
  readonly configAliases: readonly string[];
  /** Per-host keys of the second wave that mean `hosts.<h>.agents.<id>.command`. */
  readonly hostCommandAliases: readonly string[];
}

export interface LaunchInput {
  session: string;
  settings: AgentSettings;
  /** Where the agent's signal program (hook script, notify program) writes one file per event. */
  signalsDir: string;
  /** Wingman's own folder for this agent's fixed files (hook settings…), created and private. */
  agentDir: string;
  /** The environment the agent starts from (Wingman's own, less Wingman's variables: the core removes them). */
  env: Record<string, string | undefined>;
  /** Continue this conversation of the agent's (its own session id) instead of starting a new one. */
  resumeId?: string;
}

export interface LaunchPlan {
  /** The program and its arguments, run directly by the pane host (no shell). */
  argv: string[];
  /** Variables set in the agent's pane (the signal program's inputs among them). */
  env: Record<string, string>;
  /**
   * Variables the pane must not have even when the tmux server does (a local pane starts from the server's
   * environment, which is that of whichever Wingman process started it), unless `env` sets them.
   */
  unset?: string[];
}

/** What folding new signals taught the core beyond the agent's own state. */
export interface SignalEffects {
  agentSessionId?: string;
  /** Where the agent keeps this conversation's record (Claude Code's transcript), as a path on its machine. */
  transcriptPath?: string;
  lastMessage?: string;
  /** Tool output seen (test progress is parsed from it by the core). */
  toolOutputs: string[];
}

/** The agent's verdict on one moment: signals (fast) fused with the screen (truth before any key). */
export interface Fused {
  state: SessionState;
  stateReason?: string;
  detail: string;
  prompt: ParsedPrompt | null;
  /** Which announced request this prompt belongs to (a new announcement is a new prompt). */
  requestSeq?: number;
  resumeCommand?: string;
}

export interface FuseInput<S> {
  pane: PaneStatus | null;
  reading: ScreenReading | null;
  state: S;
  /** Requests at or below this sequence were answered or are gone: never revive them. */
  resolvedSeq?: number;
  /** When the last pending prompt left the screen (a dialog closing mid-turn). */
  promptClosedAt?: string;
  /**
   * The prompt pending now (before this reading), if any. An agent whose full-screen TUI can be caught
   * mid-redraw (a blank frame) may keep it across a frame that shows nothing at all, so one frame does not
   * give the same dialog a new id. Keys never rely on it: they re-read the screen.
   */
  pending?: ParsedPrompt | null;
  createdAt: string;
  /**
   * When `resume` last started the agent again on its conversation (absent for a session never resumed). An
   * agent may show an empty input box before it has loaded the conversation and takes keys.
   */
  resumedAt?: string;
  now: Date;
}

export type Choice = { ok: true; option: PromptOption; index: number } | { ok: false; message: string };

export type AnswerPlan =
  | { ok: true; mode: "single"; index: number; option: PromptOption }
  | { ok: true; mode: "multi"; indexes: number[] }
  | { ok: true; mode: "text"; index: number; text: string }
  | { ok: false; message: string };

export type KeyPlan =
  | { kind: "select"; index: number; reason?: string }
  | { kind: "answer"; plan: Exclude<AnswerPlan, { ok: false }> };

export interface KeyResult {
  ok: boolean;
  /** closed: the dialog is gone or replaced; changed: refused before any key; stuck: keys sent, still open; cursor: a move did not land. */
  outcome: "closed" | "changed" | "stuck" | "cursor";
  keys: string[];
  message: string;
  after: ScreenReading;
  /** Set when the agent took a deny reason in another way (Codex: No, then the reason as a follow-up). */
  note?: string;
}

/** How risk rules read an agent's tool: the same rule for Claude's `Bash` and Codex's shell command. */
export type ToolClass = "shell" | "write" | "read" | "fetch" | "question" | "plan" | "other";

export type { UsageCounts } from "../api/usage.js";
import type { ModelPrice, UsageCounts } from "../api/usage.js";

/** What an agent's record says so far, from its fold state. */
export interface UsageReading {
  /** The model of the last request. */
  model: string | null;
  /** Everything counted, per model (a session can switch models). */
  byModel: Record<string, UsageCounts>;
  /** Tokens the last request put in the context window, and the window when the record names it. */
  contextTokens: number | null;
  contextWindow: number | null;
  /** Complete lines that were not readable as the agent's record (any one makes the total untrustworthy). */
  malformed: number;
}

/** Where a session's record is on its machine: a path, or a file to find by name under a folder (`~/` allowed). */
export type UsageSource = { path: string } | { find: { dir: string; name: string } };

/**
 * How to read what a session cost from the agent's own record of its requests (a JSONL file the agent
 * appends to). The core finds the file on the session's machine and hands over only new complete lines
 * (a cursor per session); the agent folds them into a JSON state it can read totals from.
 */
export interface UsageRecord<F = unknown> {
  /** Where this session's record is; null when not known yet (the agent has not said). */
  locate(o: {
    transcriptPath?: string;
    agentSessionId?: string;
    env: Record<string, string | undefined>;
  }): UsageSource | null;
  /** A fold state with nothing counted. */
  start(): F;
  /** Why a stored fold state is not this agent's shape, or null. */
  stateProblem(x: unknown): string | null;
  /** Complete lines, in file order; the same line may come again (a rewritten file is read from its start). */
  fold(state: F, lines: string[]): void;
  /** The record moved to another file (a resumed or rotated conversation): what was counted stays counted. */
  nextFile(state: F): void;
  read(state: F): UsageReading;
  /** List prices of the models this agent runs on (dollars per million tokens), dated in the agent's folder. */
  readonly prices: Readonly<Record<string, ModelPrice>>;
  /** Where those prices come from and when, for people (`usage --json`, docs). */
  readonly pricesSource: string;
}

export interface Agent<S = unknown> {
  /** The name in the registry, `status --json` and `spawn --agent`. */
  readonly id: string;
  /** For people: "Claude Code". */
  readonly label: string;
  /** Who says the agent's messages, for people ("Claude said: …"). */
  readonly speaker: string;
  /** The words that name it in a chat phrase (`spawn WORD NAME DIR`), lowercase; the id always counts too. */
  readonly words: readonly string[];
  /** Its settings: schema, defaults, the variable that overrides its program, its older config names. */
  readonly settings: AgentSettingsSpec;
  /** What to tell a person whose machine lacks the program. */
  readonly installHint: string;

  // ---- starting
  /** The fixed files the agent needs (its hook settings…), as absolute paths under agentDir; the core writes them atomically, owner-only. */
  setupFiles(agentDir: string): Array<{ path: string; content: string }>;
  launch(input: LaunchInput): LaunchPlan;
  /** The argv that resumes a conversation in its folder, when the agent can. */
  resumeArgv(settings: AgentSettings, agentSessionId: string): string[] | null;
  /** The resume command as a person would type it (`PROGRAM --resume <id>`). */
  resumeCommand(agentSessionId: string): string;
  /** The agent's own arguments that choose a model (`spawn --model M`), when it takes one. */
  modelArgs?(model: string): string[];
  /** Whether a process command line (argv from /proc/<pid>/cmdline) is this agent (for `adopt`). */
  matchesProcess?(argv: string[]): boolean;

  // ---- signals
  initialState(): S;
  /** Why a stored state is not this agent's shape, or null (a registry is hostile until validated). */
  stateProblem(x: unknown): string | null;
  /** The name of the last signal file folded in (later files are new). */
  cursorOf(state: S): string | undefined;
  fold(state: S, signals: SignalFile[]): SignalEffects;
  /**
   * Whether the agent's signals announce a permission dialog before it is drawn (Claude Code's
   * PermissionRequest hook). One that does not is watched by its screen alone while it works, so the
   * monitor looks at it more often (core/monitor: SCREEN_ONLY_POLL_MS).
   */
  readonly announcesPrompts: boolean;
  /** The agent's own signal says the turn ended (no screen debounce needed). */
  turnEnded(state: S): boolean;
  /** The tool running now, for people (`Bash(npm test)`), if the signals say. */
  runningTool(state: S): string | undefined;

  // ---- screens
  /**
   * The agent says some things on its screen by colour alone (OpenCode: which button is selected, which
   * history block is an error): the core then hands classify() and the key plans the screen with its SGR
   * escapes (`capture-pane -e`), in the monitor's snapshot and through PaneIO.capture. Unset: plain text.
   */
  readonly screenEscapes?: boolean;
  classify(screen: string): ScreenReading;
  /** A capture (with scrollback) as a person reads it: the agent's own chrome dropped, the last `lines` kept. */
  cleanScreen(capture: string, lines: number): string;
  fuse(input: FuseInput<S>): Fused;
  toolClass(tool: string | null): ToolClass;

  // ---- answering
  choose(prompt: ParsedPrompt, action: Exclude<RespondAction, "answer">): Choice;
  planAnswer(prompt: ParsedPrompt, choices: string[] | null, text: string): AnswerPlan;
  /** How long a drawn dialog must stand before it takes keys (the core waits, then re-checks it). */
  readonly settleMs: number;
  /**
   * Press the keys of `plan` on the dialog read in `start`, checking after each step that the screen
   * still shows the same request (`same`), and that the dialog closed at the end. Never press blindly.
   */
  answer(io: PaneIO, same: (p: ParsedPrompt) => boolean, start: ScreenReading, plan: KeyPlan): Promise<KeyResult>;
  /** Type a prompt and submit it; Enter is retried only while the text still sits in the input box. */
  submit(io: PaneIO, text: string): Promise<{ ok: boolean; reading: ScreenReading }>;

  // ---- usage
  /** How to read tokens from the agent's own record; absent when the agent keeps none (usage is then null). */
  readonly usage?: UsageRecord;
}

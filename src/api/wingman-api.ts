// The one API every front door calls (CLI, /wm command, assistant tools, before_dispatch, monitor).
// Front doors parse, call this, and format; none of them talks to tmux.
import type {
  ChangesOutcome,
  CleanOutcome,
  DiffOutcome,
  MergeMode,
  MergeOutcome,
  PatchOutcome,
  PrOutcome,
} from "./workspaces.js";
import type {
  KillOutcome,
  OutputOutcome,
  QueueOutcome,
  RespondOutcome,
  ResumeAllOutcome,
  ResumeOutcome,
  SendOutcome,
  SpawnOutcome,
  UnqueueOutcome,
} from "./outcomes.js";
import type { Actor, RespondRequest, SessionView } from "./types.js";

export interface SpawnRequest {
  session: string;
  workdir: string;
  prompt?: string;
  /** The agent to start, by id (agents/index.ts); default: config `defaultAgent`. */
  agent?: string;
  /** A configured host to run it on; default: this machine. */
  host?: string;
  /** worktree=yes|no: a worktree of its own, or the folder itself; default: config `worktrees`. */
  worktree?: boolean;
  /** base=REF: what the session's branch starts from (default: the main checkout's branch). */
  base?: string;
  /** branch=NAME: the session's branch (default: `wingman/NAME`). */
  branch?: string;
  /** model=M / --model M: the agent starts with its own model flag (an agent without one refuses it). */
  model?: string;
  /** Start even past the day's budget (CLI `--confirm`); ignored when an assistant's tool asks (docs/usage.md). */
  confirm?: boolean;
}

/** What a model name may be (`model=M`): it goes into the agent's argv, never through a shell. */
export const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/;
/** The longest model name taken. */
export const MODEL_MAX = 128;

export interface SendOptions {
  /** Type even when the session is not idle/error (never into an open dialog's keys, see README). */
  force?: boolean;
  /** Send even past a budget (CLI `--confirm`); ignored when an assistant's tool asks (docs/usage.md). */
  confirm?: boolean;
}

export interface HistoryEntry {
  at: string;
  session: string;
  /** spawned, prompt, approved, always, denied, trusted, answered, finished, error, exited, killed, auto_approved */
  event: string;
  detail?: string;
  by?: string;
  workdir?: string;
}

export interface AuditEntry {
  at: string;
  actor: string;
  channel: string;
  session: string;
  action: string;
  promptId?: string;
  fingerprint?: string;
  option?: string;
  keys?: string[];
  /** closed_elsewhere: a dialog closed without a Wingman answer (at the keyboard, or by another process). */
  outcome: "done" | "refused" | "not_closed" | "failed" | "closed_elsewhere";
  message: string;
  latencyMs?: number;
}

export interface SessionSummary {
  name: string;
  workdir: string;
  createdAt: string;
  endedAt?: string;
  durationMs?: number;
  outcome: string;
  approvals: number;
  prompts: number;
}

export interface WingmanApi {
  spawn(req: SpawnRequest, actor: Actor): Promise<SpawnOutcome>;
  send(session: string, text: string, opts: SendOptions, actor: Actor): Promise<SendOutcome>;
  /** All sessions (or one), with state re-read from hooks and screens. */
  status(session?: string): Promise<SessionView[]>;
  /**
   * Record that `actor` was shown these pending prompts (a status reply, a notification).
   * An answer without an id is accepted only for the prompt the person was last shown.
   */
  markShown(actor: Actor, prompts: Array<{ session: string; id: string }>): Promise<void>;
  respond(req: RespondRequest, actor: Actor, opts?: RespondOptions): Promise<RespondOutcome>;
  output(session: string, lines?: number): Promise<OutputOutcome>;
  kill(session: string, actor: Actor): Promise<KillOutcome>;
  /** Start an exited session's agent again on its own conversation (same name, folder and record). */
  resume(session: string, actor: Actor): Promise<ResumeOutcome>;
  /** Resume every exited session that has a conversation to continue. */
  resumeAll(actor: Actor): Promise<ResumeAllOutcome>;
  /** What a session changed on its branch (read-only); with `file`, that file's patch. */
  changes(session: string, file?: string): Promise<ChangesOutcome | PatchOutcome>;
  /** A session's whole diff, redacted and capped (the web page; read-only). */
  fullDiff(session: string): Promise<DiffOutcome>;
  /** Land a session's branch on its base in the main checkout (owner only). */
  merge(
    session: string,
    opts: { mode?: MergeMode; commit: boolean; confirm: boolean },
    actor: Actor,
  ): Promise<MergeOutcome>;
  /** Push a session's branch and open a pull request (owner only). */
  pr(session: string, opts: { title?: string; commit: boolean }, actor: Actor): Promise<PrOutcome>;
  /** Kill a session and remove its worktree (owner only; what would be lost needs confirm). */
  killClean(session: string, confirm: boolean, actor: Actor): Promise<CleanOutcome>;
  history(limit?: number): Promise<{ entries: HistoryEntry[]; sessions: SessionSummary[] }>;
  audit(limit?: number): Promise<AuditEntry[]>;
  /** The follow-ups waiting for a session to be idle (read-only). */
  queue(session: string): Promise<QueueOutcome>;
  /** Drop every follow-up waiting for a session (owner only). */
  unqueue(session: string, actor: Actor): Promise<UnqueueOutcome>;
}

/** What a door can ask of an answer beyond its result. */
export interface RespondOptions {
  /**
   * Called once, as soon as the dialog is verified closed, with the outcome `respond` is about to return,
   * before the bookkeeping (registry, history, audit) is written: a door can show it at once (a Telegram
   * button's message is edited ~100 ms earlier). Not called for a refusal, nor for a folder trust (its
   * outcome says what the queued prompt did, known only after).
   */
  answered?: (o: RespondOutcome) => void;
}

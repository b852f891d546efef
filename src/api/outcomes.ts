// Longer than 300 lines: every outcome kind of every acting operation, as data, in one place (the doors' one
// input; format/outcomes.ts words each).
// What every core operation returns: facts, never sentences. A door turns an Outcome into words (format/)
// or JSON; it never reads text to learn what happened. The contract's shape: `{ ok, code, facts }` on
// success, `{ ok: false, error, facts }` on a refusal or failure. `facts` is the data a reply needs (names,
// ids, counts, paths); each operation's kinds are listed below, and format/outcomes.ts words each one.
// A refusal's facts carry `why`: the exact case (the error code groups several: `stale_id` is "answered
// already", "not the one on screen", "say which", …), so one describe function per case words it.
import type { PendingPrompt, SessionState, SessionView } from "./types.js";

/**
 * What went wrong, for programs: the CLI maps `usage` to exit 2 and everything else to exit 1; chat says
 * `✗ …`; tools put it in `details.error.code`. `refused` is the general "the state did not allow it"; the
 * specific codes name the cases a caller may want to act on (the README's error table).
 */
export type WingmanErrorCode =
  | "usage"
  | "refused"
  | "failed"
  | "not_found"
  | "unavailable"
  | "not_owner"
  | "wrong_state"
  | "stale_id"
  | "not_drawn"
  | "control_char"
  | "needs_confirm"
  | "host_unreachable"
  | "conflict";

/** A successful outcome: `code` names what happened (e.g. `approved`, `queued`, `merged`). */
export interface Done<C extends string = string, F = Record<string, unknown>> {
  ok: true;
  code: C;
  facts: F;
}

/** A refusal or failure: `error` is one of the contract's codes; `facts` says what was found. */
export interface Refused<F = Record<string, unknown>> {
  ok: false;
  error: WingmanErrorCode;
  facts: F;
}

export type Outcome<C extends string = string, F = Record<string, unknown>, R = Record<string, unknown>> =
  | Done<C, F>
  | Refused<R>;

export const done = <C extends string, F>(code: C, facts: F): Done<C, F> => ({ ok: true, code, facts });
export const refusedWith = (error: WingmanErrorCode, facts: RefusalFacts): Refused<RefusalFacts> => ({
  ok: false,
  error,
  facts,
});

// ------------------------------------------------------------------------------------------- refusals

/** The deed an owner rule refused, as the reply names it. */
export type Deed =
  | "answer prompts"
  | "send prompts to sessions"
  | "start sessions"
  | "kill sessions"
  | "resume sessions"
  | "merge a session's work"
  | "push a session's work"
  | "adopt sessions"
  | "release sessions";

/** Where text bound for an agent came from, for a control-character refusal. */
export type TextPlace = "text" | "the deny reason" | "the answer" | "folder";

/** Every refusal case, by `why`. The error code each travels with is noted beside it. */
export type RefusalFacts =
  // ---- any operation
  /** not_owner: the door did not establish the actor as an owner. */
  | { why: "not_owner"; actor: string; deed: Deed }
  /** not_found */
  | { why: "no_session"; session: string }
  /** refused/usage: a name that breaks the rule (`rule` states it). */
  | { why: "bad_name"; name: string; rule: string }
  /** control_char: nothing typed. */
  | { why: "control_char"; place: TextPlace; codePoint: string; position: number; value?: string }
  /** refused */
  | { why: "too_long"; length: number; max: number }
  /** usage */
  | { why: "bad_lines"; min: number; max: number }
  /** failed, host_unreachable, unavailable, …: a failure from below (a host, the registry, an agent) in its own words. */
  | { why: "error"; text: string }
  // ---- respond
  /** wrong_state: no dialog on screen. */
  | { why: "nothing_pending"; session: string; state: SessionState }
  /** stale_id: the id was answered or went away. */
  | { why: "answered_already"; session: string; id: string; state: SessionState }
  /** stale_id: another prompt is on screen. */
  | { why: "not_on_screen"; session: string; id: string; pending: PendingPrompt }
  /** stale_id: no id, and this person was not shown the pending one (now they have been). */
  | { why: "say_which"; session: string; pending: PendingPrompt }
  /** stale_id: the prompt went (or changed) before the answer; `pending` is what is there now. */
  | {
      why: "went_away";
      session: string;
      id: string;
      pending: PendingPrompt | null;
      state: SessionState | null;
      before: "drawn" | "answer" | "read";
    }
  /** not_drawn */
  | { why: "not_drawn"; session: string; id: string; waitedMs: number }
  /** refused: `trust` on a prompt that is not a folder-trust question. */
  | { why: "not_trust"; session: string; pending: PendingPrompt }
  /** refused: the choice does not fit the prompt; `problem` is the agent's reading of why. */
  | { why: "no_such_choice"; session: string; pending: PendingPrompt; problem: string }
  /** needs_confirm: `always` on a high-risk prompt. */
  | { why: "always_high_risk"; session: string; pending: PendingPrompt }
  /** needs_confirm: approve a high-risk prompt without confirm; `door: "tool"` when a tool asked (never allowed). */
  | { why: "needs_confirm"; session: string; pending: PendingPrompt; door?: "tool" }
  /** failed: the keys went but the dialog stayed. */
  | { why: "not_closed"; session: string; pending: PendingPrompt; option: string }
  /** failed: the agent refused to press (the screen changed under it). */
  | { why: "keys_refused"; session: string; pending: PendingPrompt; problem: string }
  // ---- send
  /** usage */
  | { why: "nothing_to_send" }
  /**
   * needs_confirm: a budget is spent, so the text was held as prompt `id` (kind budget), released with
   * `approve NAME ID` or sent with `--confirm`; `door: "tool"` when an assistant's tool asked (never released by one).
   */
  | {
      why: "over_budget";
      session: string;
      id: string;
      scope: "session" | "day";
      costUsd: number;
      limitUsd: number;
      door?: "tool";
      /** What was held: a follow-up (default) or a new session's start. */
      what?: "tell" | "spawn";
    }
  /** wrong_state */
  | { why: "exited"; session: string }
  /** wrong_state: a dialog is open; nothing typed. `monitor: false`: and none runs to queue it (see busy). */
  | { why: "in_dialog"; session: string; state: SessionState; pending: PendingPrompt; monitor?: false }
  /**
   * wrong_state: working/starting; `tell!` would send it now. `monitor: false`: no monitor runs, so the text
   * could not be queued for later (a follow-up is queued only while a monitor holds its lock).
   */
  | { why: "busy"; session: string; state: SessionState; monitor?: false }
  /** wrong_state: the session already holds `max` queued follow-ups; nothing queued. */
  | { why: "queue_full"; session: string; max: number }
  /** failed: typed, but the agent did not take it. */
  | { why: "not_submitted"; session: string; dialogOpened: boolean; view: SessionView | null }
  // ---- resume
  /** wrong_state */
  | { why: "still_running"; session: string; state: SessionState }
  /** wrong_state */
  | { why: "no_conversation"; session: string }
  /** wrong_state: the recorded conversation id is not one an agent writes. */
  | { why: "bad_conversation_id"; session: string; id: string }
  /** wrong_state; `worktree` when the folder was the session's own worktree (its branch is kept). */
  | { why: "folder_gone"; session: string; workdir: string; worktree?: { path: string; branch: string; repo: string } }
  /** failed: started again but its agent exited at once. */
  | { why: "exited_at_once"; session: string; reason: string | null; detail: string | null }
  /** failed: every resume of `resume all` failed. */
  | { why: "all_failed"; results: ResumeItem[] }
  // ---- spawn
  /** usage: spawn NAME DIR */
  | { why: "needs_folder" }
  /** usage */
  | { why: "unknown_agent"; agent: string; known: string[] }
  /** refused: the folder is not there (on `host`, null for this machine). */
  | { why: "no_folder"; folder: string; host: string | null }
  /** refused */
  | { why: "not_a_folder"; folder: string }
  /** refused: inside Wingman's own state dir. */
  | { why: "state_folder"; folder: string }
  /** usage: a folder on another machine must be absolute or start with ~/. */
  | { why: "folder_not_absolute"; folder: string; host: string }
  /**
   * refused: the name is in use: on another machine (`host`), by another agent (`agent`), in another folder
   * (`workdir`), by a tmux session Wingman does not know (`tmux`), or someone started it just now (`race`).
   */
  | {
      why: "name_taken";
      session: string;
      by: "host" | "agent" | "folder" | "tmux" | "race";
      host?: string | null;
      agent?: string;
      wanted?: string;
      workdir?: string;
    }
  /** refused: the agent's configured program may not contain "=" or control characters. */
  | { why: "bad_command"; agent: string; command: string }
  /** unavailable: the agent's program was not found (on `host`); `hint` is the agent's install hint. */
  | { why: "no_program"; agent: string; command: string; onPath: boolean; host: string | null; hint: string }
  /** usage: the agent has no model flag Wingman knows, so `model=` cannot be passed to it. */
  | { why: "model_unsupported"; agent: string }
  /** usage: the model name is not one Wingman passes on (MODEL_NAME, at most MODEL_MAX characters). */
  | { why: "bad_model"; model: string }
  /**
   * refused (failed for `worktree_failed`): the session's own worktree could not be made; nothing was left
   * behind. `dir` is the folder asked for; the other fields as the case has them.
   */
  | ({ why: "not_git" } & WorktreeNotMade)
  | ({ why: "bare_repo" } & WorktreeNotMade)
  | ({ why: "bad_base" } & WorktreeNotMade)
  | ({ why: "bad_branch" } & WorktreeNotMade)
  | ({ why: "branch_exists" } & WorktreeNotMade)
  | ({ why: "worktree_path_taken" } & WorktreeNotMade)
  | ({ why: "worktree_failed" } & WorktreeNotMade)
  /** failed: the agent exited before its first screen; the worktree made for it (and its branch, if made) went. */
  | {
      why: "exited_before_screen";
      session: string;
      reason: string | null;
      path: string;
      branch: string;
      branchRemoved: boolean;
    }
  // ---- kill
  /** failed: the pane was killed (`killed`) or not, but the registry could not be written. */
  | { why: "not_recorded"; session: string; killed: boolean; problem: string }
  // ---- output, screen
  /** refused */
  | { why: "no_screen"; session: string }
  // ---- adopt, release (docs/adopt.md)
  /** refused: an adopted session is the person's; `op` is what was refused (release forgets it instead). */
  | { why: "adopted"; session: string; op: "kill" | "start" | "resume"; target?: string }
  /** usage: TARGET is not `[socket:]session:window.pane`. */
  | { why: "bad_target"; target: string }
  /** refused: Wingman's own server holds the sessions it started; they are not adopted. */
  | { why: "own_socket"; socket: string }
  /** not_found: no such pane on that tmux server (or no server there). */
  | { why: "no_pane"; target: string; socket: string }
  /** refused: the pane's foreground program is not an agent Wingman knows; `saw` is its command line (redacted, cut). */
  | { why: "not_an_agent"; target: string; saw: string; known: string[] }
  /** refused: that pane is already adopted, as `session`. */
  | { why: "already_adopted"; target: string; session: string }
  /** refused: a session of that name exists (`adopted`: it is an adopted one). */
  | { why: "name_known"; session: string; state: SessionState | null }
  /** wrong_state: release is for adopted sessions only. */
  | { why: "not_adopted"; session: string };

export type Refusal = Refused<RefusalFacts>;

/** A spawn's worktree that could not be made (nothing was left behind): `dir` is the folder asked for. */
export interface WorktreeNotMade {
  session: string;
  dir: string;
  branch?: string;
  base?: string;
  path?: string;
  /** Where the existing branch is checked out (`branch_exists`). */
  checkedOutAt?: string;
  /** git's own message (`worktree_failed`). */
  detail?: string;
}

// ------------------------------------------------------------------------------------------- successes

/** What a spawn did after starting the agent. */
export interface SpawnNotes {
  /** autoTrust: the folder was trusted for it, or trying failed (with the refusal). */
  trust?: { ok: true } | { ok: false; refusal: RefusalFacts };
  /** The first prompt: sent, sent but not confirmed, kept until a dialog is answered, or kept until ready. */
  prompt?:
    | { status: "sent" }
    | { status: "not_sent"; refusal: RefusalFacts }
    | { status: "kept_for_dialog"; pending: PendingPrompt; state: SessionState }
    | { status: "kept"; state: SessionState | null };
  /** The session's own git worktree (docs/worktrees.md): made now, checked out again, or reused. */
  worktree?: {
    path: string;
    branch: string;
    base: string;
    made: "new" | "branch_again" | "reused";
    /** Tracked files changed in the main checkout, which stay there. */
    mainChanges: number;
    repo: string;
  };
}

/** One session of `resume all`: resumed, or why not. */
export type ResumeItem =
  | { session: string; ok: true; workdir: string; resumeCommand: string }
  | { session: string; ok: false; error: WingmanErrorCode; facts: RefusalFacts };

export type SpawnOutcome =
  | Done<"started", { session: string; workdir: string; agent: string; notes: SpawnNotes; view: SessionView | null }>
  | Done<"already_running", { session: string; workdir: string; view: SessionView | null }>
  | SendOutcome
  | Refusal;

/** A follow-up kept for later, as `queue NAME` lists it (`text` redacted like every screen). */
export interface QueueItem {
  /** 1 is the next to be typed. */
  position: number;
  text: string;
  by: string | null;
  at: string;
}

/**
 * `sent`: typed now (`unpriced`: the session's models that have no price, so no budget applied: said in the reply). `queued`: kept, to be typed when the session is idle; `position` is its place in the
 * session's queue (1 = next), `state` what the session was doing.
 */
export type SendOutcome =
  | Done<"sent", { session: string; view: SessionView | null; unpriced?: string[] }>
  | Done<"queued", { session: string; position: number; state: SessionState; view: SessionView | null }>
  | Refusal;

/** `queue NAME`: what waits, oldest first. */
export type QueueOutcome =
  | Done<"queue", { session: string; state: SessionState | null; items: QueueItem[]; max: number }>
  | Refusal;

/** `unqueue NAME`: every waiting follow-up dropped (`dropped` of them; none typed). */
export type UnqueueOutcome = Done<"unqueued", { session: string; dropped: number }> | Refusal;

/** The prompt an answer closed (as the view shows it: redacted). */
interface AnsweredFacts {
  session: string;
  prompt: PendingPrompt;
}

export type RespondOutcome =
  | Done<"approved", AnsweredFacts & { option: string | null }>
  | Done<"always_allowed", AnsweredFacts & { option: string | null; scope: string | null }>
  /**
   * `reason`: the deny reason given; `told`: how the agent took it (`dialog`: through the dialog, `followup`:
   * as the next prompt, `not_delivered`: it did not complete; `note` is the agent's own words on it).
   */
  | Done<
      "denied",
      AnsweredFacts & {
        reason: string | null;
        agent: string;
        told: "dialog" | "followup" | "not_delivered" | null;
        note: string | null;
      }
    >
  /** `queued`: the first prompt kept for after the trust question: sent, or not confirmed submitted. */
  | Done<"trusted", AnsweredFacts & { queued: "sent" | "not_submitted" | null }>
  | Done<"answered", AnsweredFacts & { answer: string }>
  /** `approve NAME ID` of a prompt held by a budget: its text was sent. */
  | Done<"released", { session: string; id: string; view: SessionView | null; what?: "tell" | "spawn" }>
  /** `deny NAME ID` of a prompt held by a budget: its text was dropped, nothing typed. */
  | Done<"dropped", { session: string; id: string; what?: "tell" | "spawn" }>
  | Refusal;

export type KillOutcome = Done<"killed", { session: string }> | Refusal;

/** One pane of a person's tmux server that runs a known agent (`adopt` with no TARGET). */
export interface AdoptablePane {
  /** `socket:session:window.pane`: what `adopt TARGET NAME` takes. */
  target: string;
  /** The agent's id and label. */
  agent: string;
  label: string;
  /** The pane's folder. */
  workdir: string;
  /** The Wingman session that already adopted it, if one did. */
  adoptedAs: string | null;
}

export type AdoptOutcome =
  /** `others`: panes on that server that run something else. */
  | Done<"adoptable", { socket: string; panes: AdoptablePane[]; others: number }>
  | Done<"adopted", { session: string; target: string; agent: string; workdir: string; view: SessionView | null }>
  | Refusal;

/** `running`: the pane was still there when Wingman let go of it. */
export type ReleaseOutcome = Done<"unadopted", { session: string; target: string; running: boolean }> | Refusal;

export type ResumeOutcome =
  | Done<"resumed", { session: string; workdir: string; resumeCommand: string; view: SessionView | null }>
  | Refusal;

export type ResumeAllOutcome =
  | Done<"resumed_all", { results: ResumeItem[]; views: SessionView[] }>
  | Done<"nothing_to_resume", Record<string, never>>
  | Refusal;

export type OutputOutcome = Done<"output", { session: string; text: string }> | Refusal;

/** Any outcome of an acting operation, as a door receives it. */
export type ActOutcome =
  | SpawnOutcome
  | SendOutcome
  | RespondOutcome
  | KillOutcome
  | ResumeOutcome
  | ResumeAllOutcome
  | OutputOutcome
  | QueueOutcome
  | UnqueueOutcome
  | AdoptOutcome
  | ReleaseOutcome;

/** The views an outcome carries, read after the action (the CLI's --json `sessions`). */
export function viewsOf(o: ActOutcome): SessionView[] {
  if (!o.ok) return o.facts.why === "not_submitted" && o.facts.view ? [o.facts.view] : [];
  const f = o.facts as { view?: SessionView | null; views?: SessionView[] };
  if (f.views) return f.views;
  return f.view ? [f.view] : [];
}

// Every word of an action's outcome (api/outcomes.ts): one describe function per success code and per
// refusal case, in two tables the compiler keeps complete (a new kind without words does not build). The
// same words serve the chat, the tools, the terminal and the web page's message; the mark (✓ ✗ ⚠️ ✅ ⏹ ▶)
// is part of the words, chosen here from the kind, never read back by a door.
import { promptLabel } from "../api/labels.js";
import type { ActOutcome, Done, RefusalFacts, ResumeItem, SpawnNotes } from "../api/outcomes.js";
import type { PendingPrompt, SessionState } from "../api/types.js";

type Why = RefusalFacts["why"];
type FactsOf<W extends Why> = Extract<RefusalFacts, { why: W }>;
type Success = Extract<ActOutcome, { ok: true }>;
type Code = Success["code"];
type DoneOf<C extends Code> = Extract<Success, { code: C }>["facts"];

/** A value a person typed, quoted for a reply: bounded, control characters made visible. */
export function quoted(s: string, max = 80): string {
  const clean = s.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
  return `"${clean.length > max ? `${clean.slice(0, max)}…` : clean}"`;
}

const stateWords = (s: SessionState | null | undefined) => (s ? s.replace("_", " ") : "gone");

/** The reply that answers a pending prompt, for refusals that point at it. */
export function replyHint(name: string, p: PendingPrompt): string {
  if (p.kind === "trust") return `reply: trust ${name}`;
  if (p.kind === "question") return `reply: answer ${name} ${p.id} CHOICE`;
  return `reply: approve ${name} ${p.id} · deny ${name} ${p.id}`;
}

const pendingNow = (name: string, p: PendingPrompt) =>
  `now pending on ${name}: ${p.id} · ${promptLabel(p)} (${replyHint(name, p)})`;
const pickAnother = (name: string) => `pick another name, or kill ${name} first`;
/** Why a follow-up was not queued instead: no monitor runs to type it later. */
const noMonitor = (m: false | undefined) =>
  m === false ? " (follow-ups are queued only while a monitor runs: `wingman monitor` or the host's service)" : "";

/** 1st, 2nd, 3rd, 4th … (positions in a queue of at most 10). */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

// ------------------------------------------------------------------------------------------- refusals

const REFUSAL: { [W in Why]: (f: FactsOf<W>) => string } = {
  not_owner: (f) => `only the owner can ${f.deed} (${f.actor} is not one)`,
  no_session: (f) => `no session ${f.session}: \`wingman status\` lists sessions`,
  bad_name: (f) => `invalid session name ${quoted(f.name, 40)}: use ${f.rule} (e.g. vsr-fix)`,
  control_char: (f) =>
    f.place === "folder"
      ? `folder ${quoted(f.value ?? "")} contains a control character (${f.codePoint}) at position ${f.position}`
      : `text contains a control character (${f.codePoint}) at position ${f.position}${f.place === "text" ? "" : ` of ${f.place}`}; nothing typed`,
  too_long: (f) => `text too long (${f.length} characters; at most ${f.max})`,
  bad_lines: (f) => `LINES must be a whole number from ${f.min} to ${f.max}`,
  error: (f) => f.text,
  nothing_pending: (f) => `${f.session} has no pending prompt (${stateWords(f.state)}); nothing pressed`,
  answered_already: (f) =>
    `${f.session}: prompt ${f.id} is no longer pending (answered or gone); ${f.session} is ${stateWords(f.state)}`,
  not_on_screen: (f) =>
    `${f.session}: prompt ${f.id} is not the one on screen; nothing pressed. ${pendingNow(f.session, f.pending)}`,
  say_which: (f) => `${f.session}: say which prompt; nothing pressed. ${pendingNow(f.session, f.pending)}`,
  went_away: (f) => {
    const now = f.pending ? pendingNow(f.session, f.pending) : `${f.session} is ${stateWords(f.state)}`;
    if (f.before === "drawn")
      return `${f.session}: prompt ${f.id} went away before its dialog was drawn; nothing pressed. ${now}`;
    if (f.before === "read") return `${f.session}: prompt ${f.id} changed; nothing pressed`;
    return `${f.session}: prompt ${f.id} changed before the answer; nothing pressed. ${now}`;
  },
  not_drawn: (f) =>
    `${f.session}: the dialog for ${f.id} is still not drawn after ${f.waitedMs / 1000} s; nothing pressed. Try again in a moment`,
  not_trust: (f) =>
    `${f.session}: the prompt is not a folder-trust question; nothing pressed. ${pendingNow(f.session, f.pending)}`,
  no_such_choice: (f) => {
    const p = f.pending;
    const hint =
      p.kind === "question"
        ? `answer ${f.session} ${p.id} CHOICE`
        : p.kind === "trust"
          ? `trust ${f.session}`
          : replyHint(f.session, p);
    return `${f.session} ${p.id}: ${f.problem} (${hint}); nothing pressed`;
  },
  always_high_risk: (f) =>
    `${f.session} ${f.pending.id}: "always" is refused for a high-risk prompt (${f.pending.riskReasons.join(", ")}); approve it once with: approve ${f.session} ${f.pending.id} confirm`,
  needs_confirm: (f) => {
    const { session: s, pending: p } = f;
    const why = `${s} ${p.id} is high risk (${p.riskReasons.join(", ")})`;
    if (f.door === "tool") {
      return `${why}: the assistant never approves that. To run it, send \`/wm approve ${s} ${p.id} confirm\` yourself, or run \`wingman approve ${s} ${p.id} --confirm\` in a terminal`;
    }
    return `${why}: ${promptLabel(p)}. To run it, reply: approve ${s} ${p.id} confirm`;
  },
  not_closed: (f) =>
    `${f.session} ${f.pending.id}: keys sent (${f.option}) but the dialog did not close; nothing more pressed. Look with \`wingman output ${f.session}\``,
  keys_refused: (f) => `${f.session} ${f.pending.id}: ${f.problem}; nothing was chosen`,
  nothing_to_send: () => "nothing to send: tell NAME TEXT",
  over_budget: (f) => {
    const spent = `${f.scope === "day" ? "today's budget" : `${f.session}'s budget`} is spent ($${f.costUsd.toFixed(2)} of $${f.limitUsd.toFixed(2)})`;
    if (f.door === "tool")
      return `${spent}: the ${f.what === "spawn" ? "start" : "text"} is held as ${f.session} ${f.id}; the assistant cannot release it. Send \`/wm approve ${f.session} ${f.id}\` yourself`;
    if (f.what === "spawn")
      return `${spent}: ${f.session} not started; the start is held as ${f.session} ${f.id}. Reply: approve ${f.session} ${f.id} to start it, deny ${f.session} ${f.id} to drop it`;
    return `${spent}: nothing typed; the text is held as ${f.session} ${f.id}. Reply: approve ${f.session} ${f.id} to send it, deny ${f.session} ${f.id} to drop it`;
  },
  exited: (f) => `${f.session} has exited: spawn it again to start a new conversation`,
  in_dialog: (f) =>
    `${f.session} is waiting on a dialog (${f.pending.question || f.state}, id ${f.pending.id}); nothing typed: ${replyHint(f.session, f.pending)}${noMonitor(f.monitor)}`,
  busy: (f) =>
    `${f.session} is ${stateWords(f.state)}; nothing typed: wait until it is idle, or use tell! ${f.session} … to queue it now${noMonitor(f.monitor)}`,
  queue_full: (f) =>
    `${f.session} already has ${f.max} follow-ups queued; nothing queued: \`queue ${f.session}\` lists them, \`unqueue ${f.session}\` drops them`,
  not_submitted: (f) =>
    `typed into ${f.session} but not confirmed submitted (${f.dialogOpened ? "a dialog opened" : "the text is still in the input box"}); check with \`wingman output ${f.session}\``,
  still_running: (f) =>
    `${f.session} is still running (${f.state}): nothing to resume; \`wingman kill ${f.session}\` ends it`,
  no_conversation: (f) =>
    `${f.session} has no conversation to resume (no turn was recorded): start it again with spawn`,
  bad_conversation_id: (f) =>
    `${f.session}'s recorded conversation id ${quoted(f.id, 40)} is not one an agent writes; not resumed`,
  folder_gone: (f) =>
    f.worktree
      ? `${f.session}'s worktree ${quoted(f.worktree.path)} was removed; not resumed (its branch ${f.worktree.branch} is kept: spawn ${f.session} ${f.worktree.repo} checks it out again)`
      : `${f.session}'s folder ${quoted(f.workdir)} is gone; not resumed`,
  exited_at_once: (f) =>
    `${f.session} was started again but its agent exited at once (${f.reason ?? "no reason given"}): ${f.detail || "see `wingman output`"}`,
  all_failed: (f) => resumeLines(f.results),
  no_screen: (f) => `${f.session} has no screen any more (it exited); \`wingman history\` shows what happened`,
  adopted: (f) =>
    f.op === "kill"
      ? `${f.session} was adopted${f.target ? ` (${f.target})` : ""}: Wingman never kills it; \`release ${f.session}\` lets go and leaves it running`
      : f.op === "resume"
        ? `${f.session} was adopted and its pane is gone: it cannot be resumed; \`release ${f.session}\` forgets it`
        : `${f.session} was adopted: Wingman starts nothing in its pane`,
  bad_target: (f) =>
    `invalid target ${quoted(f.target)}: use [SOCKET:]SESSION:WINDOW.PANE as \`adopt\` lists them (e.g. default:work:0.1)`,
  own_socket: (f) => `${quoted(f.socket)} is Wingman's own tmux server: its sessions are Wingman's already`,
  no_pane: (f) =>
    `no pane ${quoted(f.target)} on the tmux server at ${quoted(f.socket)}: \`adopt\` lists the panes there`,
  not_an_agent: (f) =>
    `${quoted(f.target)} runs ${quoted(f.saw)}, not an agent Wingman knows (${f.known.join(", ")}): nothing adopted`,
  already_adopted: (f) => `${quoted(f.target)} is already adopted as ${f.session}`,
  name_known: (f) =>
    `a session named ${f.session} exists already (${stateWords(f.state ?? "unknown")}): pick another name, or release or kill it first`,
  not_adopted: (f) => `${f.session} was started by Wingman, not adopted: \`kill ${f.session}\` ends it`,
  needs_folder: () => "spawn needs a folder: spawn NAME DIR [TEXT]",
  unknown_agent: (f) => `unknown agent ${quoted(f.agent, 40)}: Wingman runs ${f.known.join(", ")}`,
  no_folder: (f) => `folder ${quoted(f.folder)} does not exist${f.host ? ` on ${f.host}` : ""}`,
  not_a_folder: (f) => `${quoted(f.folder)} is not a folder`,
  state_folder: (f) => `folder ${quoted(f.folder)} is inside Wingman's state dir: pick the project's own folder`,
  folder_not_absolute: (f) => `a folder on ${f.host} must be absolute or start with ~/: ${quoted(f.folder)}`,
  name_taken: (f) => {
    const s = f.session;
    switch (f.by) {
      case "host":
        return `session ${s} already runs on ${f.host ? `host ${f.host}` : "this machine"}: ${pickAnother(s)}`;
      case "agent":
        return `session ${s} already runs ${f.agent}, not ${f.wanted}: ${pickAnother(s)}`;
      case "folder":
        return `session ${s} already runs in ${f.workdir}, not ${f.wanted}: ${pickAnother(s)}`;
      case "tmux":
        return `a tmux session named ${s} already exists on Wingman's socket: kill ${s} first`;
      case "race":
        return `session ${s} was just started by someone else`;
    }
  },
  bad_command: (f) => `the ${f.agent} command ${quoted(f.command)} may not contain "=" or control characters`,
  no_program: (f) =>
    `${f.agent} (${quoted(f.command)}) was not found${f.onPath ? " on PATH" : ""}${f.host ? ` on ${f.host}` : ""}: ${f.hint}`,
  model_unsupported: (f) => `${f.agent} takes no model= from Wingman: spawn it without model=`,
  bad_model: (f) => `invalid model ${quoted(f.model)}: letters, digits and . _ : / @ - (at most 128)`,
  not_git: (f) =>
    `${quoted(f.dir)} is not in a git repository, so ${f.session} cannot have a worktree: spawn it with worktree=no`,
  bare_repo: (f) =>
    `${quoted(f.dir)} is a bare git repository (no checkout to branch from): spawn in a checkout, or with worktree=no`,
  bad_base: (f) => `base ${quoted(f.base ?? "", 60)} is not a commit or branch in ${quoted(f.dir)}: use base=BRANCH`,
  bad_branch: (f) =>
    `${quoted(f.branch ?? "", 60)} is not a valid branch name: use branch=NAME with letters, digits, - and /`,
  branch_exists: (f) =>
    f.checkedOutAt
      ? `branch ${f.branch} is already checked out at ${f.checkedOutAt}: pick another name, or branch=OTHER`
      : `branch ${f.branch} already exists (not in a Wingman worktree): pick another name, branch=OTHER, or delete it (git branch -d ${f.branch})`,
  worktree_path_taken: (f) =>
    `${f.path} already exists and is not ${f.session}'s worktree: move it away, or pick another name`,
  worktree_failed: (f) =>
    `the worktree for ${f.session} could not be made (nothing was left behind): ${f.detail ?? "git failed"}`,
  exited_before_screen: (f) =>
    `${f.session}'s agent exited before its first screen (${f.reason ?? "no reason given"}); its worktree ${f.path}${f.branchRemoved ? ` and branch ${f.branch} were` : " was"} removed`,
  not_recorded: (f) =>
    f.killed
      ? `killed the tmux session ${f.session} but could not record it: ${f.problem}`
      : `${f.session} not killed: the registry could not be updated: ${f.problem}`,
};

/** Refusals that warn rather than refuse: the person can still do it another way (confirm) or must look. */
const WARNS: ReadonlySet<Why> = new Set<Why>(["needs_confirm", "not_closed"]);

/** A refusal's words without its mark (the CLI's stderr line). */
export function refusalText(f: RefusalFacts): string {
  return (REFUSAL[f.why] as (x: RefusalFacts) => string)(f);
}

/** A refusal as a person reads it: `✗ …`, or `⚠️ …` for a warning. */
export function describeRefusal(f: RefusalFacts): string {
  if (f.why === "all_failed") return refusalText(f); // one line per session, each with its own mark
  return `${WARNS.has(f.why) ? "⚠️" : "✗"} ${refusalText(f)}`;
}

// ------------------------------------------------------------------------------------------- successes

function spawnNotes(name: string, n: SpawnNotes): string {
  let out = "";
  const w = n.worktree;
  if (w) {
    out += ` · worktree ${w.path} on ${w.branch} (from ${shortRef(w.base)})${w.made === "branch_again" ? ", checked out again" : w.made === "reused" ? ", reused" : ""}`;
    if (w.mainChanges)
      out += ` · ${w.mainChanges} uncommitted change${w.mainChanges === 1 ? "" : "s"} in ${w.repo} stay there (not in the worktree)`;
  }
  if (n.trust)
    out += n.trust.ok ? " · folder trusted (autoTrust)" : ` · autoTrust failed: ${describeRefusal(n.trust.refusal)}`;
  const p = n.prompt;
  if (p?.status === "sent") out += " · prompt sent";
  else if (p?.status === "not_sent") out += ` · prompt not sent: ${refusalText(p.refusal)}`;
  else if (p?.status === "kept_for_dialog")
    out += ` · the prompt will be sent once this is answered: ${p.pending.question || p.state} (${replyHint(name, p.pending)})`;
  else if (p?.status === "kept")
    out += ` · the prompt is kept and will be sent when ${name} is ready (now: ${p.state ?? "unknown"})`;
  return out;
}

/** A commit hash shortened for a reply; a branch name as it is. */
function shortRef(ref: string): string {
  return /^[0-9a-f]{40,64}$/.test(ref) ? ref.slice(0, 12) : ref;
}

function resumeLines(results: ResumeItem[]): string {
  return results
    .map((r) =>
      r.ok ? `▶ ${r.session} resumed in ${r.workdir} (${r.resumeCommand})` : `✗ ${r.session}: ${refusalText(r.facts)}`,
    )
    .join("\n");
}

const DONE: { [C in Code]: (f: DoneOf<C>) => string } = {
  started: (f) => `✅ ${f.session} started in ${f.workdir}${spawnNotes(f.session, f.notes)}`,
  already_running: (f) => `${f.session} is already running in ${f.workdir}`,
  sent: (f) =>
    `✓ sent to ${f.session}${f.unpriced?.length ? ` · no budget applies: no price for ${f.unpriced.join(", ")} (config prices)` : ""}`,
  released: (f) =>
    `✓ ${f.session} ${f.id}: ${f.what === "spawn" ? "held start done" : "held text sent"} past the budget`,
  dropped: (f) =>
    `✗ ${f.session} ${f.id}: ${f.what === "spawn" ? "held start dropped, nothing started" : "held text dropped, nothing typed"}`,
  queued: (f) => `✓ queued (${ordinal(f.position)}) · sent when ${f.session} is idle (now ${stateWords(f.state)})`,
  queue: (f) =>
    f.items.length
      ? [
          `${f.session}: ${f.items.length} follow-up${f.items.length === 1 ? "" : "s"} queued (of ${f.max}), sent one at a time when it is idle (now ${stateWords(f.state)}):`,
          ...f.items.map((i) => `${i.position}. ${quoted(i.text, 160)}${i.by ? ` · by ${i.by}` : ""}`),
        ].join("\n")
      : `${f.session}: nothing queued (now ${stateWords(f.state)})`,
  unqueued: (f) =>
    f.dropped
      ? `✓ ${f.session}: dropped ${f.dropped} queued follow-up${f.dropped === 1 ? "" : "s"}; none was typed`
      : `${f.session}: nothing was queued`,
  // A dialog's "yes" may do more than run a tool (plan exit switches mode): quote what it does.
  approved: (f) =>
    f.option && f.option !== "Yes"
      ? `✓ ${f.session}: approved · ${promptLabel(f.prompt)} · "${f.option}"`
      : `✓ ${f.session}: approved once · ${promptLabel(f.prompt)}`,
  always_allowed: (f) => `✓ ${f.session}: always allowed · ${promptLabel(f.prompt)} · "${f.scope ?? f.option ?? ""}"`,
  denied: (f) => {
    const head = `✗ ${f.session}: denied · ${promptLabel(f.prompt)}`;
    if (!f.reason) return head;
    // Never claim a reason was delivered when the agent's way of taking it did not complete.
    if (f.told === "not_delivered") return `${head} · ${f.note}`;
    return `${head} · ${f.agent} was told: "${f.reason}"${f.note ? ` (${f.note})` : ""}`;
  },
  trusted: (f) =>
    `✓ ${f.session}: folder trusted${f.queued === "sent" ? " · queued prompt sent" : f.queued === "not_submitted" ? " · queued prompt not confirmed submitted" : ""}`,
  answered: (f) => `✓ ${f.session}: answered "${f.answer}"${f.prompt.question ? ` to "${f.prompt.question}"` : ""}`,
  killed: (f) => `⏹ ${f.session} killed`,
  resumed: (f) => `▶ ${f.session} resumed in ${f.workdir} (${f.resumeCommand})`,
  resumed_all: (f) => resumeLines(f.results),
  nothing_to_resume: () => "nothing to resume: no exited session has a conversation to continue",
  output: (f) => f.text,
  adoptable: (f) =>
    f.panes.length
      ? [
          `Agents on the tmux server ${f.socket} (adopt TARGET NAME):`,
          ...f.panes.map(
            (p) => `• ${p.target} · ${p.label} · ${p.workdir}${p.adoptedAs ? ` · adopted as ${p.adoptedAs}` : ""}`,
          ),
        ].join("\n")
      : `no pane on the tmux server ${f.socket} runs an agent Wingman knows${f.others ? ` (${f.others} other pane${f.others === 1 ? "" : "s"})` : ""}`,
  adopted: (f) =>
    `✅ ${f.session} adopted: ${f.agent} in ${f.workdir} (${f.target}) · read from its screen; \`release ${f.session}\` lets go`,
  unadopted: (f) =>
    `${f.session} released: Wingman forgot it${f.running ? `; it still runs in ${f.target}` : ` (its pane ${f.target} is gone)`}`,
};

/** A successful outcome as a person reads it. */
export function describeDone(o: Done<string, unknown> & Success): string {
  return (DONE[o.code] as (f: unknown) => string)(o.facts);
}

/** Any outcome of an action as a person reads it. */
export function describeOutcome(o: ActOutcome): string {
  return o.ok ? describeDone(o) : describeRefusal(o.facts);
}

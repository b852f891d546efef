// Session edges: from the views of one look and what the monitor remembers, what is news. Pure, like
// reminders.ts and host-edges.ts: views, memory, clocks and the time in; steps out (in order), memory and
// clocks updated. The rules:
//   - a pending prompt is news once (its id); one announced by the hook but not drawn waits (≤ 1 s, on this
//     monitor's own clock) for its options, so the notification can show them; one notified undrawn all the
//     same is news once more when its options are drawn (the complete notification, `update: true`);
//   - a state change is news only as an edge: idle after working/waiting (finished; debounced 400 ms unless
//     the agent's own signal confirmed the turn end), error, exited (waiting ≤ 1 s for how it ended);
//   - the first sighting of an older session is a baseline (a restart repeats nothing); one created after
//     this monitor started counts as having been starting;
//   - "finished" needs the screen to agree a turn ran (hooks can be forged): a busy screen since the last
//     idle, or pane output since then;
//   - working with no activity for stalledSeconds is news once per working spell.
import type { Notification, NotificationType } from "../../api/notify.js";
import type { SessionView } from "../../api/types.js";
import type { MonitorState } from "./memory.js";

export const HOOK_DRAW_WAIT_MS = 1000;
export const IDLE_DEBOUNCE_MS = 400;
/** tmux can mark a pane dead a moment before it knows the exit status: wait this long for the reason. */
export const EXIT_REASON_WAIT_MS = 1000;
const MAX_NOTIFIED = 2000;

/** When each thing was first seen, on this monitor's own clock (ms). */
export interface EdgeClocks {
  /** Prompt id → first seen still undrawn (the prompt's `since` is another clock's). */
  undrawnSeenAt: Map<string, number>;
  /** Session → first seen idle after working (the debounce). */
  idleSeenAt: Map<string, number>;
  /** Session → first seen exited without a reason. */
  vagueExitSeenAt: Map<string, number>;
  /**
   * Whether the screen agrees that a turn ran: sessions whose screen (not a hook) showed work or a dialog
   * since they were last idle (the monitor adds them as it reads screens), and each session's pane activity
   * when it was last seen idle. A "finished" needs one of them: hook events are hints that the agent (or
   * anything that can write the events folder) can forge, and twenty forged pairs made twenty "finished"
   * messages with text the agent chose.
   */
  screenBusy: Set<string>;
  /** Pane activity when last idle, or when first seen (undefined: no pane here, e.g. another machine's). */
  idleActivity: Map<string, number | undefined>;
}

/** One step for the monitor to take, in order. */
export type EdgeStep =
  /**
   * A drawn prompt nobody was told about: auto-approve it if the rules allow, else notify (`type`). `update`: the
   * owner was told of it before its options were drawn; this is the complete notification, once.
   */
  | { kind: "prompt"; view: SessionView; type: NotificationType; update?: true }
  | { kind: "notify"; note: Omit<Notification, "at" | "text">; view: SessionView }
  /** The hooks say a turn ended but the screen never showed one: no "finished" (the monitor logs it). */
  | { kind: "unconfirmed"; view: SessionView };

export interface EdgeResult {
  steps: EdgeStep[];
  /** Something changed (the poll does not back off). */
  any: boolean;
  /** Look again this soon (ms), when a rule waits for the screen; undefined: no hurry. */
  nextDelayMs?: number;
}

export function sessionEdges(o: {
  views: SessionView[];
  /** Mutated: notifiedIds, lastState, stalledNotified. */
  state: MonitorState;
  /** Mutated. */
  clocks: EdgeClocks;
  at: number;
  /** When this monitor started (ms): sessions created after it are new, not a baseline. */
  sinceMs: number;
  /** Sessions whose agent's own signal confirmed the turn ended (no idle debounce needed). */
  hookConfirmed: ReadonlySet<string>;
  /** Each local session's pane activity as last listed (seconds since epoch). */
  activity: ReadonlyMap<string, number>;
  stalledMs: number;
}): EdgeResult {
  const { views, state, clocks, at } = o;
  const steps: EdgeStep[] = [];
  let any = false;
  let nextDelayMs: number | undefined;
  const notified = new Set(state.notifiedIds);
  const undrawn = new Set(state.undrawnNotified ?? []);
  for (const v of views) {
    const prev = state.lastState[v.name] ?? (Date.parse(v.createdAt) >= o.sinceMs ? "starting" : undefined);
    if (v.pending && undrawn.has(v.pending.id) && !v.pending.optionsPending) {
      steps.push({ kind: "prompt", view: v, type: promptType(v.pending.kind), update: true });
      undrawn.delete(v.pending.id);
      any = true;
    }
    if (v.pending && !notified.has(v.pending.id)) {
      const firstSeen = clocks.undrawnSeenAt.get(v.pending.id) ?? at;
      if (v.pending.optionsPending) clocks.undrawnSeenAt.set(v.pending.id, firstSeen);
      if (v.pending.optionsPending && at - firstSeen < HOOK_DRAW_WAIT_MS) {
        nextDelayMs = 60; // the dialog is usually drawn within ~100 ms of the hook
      } else {
        steps.push({ kind: "prompt", view: v, type: promptType(v.pending.kind) });
        if (v.pending.optionsPending) undrawn.add(v.pending.id);
        notified.add(v.pending.id);
        clocks.undrawnSeenAt.delete(v.pending.id);
        state.notifiedIds.push(v.pending.id);
        any = true;
      }
    }
    if (v.state !== prev) {
      let settled = true;
      if (v.state === "idle" && prev === "working" && !o.hookConfirmed.has(v.name)) {
        // Debounce the edge to idle: a redraw must not produce a "finished".
        const seen = clocks.idleSeenAt.get(v.name);
        if (seen === undefined) clocks.idleSeenAt.set(v.name, at);
        if (seen === undefined || at - seen < IDLE_DEBOUNCE_MS) {
          nextDelayMs = IDLE_DEBOUNCE_MS;
          settled = false;
        }
      }
      if (v.state === "exited" && v.stateReason === "exited" && prev !== undefined) {
        // "exited" without a reason: look again shortly, so the message can say how it ended.
        const seen = clocks.vagueExitSeenAt.get(v.name) ?? at;
        clocks.vagueExitSeenAt.set(v.name, seen);
        if (at - seen < EXIT_REASON_WAIT_MS) {
          nextDelayMs = 200;
          settled = false;
        }
      }
      if (!settled) continue;
      clocks.idleSeenAt.delete(v.name);
      clocks.vagueExitSeenAt.delete(v.name);
      if (prev !== undefined) {
        if (v.state === "idle" && (prev === "working" || prev === "waiting_approval")) {
          if (turnShowed(clocks, o.activity, v.name))
            steps.push({
              kind: "notify",
              note: { type: "finished", session: v.name, lastMessage: v.lastMessage },
              view: v,
            });
          else steps.push({ kind: "unconfirmed", view: v });
        } else if (v.state === "error")
          steps.push({ kind: "notify", note: { type: "error", session: v.name, stateReason: v.stateReason }, view: v });
        else if (v.state === "exited")
          steps.push({
            kind: "notify",
            note: { type: "exited", session: v.name, stateReason: v.stateReason },
            view: v,
          });
      }
      if (v.state !== "working") delete state.stalledNotified[v.name];
      if (v.state === "idle") {
        clocks.screenBusy.delete(v.name);
        clocks.idleActivity.set(v.name, o.activity.get(v.name));
      }
      state.lastState[v.name] = v.state;
      any = true;
    } else clocks.idleSeenAt.delete(v.name);
    if (!clocks.idleActivity.has(v.name)) clocks.idleActivity.set(v.name, o.activity.get(v.name));
    if (v.state === "working" && !state.stalledNotified[v.name] && at - Date.parse(v.lastActivityAt) > o.stalledMs) {
      steps.push({ kind: "notify", note: { type: "stalled", session: v.name }, view: v });
      state.stalledNotified[v.name] = new Date(at).toISOString();
    }
  }
  const stillUndrawn = new Set(views.map((v) => v.pending?.id));
  for (const id of clocks.undrawnSeenAt.keys()) if (!stillUndrawn.has(id)) clocks.undrawnSeenAt.delete(id);
  // A prompt that went away before it was drawn has nothing more to say (its ids are looked for only while pending).
  state.undrawnNotified = [...undrawn].filter((id) => stillUndrawn.has(id));
  if (state.notifiedIds.length > MAX_NOTIFIED) state.notifiedIds = state.notifiedIds.slice(-MAX_NOTIFIED);
  return { steps, any, ...(nextDelayMs === undefined ? {} : { nextDelayMs }) };
}

function promptType(kind: string): NotificationType {
  return kind === "tool"
    ? "approval_needed"
    : kind === "trust"
      ? "trust_prompt"
      : kind === "question"
        ? "question"
        : "dialog";
}

/**
 * A turn's end is news only if the screen saw the turn: a busy screen since the last idle, or pane output
 * since then. A session this monitor sees for the first time at that edge (it restarted mid-turn) gets the
 * benefit of the doubt; one on another machine (no pane activity here) needs its screen seen busy.
 */
function turnShowed(clocks: EdgeClocks, activity: ReadonlyMap<string, number>, name: string): boolean {
  if (clocks.screenBusy.has(name) || !clocks.idleActivity.has(name)) return true;
  const was = clocks.idleActivity.get(name);
  const now = activity.get(name);
  return was !== undefined && now !== undefined && now !== was;
}

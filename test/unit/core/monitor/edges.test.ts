// The monitor's session edges (core/monitor/edges.ts), pure: views and memory in, ordered steps out.
import { describe, expect, it } from "vitest";
import type { PendingPrompt, SessionView } from "../../../../src/api/types.js";
import {
  type EdgeClocks,
  HOOK_DRAW_WAIT_MS,
  IDLE_DEBOUNCE_MS,
  sessionEdges,
} from "../../../../src/core/monitor/edges.js";
import type { MonitorState } from "../../../../src/core/monitor/memory.js";

const T0 = Date.parse("2026-12-03T08:00:00Z");
const OLD = "2026-12-03T07:00:00.000Z";

const view = (o: Partial<SessionView> = {}): SessionView => ({
  name: "s",
  workdir: "/w",
  agent: "claude-code",
  host: null,
  state: "idle",
  pending: null,
  createdAt: OLD,
  lastActivityAt: new Date(T0).toISOString(),
  ...o,
});
const prompt = (o: Partial<PendingPrompt> = {}): PendingPrompt => ({
  kind: "tool",
  question: "Do you want to proceed?",
  tool: "Bash",
  detail: "ls",
  options: [{ number: 1, label: "Yes", role: "once", highlighted: true }],
  id: "ab2c",
  fingerprint: "f",
  since: OLD,
  risk: "normal",
  riskReasons: [],
  ...o,
});

function fresh() {
  const state: MonitorState = { notifiedIds: [], lastState: {}, reminders: {}, stalledNotified: {} };
  const clocks: EdgeClocks = {
    undrawnSeenAt: new Map(),
    idleSeenAt: new Map(),
    vagueExitSeenAt: new Map(),
    screenBusy: new Set(),
    idleActivity: new Map(),
  };
  /** The pane's activity (seconds): each look below is one second after the last, as a busy pane's would be. */
  const activity = new Map<string, number>();
  const look = (views: SessionView[], at: number, hookConfirmed: string[] = [], paneOutput = true) => {
    if (paneOutput) for (const v of views) activity.set(v.name, (activity.get(v.name) ?? 0) + 1);
    return sessionEdges({
      views,
      state,
      clocks,
      at,
      sinceMs: T0 - 1000,
      hookConfirmed: new Set(hookConfirmed),
      activity,
      stalledMs: 600_000,
    });
  };
  return { state, clocks, look, activity };
}

describe("monitor session edges (pure)", () => {
  it("an older session seen first is a baseline: nothing is news, its state is remembered", () => {
    const { state, look } = fresh();
    expect(look([view({ state: "idle" })], T0).steps).toEqual([]);
    expect(state.lastState).toEqual({ s: "idle" });
  });

  it("a session created after the monitor started counts as having been starting: an exit is news", () => {
    const { look } = fresh();
    const r = look([view({ state: "exited", stateReason: "crashed", createdAt: new Date(T0).toISOString() })], T0);
    expect(r.steps).toEqual([
      { kind: "notify", note: { type: "exited", session: "s", stateReason: "crashed" }, view: expect.any(Object) },
    ]);
  });

  it("a drawn prompt is news once; an undrawn one waits up to 1 s for its options, then the complete one follows once", () => {
    const { state, look } = fresh();
    look([view({ state: "working" })], T0);
    const undrawn = view({ state: "waiting_approval", pending: prompt({ optionsPending: true, options: [] }) });
    const r1 = look([undrawn], T0 + 10);
    expect(r1.steps).toEqual([]);
    expect(r1.nextDelayMs).toBe(60);
    const r2 = look([undrawn], T0 + 10 + HOOK_DRAW_WAIT_MS);
    expect(r2.steps).toMatchObject([{ kind: "prompt", type: "approval_needed", view: { pending: { id: "ab2c" } } }]);
    expect(r2.steps[0]).not.toHaveProperty("update");
    expect(state.notifiedIds).toEqual(["ab2c"]);
    // Still undrawn: nothing more. Drawn: the complete notification, same id, marked as an update, once.
    expect(look([undrawn], T0 + 2000).steps).toEqual([]);
    const drawn = view({ state: "waiting_approval", pending: prompt() });
    expect(look([drawn], T0 + 3000).steps).toMatchObject([
      {
        kind: "prompt",
        type: "approval_needed",
        update: true,
        view: { pending: { id: "ab2c", options: [{ label: "Yes" }] } },
      },
    ]);
    expect(look([drawn], T0 + 4000).steps).toEqual([]);
    expect(state.notifiedIds).toEqual(["ab2c"]);
  });

  it("a prompt notified drawn gets no update; one that went away undrawn is forgotten", () => {
    const { state, look } = fresh();
    look([view({ state: "working" })], T0);
    expect(look([view({ state: "waiting_approval", pending: prompt() })], T0 + 10).steps).toHaveLength(1);
    expect(look([view({ state: "waiting_approval", pending: prompt() })], T0 + 20).steps).toEqual([]);
    const undrawn = view({
      state: "waiting_approval",
      pending: prompt({ id: "cd3e", optionsPending: true, options: [] }),
    });
    look([undrawn], T0 + 100);
    look([undrawn], T0 + 100 + HOOK_DRAW_WAIT_MS);
    expect(state.undrawnNotified).toEqual(["cd3e"]);
    look([view({ state: "working" })], T0 + 3000);
    expect(state.undrawnNotified).toEqual([]);
  });

  it("prompt kinds map to their notification types", () => {
    const { look } = fresh();
    const r = look(
      [
        view({ name: "a", pending: prompt({ id: "aa22", kind: "trust" }) }),
        view({ name: "b", pending: prompt({ id: "bb22", kind: "question" }) }),
        view({ name: "c", pending: prompt({ id: "cc22", kind: "dialog" }) }),
      ],
      T0,
    );
    expect(r.steps.map((s) => s.kind === "prompt" && s.type)).toEqual(["trust_prompt", "question", "dialog"]);
  });

  it("working → idle is 'finished' only after the 400 ms debounce, or at once when the agent's signal confirmed it", () => {
    const { look } = fresh();
    look([view({ state: "working" })], T0);
    const idle = view({ state: "idle", lastMessage: "done" });
    expect(look([idle], T0 + 100)).toMatchObject({ steps: [], nextDelayMs: IDLE_DEBOUNCE_MS });
    expect(look([idle], T0 + 100 + IDLE_DEBOUNCE_MS).steps).toMatchObject([
      { kind: "notify", note: { type: "finished", lastMessage: "done" } },
    ]);

    const other = fresh();
    other.look([view({ state: "working" })], T0);
    expect(other.look([idle], T0 + 10, ["s"]).steps).toMatchObject([{ note: { type: "finished" } }]);
  });

  it("a redraw that flickers back to working produces no 'finished'", () => {
    const { look } = fresh();
    look([view({ state: "working" })], T0);
    look([view({ state: "idle" })], T0 + 100);
    expect(look([view({ state: "working" })], T0 + 200).steps).toEqual([]);
    expect(look([view({ state: "idle" })], T0 + 300).steps).toEqual([]);
  });

  it("exited without a reason waits up to 1 s for how it ended", () => {
    const { look } = fresh();
    look([view({ state: "working" })], T0);
    expect(look([view({ state: "exited", stateReason: "exited" })], T0 + 10)).toMatchObject({
      steps: [],
      nextDelayMs: 200,
    });
    expect(look([view({ state: "exited", stateReason: "exit 1" })], T0 + 300).steps).toMatchObject([
      { note: { type: "exited", stateReason: "exit 1" } },
    ]);
  });

  it("error is news; stalled once per working spell", () => {
    const { look } = fresh();
    look([view({ state: "working" })], T0);
    expect(look([view({ state: "error", stateReason: "rate_limit" })], T0 + 10).steps).toMatchObject([
      { note: { type: "error", stateReason: "rate_limit" } },
    ]);
    const quiet = view({ state: "working", lastActivityAt: new Date(T0).toISOString() });
    look([quiet], T0 + 20);
    expect(look([quiet], T0 + 700_000).steps).toMatchObject([{ note: { type: "stalled" } }]);
    expect(look([quiet], T0 + 800_000).steps).toEqual([]);
  });

  it("'finished' needs the screen to agree a turn ran: forged hook events alone (no busy screen, no pane output) are not news", () => {
    const { clocks, look } = fresh();
    look([view({ state: "idle" })], T0);
    look([view({ state: "working" })], T0 + 10, [], false);
    expect(look([view({ state: "idle" })], T0 + 20, ["s"], false).steps).toMatchObject([
      { kind: "unconfirmed", view: { name: "s" } },
    ]);
    // The same turn seen on the screen is news.
    look([view({ state: "working" })], T0 + 30, [], false);
    clocks.screenBusy.add("s");
    expect(look([view({ state: "idle" })], T0 + 40, ["s"], false).steps).toMatchObject([
      { kind: "notify", note: { type: "finished" } },
    ]);
  });
});

// Claude Code's hooks fused with its screen (agents/claude-code/fusion.ts): the hook is immediate, the screen is truth.
import { describe, expect, it } from "vitest";
import { fuse } from "../../../../src/agents/claude-code/fusion.js";
import type { ScreenReading, SessionState } from "../../../../src/api/types.js";
import { sendRefusal } from "../../../../src/core/sessions/deliver.js";
import type { PaneInfo } from "../../../../src/hosts/tmux.js";

const pane = (x: Partial<PaneInfo> = {}): PaneInfo => ({
  session: "s",
  paneId: "%1",
  pid: 1,
  dead: false,
  deadStatus: null,
  deadSignal: null,
  activity: 0,
  width: 200,
  height: 50,
  currentCommand: "claude",
  currentPath: "/w",
  ...x,
});
const reading = (state: ScreenReading["state"], x: Partial<ScreenReading> = {}): ScreenReading => ({
  state,
  detail: "",
  prompt: null,
  ...x,
});
const now = new Date("2026-11-24T12:00:00Z");

describe("fusion of hooks and screen", () => {
  const perm = { tool: "Bash", input: { command: "rm -rf build" }, at: "2026-11-24T11:59:59.900Z", seq: 3 };
  /** What the PermissionRequest hook announces before its dialog is drawn: `perm`'s request, no options yet. */
  const announced = {
    state: "waiting_approval",
    requestSeq: 3,
    prompt: { tool: "Bash", detail: "rm -rf build", optionsPending: true },
  };
  /** The fusion of a screen read as `state` with `perm`'s hook (or `o`'s instead), for a session made at `createdAt`. */
  const withHook = (
    state: SessionState,
    createdAt: string,
    o: { permission?: typeof perm; resolvedSeq?: number } = {},
  ) =>
    fuse({
      pane: pane(),
      reading: reading(state),
      hook: { permission: o.permission ?? perm },
      ...(o.resolvedSeq === undefined ? {} : { resolvedSeq: o.resolvedSeq }),
      createdAt,
      now,
    });
  it("the hook is immediate: waiting_approval before the dialog is drawn", () => {
    expect(withHook("working", "2026-11-24T11:00:00Z")).toMatchObject(announced);
  });
  it("a blank or half-redrawn screen while the dialog is being drawn keeps the announced prompt (same request)", () => {
    for (const state of ["starting", "unknown"] as const) {
      expect(withHook(state, "2026-11-24T11:59:58Z")).toMatchObject(announced);
      // An answered (resolved) or old announcement does not hold a starting screen as a prompt.
      expect(withHook(state, "2026-11-24T11:59:58Z", { resolvedSeq: 3 }).prompt).toBeNull();
      const late = { ...perm, at: "2026-11-24T11:59:00.000Z" };
      expect(withHook(state, "2026-11-24T11:59:58Z", { permission: late }).prompt).toBeNull();
    }
  });
  it("a long-running approved tool is not mistaken for a pending prompt", () => {
    const late = { ...perm, at: "2026-11-24T11:59:00.000Z" };
    expect(
      fuse({ pane: pane(), reading: reading("working"), hook: { permission: late }, createdAt: "x", now }).state,
    ).toBe("working");
    expect(
      fuse({
        pane: pane(),
        reading: reading("working"),
        hook: { permission: perm },
        resolvedSeq: 3,
        createdAt: "x",
        now,
      }).state,
    ).toBe("working");
  });
  it("the screen decides after a deny (no hook fires): idle", () => {
    expect(
      fuse({ pane: pane(), reading: reading("idle"), hook: { permission: perm, turn: "working" }, createdAt: "x", now })
        .state,
    ).toBe("idle");
  });
  it("Waiting for permission… is waiting_approval, never typed into", () => {
    const f = fuse({
      pane: pane(),
      reading: reading("working", { permissionPending: true }),
      hook: {},
      createdAt: "x",
      now,
    });
    expect(f.state).toBe("waiting_approval");
    expect(
      sendRefusal(
        {
          name: "s",
          workdir: "/",
          agent: "c",
          host: null,
          state: f.state,
          pending: { ...f.prompt!, id: "ab2c", fingerprint: "", since: "", risk: "normal", riskReasons: [] },
          createdAt: "",
          lastActivityAt: "",
        },
        true,
      ),
    ).toMatchObject({ why: "in_dialog", pending: { id: "ab2c" } });
  });
  it("dead pane, missing pane, StopFailure, and never a guess", () => {
    expect(
      fuse({ pane: pane({ dead: true, deadSignal: 9 }), reading: null, hook: {}, createdAt: "x", now }),
    ).toMatchObject({ state: "exited", stateReason: "killed by signal 9" });
    expect(
      fuse({ pane: pane({ dead: true, deadStatus: 0 }), reading: null, hook: {}, createdAt: "x", now }),
    ).toMatchObject({ state: "exited", stateReason: "exit status 0" });
    expect(
      fuse({ pane: null, reading: null, hook: { sessionEndReason: "prompt_input_exit" }, createdAt: "x", now }),
    ).toMatchObject({ state: "exited", stateReason: "prompt_input_exit" });
    expect(
      fuse({
        pane: pane(),
        reading: reading("idle"),
        hook: { turn: "error", errorKind: "authentication_failed" },
        createdAt: "x",
        now,
      }),
    ).toMatchObject({ state: "error", stateReason: "auth" });
    expect(
      fuse({ pane: pane(), reading: reading("unknown"), hook: {}, createdAt: "2026-11-24T11:59:50Z", now }).state,
    ).toBe("starting");
    expect(
      fuse({ pane: pane(), reading: reading("unknown"), hook: {}, createdAt: "2026-11-24T10:00:00Z", now }).state,
    ).toBe("unknown");
  });
});

describe("fusion: a fresh hook event outweighs an idle-looking redraw", () => {
  it("working right after PostToolUse; idle once the events are old (a deny fires none)", () => {
    const hook = { turn: "working" as const, lastEventAt: "2026-11-24T11:59:59.500Z" };
    expect(fuse({ pane: pane(), reading: reading("idle"), hook, createdAt: "x", now }).state).toBe("working");
    expect(
      fuse({
        pane: pane(),
        reading: reading("idle"),
        hook: { ...hook, lastEventAt: "2026-11-24T11:59:50.000Z" },
        createdAt: "x",
        now,
      }).state,
    ).toBe("idle");
    expect(
      fuse({
        pane: pane({ dead: true, deadStatus: null }),
        reading: reading("exited", { stateReason: "exit status 3" }),
        hook: {},
        createdAt: "x",
        now,
      }).stateReason,
    ).toBe("exit status 3");
  });
  it("working right after a dialog closed mid-turn (the approved tool has not reported yet); idle after the window", () => {
    const hook = { turn: "working" as const, lastEventAt: "2026-11-24T11:59:50.000Z" };
    expect(
      fuse({
        pane: pane(),
        reading: reading("idle"),
        hook,
        promptClosedAt: "2026-11-24T11:59:59.800Z",
        createdAt: "x",
        now,
      }).state,
    ).toBe("working");
    expect(
      fuse({
        pane: pane(),
        reading: reading("idle"),
        hook,
        promptClosedAt: "2026-11-24T11:59:55.000Z",
        createdAt: "x",
        now,
      }).state,
    ).toBe("idle");
    // A turn the Stop hook ended is idle at once.
    expect(
      fuse({
        pane: pane(),
        reading: reading("idle"),
        hook: { ...hook, turn: "idle" as const },
        promptClosedAt: "2026-11-24T11:59:59.800Z",
        createdAt: "x",
        now,
      }).state,
    ).toBe("idle");
  });
});

// The monitor's clock-driven parts (reminders, backoff, digest, quiet hours) with a fake clock and a
// fake core (pure logic; the real-CLI behaviour is in test/e2e/monitor.test.ts).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config.js";
import { Monitor, type MonitorCore } from "../../src/core/monitor/monitor.js";
import type { Notification } from "../../src/api/notify.js";
import type { PendingPrompt, SessionView } from "../../src/api/types.js";
import { describeNotification } from "../../src/format/notify.js";

const pending = (id: string, since: string): PendingPrompt => ({
  id,
  kind: "tool",
  tool: "Bash",
  detail: "npm run build",
  question: "Do you want to proceed?",
  options: [
    { number: 1, label: "Yes", role: "once", highlighted: true },
    { number: 2, label: "No", role: "no", highlighted: false },
  ],
  fingerprint: `fp-${id}`,
  since,
  risk: "normal",
  riskReasons: [],
});

/** A stand-in core. As with real panes, a session's screen activity changes whenever its state does. */
function fakeCore(stateDir: string, views: () => SessionView[]): MonitorCore {
  const activity = (v: SessionView) =>
    [...JSON.stringify([v.state, v.pending?.id])].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1e9, 7);
  return {
    stateDir,
    panes: { listPanes: async () => views().map((v) => ({ session: v.name, dead: false, activity: activity(v) })) },
    readRegistry: async () => ({ version: 1, sessions: {}, usedIds: [], shown: {} }),
    refresh: async () => views(),
  } as unknown as MonitorCore;
}

describe("monitor reminders on a fake clock", () => {
  let dir: string;
  let now: Date;
  let views: SessionView[];
  let sent: Notification[];
  let m: Monitor;
  const view = (
    name: string,
    p: PendingPrompt | null,
    state: SessionView["state"] = p ? "waiting_approval" : "idle",
  ): SessionView => ({
    name,
    workdir: "/w",
    agent: "claude-code",
    host: null,
    state,
    pending: p,
    createdAt: "2026-11-24T09:00:00.000Z",
    lastActivityAt: now.toISOString(),
  });
  const advance = async (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
    await m.tick();
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-mon-"));
    now = new Date("2026-11-24T12:00:00.000Z");
    views = [];
    sent = [];
    const config = resolveConfig({ reminderSeconds: 300, notify: { quietHours: "22:00-07:00" } }, {});
    m = new Monitor({
      describe: describeNotification,
      wingman: fakeCore(dir, () => views),
      notifier: {
        async send(n) {
          sent.push(n);
        },
      },
      config,
      logger: { info() {}, warn() {}, error() {} },
      now: () => now,
    });
    await m.tick();
  });
  afterEach(async () => {
    await m.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("notifies once, then reminds with backoff (300 s, then 600 s, 1200 s…), at most 4 times", async () => {
    views = [view("a", pending("ab2c", now.toISOString()))];
    await advance(1);
    expect(sent.map((n) => n.type)).toEqual(["approval_needed"]);
    await advance(200);
    expect(sent).toHaveLength(1);
    await advance(100); // 301 s after the first
    expect(sent.map((n) => [n.type, n.count])).toEqual([
      ["approval_needed", undefined],
      ["reminder", 1],
    ]);
    await advance(500);
    expect(sent).toHaveLength(2);
    await advance(101); // 600 s after the first reminder
    expect(sent.at(-1)).toMatchObject({ type: "reminder", count: 2 });
    for (let i = 0; i < 10; i++) await advance(3000);
    expect(sent.filter((n) => n.type === "reminder")).toHaveLength(4);
  });

  it("never reminds of a prompt answered meanwhile", async () => {
    views = [view("a", pending("ab2c", now.toISOString()))];
    await advance(1);
    views = [view("a", null)];
    await advance(400);
    expect(sent.filter((n) => n.type === "reminder" || n.type === "digest")).toEqual([]);
  });

  it("folds several due reminders into one digest", async () => {
    views = [
      view("a", pending("ab2c", now.toISOString())),
      view("b", pending("cd3e", now.toISOString())),
      view("c", pending("ef4g", now.toISOString())),
    ];
    await advance(1);
    expect(sent.filter((n) => n.type === "approval_needed")).toHaveLength(3);
    await advance(301);
    const late = sent.slice(3);
    expect(late.map((n) => n.type)).toEqual(["digest"]);
    expect(late[0]?.ids).toEqual(["ab2c", "cd3e", "ef4g"]);
  });

  it("waits for an undrawn dialog's options on its own clock, even when the prompt was stamped on another", async () => {
    // The prompt's `since` comes from the wall clock of whoever refreshed first; the monitor's clock is far
    // ahead here. The wait for the drawing still holds: no bare "options not shown yet" notification.
    const bare = {
      ...pending("ab2c", new Date(now.getTime() - 3_600_000).toISOString()),
      options: [],
      question: "",
      optionsPending: true,
    };
    views = [view("a", bare)];
    await advance(0.1);
    expect(sent).toEqual([]);
    views = [view("a", pending("ab2c", bare.since))];
    await advance(0.1);
    expect(sent.map((n) => [n.type, n.pending?.options.length])).toEqual([["approval_needed", 2]]);
  });

  it("an undrawn dialog that stays undrawn is still notified after the wait, with what is known", async () => {
    views = [view("a", { ...pending("ab2c", now.toISOString()), options: [], optionsPending: true })];
    await advance(0.1);
    expect(sent).toEqual([]);
    await advance(1.1);
    expect(sent.map((n) => [n.type, n.id])).toEqual([["approval_needed", "ab2c"]]);
  });

  it("holds reminders in quiet hours and sends them after", async () => {
    now = new Date(2026, 10, 24, 21, 58, 0); // local time, 2 min before quiet hours
    views = [view("a", pending("ab2c", now.toISOString()))];
    await advance(1);
    await advance(400); // 22:04: due, but quiet
    expect(sent.map((n) => n.type)).toEqual(["approval_needed"]);
    now = new Date(2026, 10, 25, 7, 1, 0);
    await m.tick();
    expect(sent.at(-1)?.type).toBe("reminder");
  });

  it("edges: finished after working, error with its reason, exited; a failing notifier loses nothing", async () => {
    views = [view("a", null, "working")];
    await advance(1);
    views = [{ ...view("a", null, "idle"), lastMessage: "All 10 tests pass." }];
    await advance(1);
    await advance(1); // idle is debounced: confirmed on the next look
    expect(sent.at(-1)).toMatchObject({ type: "finished", session: "a" });
    let fail = true;
    const out: Notification[] = [];
    const config = resolveConfig({}, {});
    await m.stop();
    m = new Monitor({
      describe: describeNotification,
      wingman: fakeCore(dir, () => views),
      notifier: {
        async send(n) {
          if (fail) throw new Error("WhatsApp offline");
          out.push(n);
        },
      },
      config,
      logger: { info() {}, warn() {}, error() {} },
      now: () => now,
    });
    views = [view("a", null, "working")];
    await m.tick();
    views = [{ ...view("a", null, "error"), stateReason: "rate_limit" }];
    await m.tick();
    expect(out).toEqual([]);
    fail = false;
    await new Promise((r) => setTimeout(r, 1100)); // the retry backoff (1 s after one failure)
    await m.tick();
    expect(out.map((n) => [n.type, n.stateReason])).toEqual([["error", "rate_limit"]]);
  });

  it("a session that dies between two looks is reported if it started while the monitor ran, not if it is older", async () => {
    // `view` sessions were created at 09:00, before this monitor (12:00): a baseline, nothing to say.
    views = [{ ...view("old", null, "exited"), stateReason: "exit status 1" }];
    await advance(1);
    expect(sent).toEqual([]);
    // Started after the monitor, crashed before its next look: still news.
    views.push({
      ...view("new", null, "exited"),
      createdAt: new Date(now.getTime() + 500).toISOString(),
      stateReason: "exit status 3",
    });
    await advance(2);
    expect(sent.map((n) => [n.type, n.session, n.stateReason])).toEqual([["exited", "new", "exit status 3"]]);
    await advance(2);
    expect(sent).toHaveLength(1);
  });
});

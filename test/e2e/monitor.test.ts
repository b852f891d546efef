// The monitor on the real CLI: one notification per prompt, reminders that stop once answered, a digest
// for several, finished / exited, and no duplicates after a restart. The clock is the test's, so
// reminder time comes at once; everything else is real (tmux, Claude Code, hooks, the mock).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Monitor } from "../../src/core/monitor/monitor.js";
import type { Notification } from "../../src/api/notify.js";
import { paneTarget } from "../../src/hosts/tmux.js";
import { claudeRig, type Rig } from "../../devkit/claude-rig.js";
import { notingMonitor, waitForNote } from "../../devkit/notes.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { describeNotification } from "../../src/format/notify.js";
import { say } from "../../devkit/say.js";

describe("monitor on the real CLI", () => {
  let rig: Rig;
  let monitor: Monitor;
  const sent: Notification[] = [];
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const silent = { info() {}, warn() {}, error() {} };

  const waitNote = (pred: (n: Notification) => boolean, ms = 10_000) =>
    waitForNote(sent, pred, { ms, stepMs: 50, show: (x) => [x.type, x.session, x.id] });
  const settle = async () => {
    monitor.kick();
    await new Promise((r) => setTimeout(r, 800));
  };

  beforeAll(async () => {
    rig = await claudeRig({ config: { reminderSeconds: 300, pollSeconds: 0.5 } });
    for (const s of ["mon-a", "mon-b"]) {
      const r = await rig.wingman.spawn({ session: s, workdir: rig.work }, OWNER);
      expect(r.ok, say(r)).toBe(true);
      await rig.waitState(s, (v) => v.state === "idle");
    }
    monitor = notingMonitor(rig.wingman, sent, { now: clock });
    expect(await monitor.start()).toBe(true);
  });
  afterAll(async () => {
    await monitor?.stop();
    await rig?.close();
  });

  it("a second monitor on the same state dir stands by", async () => {
    const second = new Monitor({
      describe: describeNotification,
      wingman: rig.again(),
      config: rig.wingman.config,
      logger: silent,
      notifier: { async send() {} },
    });
    expect(await second.start()).toBe(false);
  });

  it("a prompt needing approval produces exactly one notification, with its id and options", async () => {
    await rig.wingman.send("mon-a", "RUN_BASH python3 -c 'print(11*11)'", {}, OWNER);
    // The complete one: the first, or (when the first went out before the options were drawn, as can happen
    // under load) the update that follows it with the same id (docs/queue.md).
    const n = await waitNote(
      (x) => x.type === "approval_needed" && x.session === "mon-a" && !x.pending?.optionsPending,
    );
    const [v] = await rig.wingman.status("mon-a");
    expect(n.id).toBe(v?.pending?.id);
    expect(n.pending?.options.map((o) => o.role)).toEqual(["once", "always", "auto_mode", "no"]);
    expect(n.text).toContain(n.id!);
    expect(n.text).toContain("python3 *");
    await settle();
    await settle();
    const forId = sent.filter((x) => x.type === "approval_needed" && x.id === n.id);
    // One notification; or one sent undrawn and then exactly one complete update.
    expect(forId.map((x) => [!!x.pending?.optionsPending, x.update ?? false])).toEqual(
      forId.length === 1
        ? [[false, false]]
        : [
            [true, false],
            [false, true],
          ],
    );
  });

  it("answering in the terminal cancels the reminder", async () => {
    const n = sent.find((x) => x.type === "approval_needed" && x.session === "mon-a")!;
    await rig.wingman.tmux.sendKeys(paneTarget("mon-a"), "1");
    await rig.waitState("mon-a", (v) => v.state === "idle");
    offsetMs += 301_000;
    await settle();
    expect(
      sent.filter((x) => (x.type === "reminder" && x.id === n.id) || (x.type === "digest" && x.ids?.includes(n.id!))),
    ).toEqual([]);
  });

  it("a turn that ends produces 'finished' with Claude's last message", async () => {
    const f = await waitNote((x) => x.type === "finished" && x.session === "mon-a");
    expect(f.text).toContain("TOOL_RESULT: 121");
  });

  it("two sessions waiting produce one digest at reminder time", async () => {
    await rig.wingman.send("mon-a", "RUN_BASH python3 -c 'print(2+2)'", {}, OWNER);
    await rig.wingman.send("mon-b", "RUN_BASH python3 -c 'print(3+3)'", {}, OWNER);
    const a = await waitNote(
      (x) => x.type === "approval_needed" && x.session === "mon-a" && x.pending?.detail?.includes("2+2") === true,
    );
    const b = await waitNote((x) => x.type === "approval_needed" && x.session === "mon-b");
    const before = sent.length;
    offsetMs += 301_000;
    await settle();
    const later = sent.slice(before);
    const digests = later.filter((x) => x.type === "digest");
    expect(digests).toHaveLength(1);
    expect(digests[0]?.ids?.sort()).toEqual([a.id, b.id].sort());
    expect(digests[0]?.text).toMatch(/2 sessions waiting/);
    expect(later.filter((x) => x.type === "reminder")).toEqual([]);
  });

  it("after a restart the monitor repeats nothing", async () => {
    await monitor.stop();
    const count = sent.length;
    monitor = notingMonitor(rig.again(), sent, { now: clock, config: rig.wingman.config });
    expect(await monitor.start()).toBe(true);
    await settle();
    await settle();
    // Nothing again, except the complete notification still owed for a prompt notified before its options were
    // drawn (under load), once.
    const before = sent.slice(0, count).filter((x) => x.type === "approval_needed");
    const owed = new Set(
      before
        .filter((x) => x.pending?.optionsPending && !before.some((y) => y.update && y.id === x.id))
        .map((x) => x.id),
    );
    const again = sent.slice(count).filter((x) => x.type === "approval_needed");
    expect(again.filter((x) => !(x.update && owed.has(x.id)))).toEqual([]);
    expect(new Set(again.map((x) => x.id)).size).toBe(again.length);
  });

  it("killing the pane produces 'exited'", async () => {
    const [v] = await rig.wingman.status("mon-b");
    await rig.wingman.respond({ session: "mon-b", action: "deny", id: v!.pending!.id }, OWNER);
    const pid = (await rig.wingman.tmux.listPanes()).find((p) => p.session === "mon-b")!.pid;
    process.kill(pid, "SIGKILL");
    const n = await waitNote((x) => x.type === "exited" && x.session === "mon-b");
    expect(n.text).toContain("mon-b");
  });
});

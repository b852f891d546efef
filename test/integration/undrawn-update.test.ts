// A prompt notified before its dialog's options are drawn: the owner gets the complete notification once they
// are drawn (same id, `update: true`, as `wingman monitor --json` prints it), exactly once. The stand-in agent
// (devkit/standin-agent.mjs) plays the order of events that produced the issue: the PermissionRequest hook
// event first, "Waiting for permission…" on screen, the recorded Claude Code dialog only later
// (STANDIN_DRAW_DELAY_MS, longer than the monitor's 1 s wait). Real tmux, the real monitor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification } from "../../src/api/notify.js";
import { Monitor } from "../../src/core/monitor/monitor.js";
import { describeNotification } from "../../src/format/notify.js";
import { terminalJson } from "../../src/format/printable.js";
import { paneTarget } from "../../src/hosts/tmux.js";
import { say } from "../../devkit/say.js";
import { OWNER, type TempWingman, tempWingman } from "../../devkit/temp-wingman.js";
import { until } from "../../devkit/wait.js";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";

const S = "undrawn";

describe("a prompt notified before its options are drawn", () => {
  let t: TempWingman;
  let monitor: Monitor;
  const sent: Notification[] = [];

  beforeAll(async () => {
    // Looks at least every 1.6 s (0.2 s, backed off at most 8×): the undrawn dialog is seen within its 4 s.
    t = await tempWingman({ config: { pollSeconds: 0.2, reminderSeconds: 300 } });
    t.env.STANDIN_LOG = join(t.root, "prompts.log");
    t.env.STANDIN_DRAW_DELAY_MS = "4000";
    await mkdir(join(t.root, "project"));
    const r = await t.wingman.spawn({ session: S, workdir: join(t.root, "project") }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    await until(
      () => t.wingman.status(S),
      (vs) => vs[0]?.state === "idle",
      10_000,
    );
    monitor = new Monitor({
      describe: describeNotification,
      wingman: t.again(),
      config: t.wingman.config,
      logger: { info() {}, warn() {}, error() {} },
      notifier: {
        async send(n) {
          sent.push(n);
        },
      },
    });
    expect(await monitor.start()).toBe(true);
  });
  afterAll(async () => {
    await monitor?.stop();
    await t?.cleanup();
  });

  it("says the options are not shown yet and offers no always; the complete one follows once, same id, update: true", async () => {
    // Typed at the keyboard (as a person attached to the pane would): the monitor alone reads what follows.
    await t.wingman.tmux.sendKeys(paneTarget(S), "A", "S", "K", "Enter");
    const notes = () => sent.filter((n) => n.type === "approval_needed" && n.session === S);
    const [first] = await until(
      async () => notes(),
      (ns) => ns.length > 0,
      15_000,
    );
    expect(first).toBeDefined();
    expect(first!.update).toBeUndefined();
    expect(first!.pending?.optionsPending).toBe(true);
    expect(first!.text).toContain("options not shown yet");
    expect(first!.text).not.toContain(`always ${S}`);

    const both = await until(
      async () => notes(),
      (ns) => ns.length > 1,
      15_000,
    );
    const full = both[1]!;
    expect(full.update).toBe(true);
    expect(full.id).toBe(first!.id);
    expect(full.pending?.optionsPending).toBeFalsy();
    expect(full.pending?.options.map((o) => o.role)).toEqual(["once", "always", "auto_mode", "no"]);
    expect(full.text).toContain(`always ${S} ${first!.id}`);
    expect(full.text).toContain("python3 *");
    expect(full.text).not.toContain("options not shown yet");
    // The line `wingman monitor --json` prints for it (monitor-command.ts: terminalJson of the notification).
    expect(JSON.parse(terminalJson(full))).toMatchObject({ type: "approval_needed", id: first!.id, update: true });

    // More looks: no third one for this id.
    monitor.kick();
    await new Promise((r) => setTimeout(r, 1500));
    expect(notes().map((n) => n.update ?? false)).toEqual([false, true]);
    const a = await t.wingman.respond({ session: S, action: "approve", id: first!.id }, OWNER);
    expect(a.ok, say(a)).toBe(true);
  });
});

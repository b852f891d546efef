// The monitor is woken by an agent's signal files at once, also for a session started again under a name used
// before. Real tmux, the stand-in agent (devkit/standin-agent.mjs, which writes its PermissionRequest hook event as
// hooks/wingman-hook.sh does), the real monitor in this process, and the built CLI as the other process a person
// uses. The monitor's fallback look is set to its slowest (60 s, pollSeconds' maximum): within this test only a
// wake-up can bring a notification, so a lost wake-up shows as no notification at all.
//
// What it caught (both fail on the code before): a look woken by a hook reused the session's last screen reading
// when tmux's one-second activity clock showed no change, and the look after it was quiet, so the stand-in's
// second prompt waited for the slow look; and Node's recursive fs.watch on Linux kept a session folder's old watch
// by name after another process removed the folder and made it again (spawn.ts resets it), so that session's
// hooks woke nothing at all.
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification } from "../../src/api/notify.js";
import { Monitor } from "../../src/core/monitor/monitor.js";
import { describeNotification } from "../../src/format/notify.js";
import { paneTarget } from "../../src/hosts/tmux.js";
import { say } from "../../devkit/say.js";
import { OWNER, REPO, type TempWingman, tempWingman } from "../../devkit/temp-wingman.js";
import type { WingmanCore } from "../../src/core/wingman.js";
import { standinPrompts, until } from "../../devkit/wait.js";

const S = "wake";
const BIN = join(REPO, "bin/wingman.js");

/** The CLI as a person runs it: its own process, the same state dir. */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end();
  });
}

/** The core as it is, with its typeQueued reported to `started` before it runs. */
function watchTyping(core: WingmanCore, started: (name: string) => void): WingmanCore {
  return new Proxy(core, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (prop === "typeQueued")
        return (name: string) => {
          started(name);
          return target.typeQueued(name);
        };
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

describe("the monitor wakes on a hook's signal file", () => {
  let t: TempWingman;
  let monitor: Monitor;
  let work: string;
  const sent: Notification[] = [];
  const asks = () => sent.filter((n) => n.type === "approval_needed" && n.session === S && !n.update);
  const idle = async (name: string) => {
    const [v] = await until(
      () => t.wingman.status(name),
      (vs) => vs[0]?.state === "idle",
      20_000,
    );
    expect(v?.state).toBe("idle");
  };
  /** Set when the monitor starts typing a queued follow-up (the real core's typeQueued, only watched). */
  let typingStarted: string | null = null;

  beforeAll(async () => {
    if (!existsSync(join(REPO, "dist/cli.js")))
      throw new Error("the CLI is not built: run `npm run build` first (npm test does)");
    t = await tempWingman({ config: { pollSeconds: 60, reminderSeconds: 300 } });
    t.env.STANDIN_LOG = join(t.root, "prompts.log");
    t.env.STANDIN_DRAW_DELAY_MS = "300";
    work = join(t.root, "project");
    await mkdir(work);
    const r = await t.wingman.spawn({ session: S, workdir: work }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    monitor = new Monitor({
      describe: describeNotification,
      wingman: watchTyping(t.again(), (n) => {
        typingStarted = n;
      }),
      config: t.wingman.config,
      // Ten notifications come within a minute here; the flood cap (6 a session) is not what this test is about.
      flood: { perSession: 100, total: 100, windowMs: 60_000 },
      logger: { info() {}, warn() {}, error() {} },
      notifier: {
        async send(n) {
          sent.push(n);
        },
      },
    });
    expect(await monitor.start()).toBe(true);
    await idle(S);
  });
  afterAll(async () => {
    await monitor?.stop();
    await t?.cleanup();
  });

  /** ASK typed at the keyboard (no Wingman key, so no nudge): the hook's file is the only news; then approved. */
  async function askAndApprove(round: number): Promise<void> {
    const before = asks().length;
    await t.wingman.tmux.sendKeys(paneTarget(S), "A", "S", "K", "Enter");
    const ns = await until(
      async () => asks(),
      (a) => a.length > before,
      30_000,
    );
    expect(ns.length, `round ${round}: no approval notification (the hook's wake-up was lost)`).toBe(before + 1);
    const id = ns[before]!.id!;
    const a = await t.wingman.respond({ session: S, action: "approve", id }, OWNER);
    expect(a.ok, say(a)).toBe(true);
    await idle(S);
  }

  it("a session's prompt, twice", async () => {
    await askAndApprove(1);
    await askAndApprove(2);
  });

  it("a session started again by the CLI under the same name (its folder made again): its prompt, twice", async () => {
    await t.wingman.tmux.sendKeys(paneTarget(S), "/exit");
    await t.wingman.tmux.sendKeys(paneTarget(S), "Enter");
    await until(
      () => t.wingman.status(S),
      (vs) => vs[0]?.state === "exited",
      20_000,
    );
    // The CLI removes the session's signal folder and makes it again (spawn.ts) while this process, the monitor's,
    // is busy (as a gateway is now and then, and any process under load): its watcher then reads the removal and
    // the new folder together. A dot file (never read as a signal) marks the old folder.
    const folder = join(t.stateDir, "events", S);
    writeFileSync(join(folder, ".old-folder"), "");
    const spawned = cli(["spawn", "--session", S, "--workdir", work, "--json"], t.env);
    while (existsSync(join(folder, ".old-folder")) || !existsSync(folder)) {
      // busy on purpose: no event of the watcher is handled until the new folder is there
    }
    const r = await spawned;
    expect(r.code, r.stderr + r.stdout).toBe(0);
    // Read here (the stand-in announces no start, so the monitor, on its slowest look, may not see it draw).
    await idle(S);
    await askAndApprove(1);
    await askAndApprove(2);
  });

  it("a follow-up the monitor must type waits for its session's lock; another session's prompt is notified meanwhile", async () => {
    const B = "wake-b";
    const rb = await t.wingman.spawn({ session: B, workdir: work }, OWNER);
    expect(rb.ok, say(rb)).toBe(true);
    await idle(B);
    // S asks; a follow-up for it is queued behind the dialog.
    const before = asks().length;
    await t.wingman.tmux.sendKeys(paneTarget(S), "A", "S", "K", "Enter");
    await until(
      async () => asks(),
      (a) => a.length > before,
      30_000,
    );
    const q = await t.wingman.send(S, "after the dialog", {}, OWNER);
    expect(q.ok && q.code, say(q)).toBe("queued");
    // S's lock held as a `tell` or an answer in this process holds it, while the dialog is answered at the keyboard:
    // the monitor sees S idle and starts typing its follow-up, which waits for the lock.
    let release!: () => void;
    const holding = t.wingman.withSessionLock(S, () => new Promise<void>((r) => (release = r)));
    await until(
      async () => !!release,
      (ok) => ok,
      20_000,
    );
    await t.wingman.tmux.sendKeys(paneTarget(S), "Enter");
    await until(
      async () => typingStarted,
      (n) => n === S,
      30_000,
    );
    // Now B asks. Its notification must not wait for S's lock (whose own wait gives up after 20 s; this one is
    // shorter on purpose: a notification that waited for the lock would come only after it).
    const askedB = () => sent.filter((n) => n.type === "approval_needed" && n.session === B);
    await t.wingman.tmux.sendKeys(paneTarget(B), "A", "S", "K", "Enter");
    const nb = await until(
      async () => askedB(),
      (a) => a.length > 0,
      15_000,
    );
    release();
    await holding;
    expect(nb.length, "B's prompt was not notified while S's follow-up waited for its lock").toBe(1);
    // And S's follow-up is typed once the lock is free.
    const prompts = await until(
      () => standinPrompts(join(t.root, "prompts.log")),
      (p) => p.includes("after the dialog"),
      30_000,
    );
    expect(prompts).toContain("after the dialog");
  });
});

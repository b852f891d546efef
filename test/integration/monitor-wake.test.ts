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
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification } from "../../src/api/notify.js";
import { Monitor } from "../../src/core/monitor/monitor.js";
import { describeNotification } from "../../src/format/notify.js";
import { paneTarget } from "../../src/hosts/tmux.js";
import { say } from "../../devkit/say.js";
import { OWNER, REPO, type TempWingman, tempWingman } from "../../devkit/temp-wingman.js";
import { until } from "../../devkit/wait.js";

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

describe("the monitor wakes on a hook's signal file", () => {
  let t: TempWingman;
  let monitor: Monitor;
  let work: string;
  const sent: Notification[] = [];
  const asks = () => sent.filter((n) => n.type === "approval_needed" && n.session === S && !n.update);
  /** What the monitor last saw of S (its saved memory, written at the end of each look). */
  const seen = async () =>
    (
      JSON.parse(await readFile(join(t.stateDir, "monitor-state.json"), "utf8").catch(() => "{}")) as {
        lastState?: Record<string, string>;
      }
    ).lastState?.[S];

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
      wingman: t.again(),
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
    await until(seen, (s) => s === "idle", 20_000);
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
    await until(seen, (s) => s === "idle", 20_000);
  }

  it("a session's prompt, twice", async () => {
    await askAndApprove(1);
    await askAndApprove(2);
  });

  it("a session started again by the CLI under the same name (its folder made again): its prompt, twice", async () => {
    await t.wingman.tmux.sendKeys(paneTarget(S), "/exit");
    await t.wingman.tmux.sendKeys(paneTarget(S), "Enter");
    await until(seen, (s) => s === "exited", 20_000);
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
    await until(seen, (s) => s === "idle", 20_000);
    expect(await seen()).toBe("idle");
    await askAndApprove(1);
    await askAndApprove(2);
  });
});

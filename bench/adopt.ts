// An adopted Claude Code beside a spawned one, in one run: does reading a pane from its screen alone (no hooks,
// on the person's own tmux server) cost anything in detection or in answering?
//
//   npm run build && node bench/adopt.ts [TRIALS]     (default 10; in a checkout: npm exec -- node bench/adopt.ts)
//
// Real Claude Code 2.1.331 against the mock Anthropic API, twice: one session spawned by Wingman (its own socket,
// hooks installed), one started by hand with plain `tmux -S <the person's default socket> new -d` and adopted
// (docs/adopt.md). One Wingman, one Monitor (the shipped poll, pollSeconds 2). Trials alternate, so both see the
// same load.
//
//   detection    dialog drawn (polled every 20 ms by the benchmark) -> the Monitor's approval_needed; each
//                prompt is sent after a random 0-2 s pause, so it meets the monitor's poll at a random phase
//   approval     respond() approve -> dialog verified closed (the dialog on screen >= 2 s first)
//   finished     the idle screen drawn -> the Monitor's "finished" (0 when the notification came first)
//
// Runs against the built package (dist/). Real-CLI trials run one at a time (2 cores).
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CLAUDE_BIN, CLAUDE_VERSION, FAKE_API_KEY, claudeEnv, seedClaudeHome } from "../devkit/claude-home.ts";
import { startMockAnthropic } from "../devkit/mock-anthropic.ts";
import { endTrial, firstShown, owner, quiet, recordingNotifier, sleep, statsRow } from "./common.ts";

const run = promisify(execFile);
const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "index.js");
const { Monitor, createWingman, describeNotification, paneTarget, resolveConfig, describeOutcome } = (await import(
  dist
)) as typeof import("../src/index.ts");

const trials = Number(process.argv[2] ?? 10);
if (!Number.isInteger(trials) || trials < 1) {
  console.error("usage: npm run build && node bench/adopt.ts [TRIALS]");
  process.exit(2);
}

interface Side {
  label: string;
  session: string;
  capture(): Promise<string>;
  detect: number[];
  roundTrip: number[];
  finished: number[];
}

const root = mkdtempSync(join(tmpdir(), "wm-bench-adopt-"));
const anthropic = await startMockAnthropic();
const home = join(root, "home");
const work = join(root, "project");
mkdirSync(join(home, ".claude"), { recursive: true });
mkdirSync(work);
seedClaudeHome(home, { apiKey: FAKE_API_KEY, trustedDirs: [work] });
const agentEnv = claudeEnv({ home, mockUrl: anthropic.url, apiKey: FAKE_API_KEY, maxRetries: 1 });
// The person's tmux: a private TMUX_TMPDIR, so "the default server" is this benchmark's own.
const tmuxTmp = join(root, "tmux");
mkdirSync(join(tmuxTmp, `tmux-${process.getuid?.() ?? 0}`), { recursive: true, mode: 0o700 });
const personSocket = join(tmuxTmp, `tmux-${process.getuid?.() ?? 0}`, "default");
const person = (...args: string[]) => run("tmux", ["-S", personSocket, "-f", "/dev/null", ...args]);
const env = {
  ...agentEnv,
  TMUX_TMPDIR: tmuxTmp,
  WINGMAN_STATE_DIR: join(root, "state"),
  WINGMAN_CLAUDE_COMMAND: CLAUDE_BIN,
};
const config = resolveConfig({ pollSeconds: 2 }, env);
const w = createWingman({ config, env });
const { notes, notifier, waitNote } = recordingNotifier();
// The flood cap (6 notifications per session a minute) would fold some of the 2 s-apart trials' notifications
// into digests, and a trial would measure the cap, not the reading: lifted here, as the monitor's tests do.
const monitor = new Monitor({
  describe: describeNotification,
  wingman: w,
  config,
  logger: quiet,
  notifier,
  flood: { perSession: 1000, total: 1000, windowMs: 60_000 },
});

const sides: Side[] = [
  {
    label: "spawned (hooks)",
    session: "bench-spawned",
    capture: () => w.tmux.capture(paneTarget("bench-spawned")),
    detect: [],
    roundTrip: [],
    finished: [],
  },
  {
    label: "adopted (screen only)",
    session: "bench-adopted",
    capture: async () => (await person("capture-pane", "-p", "-J", "-t", "hand:0.0")).stdout,
    detect: [],
    roundTrip: [],
    finished: [],
  },
];

const afterResult = (screen: string, n: number) => {
  const m = new RegExp(`TOOL_RESULT: ${n}\\s*$`, "m").exec(screen);
  return m ? screen.slice(m.index) : null;
};

async function trial(s: Side, i: number): Promise<void> {
  await sleep(Math.random() * 2000);
  const mark = notes.length;
  const sent = await w.send(s.session, `RUN_BASH python3 -c 'print(${i}*7)'`, {}, owner);
  if (!sent.ok) {
    console.log(`  ${s.label} trial ${i}: send refused: ${describeOutcome(sent)}`);
    return;
  }
  const drawn = await firstShown(s.capture, (screen) => screen.includes("Do you want to proceed?"));
  const note = drawn ? await waitNote(s.session, "approval_needed", mark, 20_000) : undefined;
  if (drawn && note) s.detect.push(Math.max(0, note.t - drawn));
  else console.log(`  ${s.label} trial ${i}: ${drawn ? "no approval_needed notification" : "no dialog drawn"}`);
  if (!drawn) return;
  await sleep(Math.max(0, drawn + 2000 - Date.now()));
  const [v] = await w.status(s.session);
  if (!v?.pending) {
    console.log(`  ${s.label} trial ${i}: no pending prompt (state ${v?.state})`);
    return;
  }
  const t0 = Date.now();
  const r = await w.respond({ session: s.session, action: "approve", id: v.pending.id }, owner);
  const t1 = Date.now();
  if (r.ok) s.roundTrip.push(t1 - t0);
  else console.log(`  ${s.label} trial ${i}: ${describeOutcome(r)}`);
  const idleAt = await firstShown(s.capture, (screen) => !!afterResult(screen, i * 7)?.includes("? for shortcuts"));
  await endTrial({
    status: (n) => w.status(n),
    waitNote,
    session: s.session,
    label: s.label,
    width: 22,
    i,
    mark,
    idleAt,
    finished: s.finished,
    legs: { detection: note && Math.max(0, note.t - drawn), approval: r.ok ? t1 - t0 : undefined },
  });
}

const row = (label: string, pick: (s: Side) => number[]) => console.log(statsRow(label, 34, sides.map(pick)));

console.log(
  `Claude Code ${CLAUDE_VERSION}, spawned vs adopted (${new Date().toISOString()}, node ${process.version}; ${trials} trials each, alternating; monitor poll 2 s)`,
);
try {
  const r = await w.spawn({ session: "bench-spawned", workdir: work }, owner);
  if (!r.ok) throw new Error(`spawn: ${describeOutcome(r)}`);
  // Started by hand: no Wingman, no hooks; the permission mode a person would choose to be asked.
  await person(
    "new-session",
    "-d",
    "-s",
    "hand",
    "-x",
    "120",
    "-y",
    "40",
    "-c",
    work,
    "--",
    "env",
    "-i",
    ...Object.entries(agentEnv).map(([k, v]) => `${k}=${v}`),
    CLAUDE_BIN,
    "--permission-mode",
    "default",
  );
  for (let k = 0; k < 300 && !/for shortcuts/.test(await sides[1]!.capture()); k++) await sleep(100);
  const a = await w.adopt({ target: "default:hand:0.0", session: "bench-adopted" }, owner);
  if (!a.ok) throw new Error(`adopt: ${describeOutcome(a)}`);
  for (const s of sides) {
    let state = "";
    for (let k = 0; k < 300 && state !== "idle"; k++) {
      state = (await w.status(s.session))[0]?.state ?? "";
      if (state !== "idle") await sleep(100);
    }
    if (state !== "idle") throw new Error(`${s.session} did not become idle (state ${state})`);
  }
  await monitor.start();
  for (let i = 0; i < trials; i++) for (const s of sides) await trial(s, i);
} finally {
  await monitor.stop();
  await w.tmux.killServer(); // our own socket only
  await person("kill-server").catch(() => {}); // the benchmark's own "person" server, by its socket
  await anthropic.close();
  rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

console.log(`\n  ${"".padEnd(34)} ${sides.map((s) => s.label.padEnd(38)).join(" | ")}`);
row("dialog drawn -> notification", (s) => s.detect);
row("approve -> dialog verified closed", (s) => s.roundTrip);
row("turn ended -> 'finished'", (s) => s.finished);

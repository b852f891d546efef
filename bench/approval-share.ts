// Wingman's own share of an approval, this build beside a baseline build, in one run: real Claude Code
// against the mock API, one session per build (each with its own state dir, tmux socket and monitor), trials
// alternating between the two so both see the same load. Per trial, from the pane calls the core makes:
//   request -> Enter sent      everything Wingman does before the key that answers
//   seen closed -> reply       everything after the capture that saw the dialog gone
// (Enter -> seen closed is Claude Code redrawing, not Wingman's, and is printed for reference.)
//
//   npm run build && npm exec -- node bench/approval-share.ts BASELINE_REPO [TRIALS]
// BASELINE_REPO: a checkout of the baseline with its own `npm run build` done (its dist/index.js is loaded).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CLAUDE_BIN, FAKE_API_KEY, claudeEnv, seedClaudeHome } from "../devkit/claude-home.ts";
import { startMockAnthropic } from "../devkit/mock-anthropic.ts";
import { owner, quiet, sleep, stampPaneCalls, stats } from "./common.ts";

type Build = typeof import("../src/index.ts");
const here = dirname(fileURLToPath(import.meta.url));
const baseRepo = process.argv[2];
if (!baseRepo) throw new Error("usage: bench/approval-share.ts BASELINE_REPO [TRIALS]");
const trials = Number(process.argv[3] ?? 20);
const builds: Array<{ name: string; mod: Build }> = [
  { name: "baseline", mod: (await import(join(resolve(baseRepo), "dist", "index.js"))) as Build },
  { name: "this build", mod: (await import(join(here, "..", "dist", "index.js"))) as Build },
];

const mock = await startMockAnthropic();
const root = mkdtempSync(join(tmpdir(), "wm-share-"));
const works = builds.map((_, i) => join(root, `project-${i}`));

const rigs = builds.map((b, i) => {
  // Each build's Claude Code has its own HOME (two CLIs writing one ~/.claude.json would race).
  const home = join(root, `home-${i}`);
  mkdirSync(join(home, ".claude"), { recursive: true });
  mkdirSync(works[i]!);
  seedClaudeHome(home, { apiKey: FAKE_API_KEY, trustedDirs: [works[i]!] });
  const env = {
    ...claudeEnv({ home, mockUrl: mock.url, apiKey: FAKE_API_KEY, maxRetries: 1 }),
    WINGMAN_STATE_DIR: join(root, `state-${i}`),
    WINGMAN_CLAUDE_COMMAND: CLAUDE_BIN,
  };
  const config = b.mod.resolveConfig({ pollSeconds: 2 }, env);
  const w = b.mod.createWingman({ config, env });
  const monitor = new b.mod.Monitor({
    describe: b.mod.describeNotification,
    wingman: w,
    config,
    logger: quiet,
    notifier: { async send() {} },
  });
  return {
    ...b,
    w,
    monitor,
    work: works[i]!,
    stamps: stampPaneCalls(w.panes),
    before: [] as number[],
    keys: [] as number[],
    after: [] as number[],
    total: [] as number[],
  };
});

async function trial(r: (typeof rigs)[number], i: number): Promise<void> {
  const name = "share";
  await r.w.send(name, `RUN_BASH python3 -c 'print(${i}*7)'`, {}, owner);
  let id: string | undefined;
  for (let k = 0; k < 400 && !id; k++) {
    const p = (await r.w.status(name))[0]?.pending;
    if (p && !p.optionsPending) id = p.id;
    else await sleep(25);
  }
  if (!id) throw new Error(`${r.name}: no dialog`);
  await sleep(2000); // a person reads the phone first
  const t0 = Date.now();
  const from = r.stamps.length;
  const res = await r.w.respond({ session: name, action: "approve", id }, owner);
  const t1 = Date.now();
  const mine = r.stamps.slice(from);
  const enter = mine.find((c) => c.op === "sendKeys" && c.keys === "Enter");
  const seen = enter ? mine.filter((c) => c.op === "capture" && c.start >= enter.end).at(-1) : undefined;
  if (res.ok && enter && seen) {
    r.before.push(enter.start - t0);
    r.keys.push(seen.end - enter.start);
    r.after.push(t1 - seen.end);
    r.total.push(enter.start - t0 + (t1 - seen.end));
  } else console.log(`  ${r.name} trial ${i}: ${JSON.stringify(res).slice(0, 200)}`);
  for (let k = 0; k < 400; k++) {
    const v = (await r.w.status(name))[0];
    if (v?.state === "idle" && !v.pending) break;
    await sleep(25);
  }
}

try {
  for (const r of rigs) {
    await r.w.spawn({ session: "share", workdir: r.work }, owner);
    for (let k = 0; k < 200 && (await r.w.status("share"))[0]?.state !== "idle"; k++) await sleep(100);
    await r.monitor.start();
  }
  for (let i = 0; i < trials; i++) {
    const order = i % 2 === 0 ? rigs : [...rigs].reverse();
    for (const r of order) await trial(r, i);
  }
} finally {
  for (const r of rigs) {
    await r.monitor.stop();
    await r.w.tmux.killServer();
  }
  await mock.close();
  rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

const fmt = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}`.padStart(5) : "    -");
console.log(
  `\nWingman's share of an approval (real Claude Code 2.1.331, ${trials} alternating trials per build, one run)`,
);
for (const r of rigs) {
  for (const [label, xs] of [
    ["request -> Enter sent", r.before],
    ["seen closed -> reply", r.after],
    ["Wingman's share (sum per trial)", r.total],
    ["Enter -> seen closed (Claude Code)", r.keys],
  ] as const) {
    const s = stats(xs);
    console.log(
      `  ${r.name.padEnd(11)} ${label.padEnd(35)} n=${String(s.n).padEnd(3)} p50 ${fmt(s.p50)} ms  p95 ${fmt(s.p95)} ms  max ${fmt(s.max)} ms`,
    );
  }
}

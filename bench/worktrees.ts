// Worktrees: what a worktree per session costs, side by side with its baseline, in one run.
//
//   npm run build && node bench/worktrees.ts [TRIALS] [PARTS]   (default 5 and spawn,changes,status;
//                                                               in a checkout: npm exec -- node bench/worktrees.ts)
//
//   spawn      on a repository of 20,000 files: spawn() returning, with a worktree vs worktree=no (the stand-in
//              agent, real tmux, real git); and `git worktree add` alone (the floor git sets for the checkout)
//   changes    changes() of a branch with 1,000 changed files, vs `git diff --shortstat` of the same range
//   status     status() of 50 live sessions with worktrees vs 50 without (a one-line shell "agent" that draws
//              Claude Code's idle screen, so 50 panes fit in memory)
//
// Runs against the built package (dist/). Everything is made in a temp folder and removed at the end.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { owner, stats } from "./common.ts";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "dist", "index.js");
const { createWingman, resolveConfig, describeOutcome } = (await import(dist)) as typeof import("../src/index.ts");

const trials = Number(process.argv[2] ?? 5);
if (!Number.isInteger(trials) || trials < 1) {
  console.error("usage: npm run build && node bench/worktrees.ts [TRIALS]");
  process.exit(2);
}

const parts = new Set((process.argv[3] ?? "spawn,changes,status").split(","));
const root = realpathSync(mkdtempSync(join(tmpdir(), "wm-bench-wt-")));
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).trim();
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const row = (label: string, xs: number[]) => {
  const s = stats(xs);
  console.log(
    `${label.padEnd(46)} n=${String(s.n).padStart(3)}  p50 ${s.p50.toFixed(1).padStart(8)} ms  p95 ${s.p95.toFixed(1).padStart(8)} ms`,
  );
};

function makeRepo(dir: string, files: number): void {
  mkdirSync(dir, { recursive: true });
  git(root, "init", "-q", "-b", "main", dir);
  git(dir, "config", "user.name", "Bench");
  git(dir, "config", "user.email", "bench@example.com");
  for (let i = 0; i < files; i++) {
    const sub = join(dir, `d${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `f${i}.txt`), `file ${i}\nline two\n`);
  }
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "seed");
}

function wingman(stateDir: string, command: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, WINGMAN_STATE_DIR: stateDir, WINGMAN_CLAUDE_COMMAND: command };
  delete env.WINGMAN_TMUX_SOCKET;
  return createWingman({ config: resolveConfig({}, env), env, stateDir });
}

const standin = join(here, "..", "devkit", "standin-agent.mjs");
// A pane that draws Claude Code's idle screen and waits: the status bench needs 50 of them.
const idleScreen = join(here, "..", "test", "fixtures", "screens", "claude-code-2.1.331", "idle-fresh.txt");
const tinyAgent = join(root, "tiny-agent.sh");
writeFileSync(tinyAgent, `#!/bin/sh\ncat '${idleScreen}'\nexec sleep 3600\n`);
chmodSync(tinyAgent, 0o755);

const made: Array<ReturnType<typeof wingman>> = [];
try {
  console.log(`bench/worktrees.ts: ${trials} trials, git ${git(root, "--version").replace("git version ", "")}`);

  // ---- spawn on 20,000 files ----
  const big = join(root, "big");
  makeRepo(big, 20_000);
  const w1 = wingman(join(root, "state1"), standin);
  made.push(w1);
  const withWt: number[] = [];
  const without: number[] = [];
  const addOnly: number[] = [];
  for (let i = 0; i < (parts.has("spawn") ? trials : 0); i++) {
    let t0 = process.hrtime.bigint();
    let r = await w1.spawn({ session: `plain-${i}`, workdir: big, worktree: false }, owner);
    without.push(ms(t0));
    if (!r.ok) throw new Error(describeOutcome(r));
    t0 = process.hrtime.bigint();
    r = await w1.spawn({ session: `wt-${i}`, workdir: big }, owner);
    withWt.push(ms(t0));
    if (!r.ok) throw new Error(describeOutcome(r));
    t0 = process.hrtime.bigint();
    git(
      big,
      "-c",
      "core.hooksPath=/dev/null",
      "worktree",
      "add",
      "--quiet",
      "-b",
      `floor-${i}`,
      join(root, "floor", String(i)),
      "HEAD",
    );
    addOnly.push(ms(t0));
    await w1.kill(`plain-${i}`, owner);
    await w1.killClean(`wt-${i}`, true, owner);
    git(big, "worktree", "remove", "--force", join(root, "floor", String(i)));
  }
  if (parts.has("spawn")) {
    console.log("\nspawn on a repository of 20,000 files (spawn() returning):");
    row("  worktree=no (baseline)", without);
    row("  with a worktree", withWt);
    row("  git worktree add alone (the floor)", addOnly);
  }

  // ---- changes of 1,000 changed files ----
  if (parts.has("changes")) {
    const w2 = wingman(join(root, "state2"), standin);
    made.push(w2);
    const r2 = await w2.spawn({ session: "many", workdir: big }, owner);
    if (!r2.ok) throw new Error(describeOutcome(r2));
    const wt = join(root, "big.worktrees", "many");
    for (let i = 0; i < 1000; i++)
      writeFileSync(join(wt, `d${Math.floor((i * 20) / 100)}`, `f${i * 20}.txt`), `file ${i * 20}\nchanged\nadded\n`);
    git(wt, "commit", "-qam", "1000 files");
    const changesMs: number[] = [];
    const shortstat: number[] = [];
    const statusOnly: number[] = [];
    let files = 0;
    for (let i = 0; i < Math.max(10, trials * 4); i++) {
      let t0 = process.hrtime.bigint();
      const c = await w2.changes("many");
      changesMs.push(ms(t0));
      if (!c.ok || c.code !== "changes") throw new Error(JSON.stringify(c));
      files = c.facts.files.length;
      t0 = process.hrtime.bigint();
      git(big, "diff", "--shortstat", "main...wingman/many");
      shortstat.push(ms(t0));
      t0 = process.hrtime.bigint();
      git(wt, "status", "--porcelain");
      statusOnly.push(ms(t0));
    }
    console.log(`\nchanges of a branch with ${files} changed files:`);
    row("  git diff --shortstat base...branch (baseline)", shortstat);
    row("  git status of its worktree (20,000 files)", statusOnly);
    row("  changes()", changesMs);
    await w2.killClean("many", true, owner);
  }

  // ---- status of 50 sessions ----
  const small = join(root, "small");
  makeRepo(small, 50);
  const fleetOf = async (label: string, worktree: boolean) => {
    const w = wingman(join(root, `state-${label}`), tinyAgent);
    made.push(w);
    for (let i = 0; i < 50; i++) {
      const r = await w.spawn({ session: `s${i}`, workdir: small, worktree }, owner);
      if (!r.ok) throw new Error(describeOutcome(r));
    }
    await w.status();
    return w;
  };
  const timeStatus = async (w: ReturnType<typeof wingman>, xs: number[]) => {
    const t0 = process.hrtime.bigint();
    const views = await w.status();
    xs.push(ms(t0));
    if (views.length !== 50) throw new Error(`status saw ${views.length} sessions`);
  };
  if (parts.has("status")) {
    const plain = await fleetOf("plain", false);
    const wts = await fleetOf("wt", true);
    const plainStatus: number[] = [];
    const wtStatus: number[] = [];
    // Interleaved, so both fleets see the same load.
    for (let i = 0; i < Math.max(20, trials * 8); i++) {
      await timeStatus(plain, plainStatus);
      await timeStatus(wts, wtStatus);
    }
    console.log("\nstatus of 50 live sessions:");
    row("  without worktrees (baseline)", plainStatus);
    row("  each in its own worktree", wtStatus);
  }
} finally {
  for (const w of made) await w.tmux.killServer().catch(() => {});
  rmSync(root, { recursive: true, force: true, maxRetries: 5 });
}

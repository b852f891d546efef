// Security: files and state. Each case is an attack on what Wingman keeps on disk (the registry, the state
// dir, its lock files, the hook's event files) and the outcome Wingman must give. Unit-level where the code
// is pure; real tmux (on the test's own socket, with the stand-in agent) where a session is involved.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config.js";
import { ensurePrivateDir, withFileLock } from "../../src/core/store/files.js";
import type { Logger } from "../../src/api/notify.js";
import { Registry } from "../../src/core/store/registry.js";
import { createWingman, type WingmanCore } from "../../src/core/wingman.js";
import { OWNER, REPO, STANDIN, tempWingman, type TempWingman } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";
import { standinPrompts, until } from "../../devkit/wait.js";

const ISO = "2026-01-01T00:00:00.000Z";

/** A record with every required field, as Wingman writes one. */
function record(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    workdir: "/nonexistent/project",
    agent: "claude-code",
    createdAt: ISO,
    lastActivityAt: ISO,
    prompts: [],
    hook: {},
    pending: null,
    approvals: 0,
    autoApproved: 0,
    ...extra,
  };
}

function captureLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => {}, warn: (m) => warnings.push(m), error: () => {} };
}

let root: string;
beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), "wm-state-")));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

async function writeRegistry(stateDir: string, sessions: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  await writeFile(
    join(stateDir, "registry.json"),
    JSON.stringify({ version: 1, sessions, usedIds: [], shown: {}, ...extra }),
  );
}

async function rejectedFiles(
  stateDir: string,
): Promise<Array<{ file: string; body: { key: string; reason: string; record: unknown } }>> {
  const dir = join(stateDir, "registry.rejected");
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".json"));
  return Promise.all(
    names.map(async (n) => ({ file: join(dir, n), body: JSON.parse(await readFile(join(dir, n), "utf8")) })),
  );
}

/** A Wingman over `stateDir` with a logger the test reads, on a private tmux socket inside that dir. */
function wingmanAt(stateDir: string, logger: Logger): WingmanCore {
  const env: NodeJS.ProcessEnv = { ...process.env, WINGMAN_STATE_DIR: stateDir, WINGMAN_CLAUDE_COMMAND: STANDIN };
  delete env.WINGMAN_TMUX_SOCKET;
  return createWingman({ config: resolveConfig({}, env), env, stateDir, logger });
}

// ------------------------------------------------------------------------------------------------ 1

describe("registry: a record that is not the right shape", () => {
  const badRecords: Array<[string, Record<string, unknown>, RegExp]> = [
    ["a record that is a number (sessions: {x: 5})", { x: 5 }, /not an object/],
    ["a record whose prompts is not a list", { x: record("x", { prompts: "hi" }) }, /prompts/],
    ["a record without hook", { x: (({ hook: _h, ...r }) => r)(record("x")) }, /hook/],
    ["a record whose workdir is not a string", { x: record("x", { workdir: 7 }) }, /workdir/],
    ["a record whose pending is a string", { x: record("x", { pending: "yes" }) }, /pending/],
    ["a record whose approvals is a string", { x: record("x", { approvals: "3" }) }, /approvals/],
    ["a record whose queue is not a list", { x: record("x", { queue: "run rm -rf /" }) }, /queue/],
    ["a record whose queue has an item without text", { x: record("x", { queue: [{ at: ISO }] }) }, /queue/],
    [
      "a record whose queue holds more than 10 follow-ups",
      { x: record("x", { queue: Array.from({ length: 11 }, (_, i) => ({ text: `t${i}`, at: ISO })) }) },
      /queue has 11 items/,
    ],
    [
      "a record whose queued text is longer than any text Wingman types",
      { x: record("x", { queue: [{ text: "x".repeat(8001), at: ISO }] }) },
      /queue/,
    ],
    [
      "a record whose hook.runningTool has no input",
      { x: record("x", { hook: { runningTool: { tool: "Bash" } } }) },
      /hook/,
    ],
  ];
  for (const [attack, sessions, reason] of badRecords) {
    it(`${attack} → status still works; the record is moved to registry.rejected/ with the reason; warned once`, async () => {
      const stateDir = join(root, "state");
      await writeRegistry(stateDir, { ...sessions, good: record("good") });
      const log = captureLogger();
      const w = wingmanAt(stateDir, log);
      try {
        const views = await w.status();
        expect(views.map((v) => v.name)).toEqual(["good"]);
        await w.status();
        const reg = JSON.parse(await readFile(join(stateDir, "registry.json"), "utf8"));
        expect(Object.keys(reg.sessions)).toEqual(["good"]);
        const rejected = await rejectedFiles(stateDir);
        expect(rejected).toHaveLength(1);
        expect(rejected[0]!.body.key).toBe("x");
        expect(rejected[0]!.body.record).toEqual(sessions.x);
        expect(rejected[0]!.body.reason).toMatch(reason);
        expect((await stat(rejected[0]!.file)).mode & 0o777).toBe(0o600);
        expect((await stat(join(stateDir, "registry.rejected"))).mode & 0o777).toBe(0o700);
        const said = log.warnings.filter((m) => m.includes("registry.rejected"));
        expect(said).toHaveLength(1);
        expect(said[0]).toContain(rejected[0]!.file);
      } finally {
        await w.tmux.killServer();
      }
    });
  }

  it("a forged key `../../victim` with a hook cursor → status deletes nothing outside the state dir; the record is moved aside", async () => {
    const stateDir = join(root, "state");
    const victim = join(root, "victim");
    await mkdir(victim);
    await writeFile(join(victim, "1-1.json"), "precious");
    await writeRegistry(stateDir, { "../../victim": record("../../victim", { hook: { cursor: "zzzz" } }) });
    await mkdir(join(stateDir, "events"), { recursive: true });
    const log = captureLogger();
    const w = wingmanAt(stateDir, log);
    try {
      expect(await w.status()).toEqual([]);
      expect(existsSync(join(victim, "1-1.json"))).toBe(true);
      const rejected = await rejectedFiles(stateDir);
      expect(rejected.map((r) => r.body.key)).toEqual(["../../victim"]);
      expect(rejected[0]!.body.reason).toMatch(/not a valid session name/);
      // The file name is built from the key made safe: it stays inside registry.rejected/.
      expect(rejected[0]!.file.startsWith(join(stateDir, "registry.rejected") + "/")).toBe(true);
    } finally {
      await w.tmux.killServer();
    }
  });

  it("a valid key whose record names another session (name `../x`) → rejected: the key must equal record.name", async () => {
    const stateDir = join(root, "state");
    await writeRegistry(stateDir, { x: record("../x") });
    const reg = new Registry(stateDir, captureLogger());
    expect((await reg.read()).sessions).toEqual({});
    expect((await rejectedFiles(stateDir))[0]!.body.reason).toMatch(/name/);
  });

  it("a record without agent or approvals → kept, with agent claude-code and counts 0; unknown fields kept", async () => {
    const stateDir = join(root, "state");
    const { agent: _a, approvals: _p, autoApproved: _q, ...old } = record("old");
    await writeRegistry(stateDir, { old: { ...old, futureField: { a: 1 } } });
    const log = captureLogger();
    const d = await new Registry(stateDir, log).read();
    expect(d.sessions.old).toMatchObject({
      name: "old",
      agent: "claude-code",
      approvals: 0,
      autoApproved: 0,
      futureField: { a: 1 },
    });
    expect(await rejectedFiles(stateDir)).toEqual([]);
    expect(log.warnings).toEqual([]);
  });

  it("a second-wave record's queuedPrompt → read as item 0 of the queue, ahead of the queued follow-ups, and so at the next write", async () => {
    const stateDir = join(root, "state");
    await writeRegistry(stateDir, {
      old: record("old", {
        queuedPrompt: { text: "first prompt", by: "cli:me" },
        queue: [{ text: "a follow-up", at: ISO }],
      }),
    });
    const reg = new Registry(stateDir, captureLogger());
    const d = await reg.read();
    expect(d.sessions.old?.queue).toEqual([
      { text: "first prompt", by: "cli:me", at: ISO },
      { text: "a follow-up", at: ISO },
    ]);
    await reg.update((x) => {
      x.sessions.old!.lastActivityAt = "2026-01-02T00:00:00.000Z";
    });
    const stored = JSON.parse(await readFile(join(stateDir, "registry.json"), "utf8"));
    expect(stored.sessions.old.queuedPrompt).toBeUndefined();
    expect(stored.sessions.old.queue).toHaveLength(2);
  });

  it("a queued text with a control character planted in the file → never typed: the monitor drops it, the next one is typed", async () => {
    const t = await tempWingman();
    const log = join(t.root, "prompts.log");
    t.env.STANDIN_LOG = log;
    const work = join(t.root, "project");
    await mkdir(work);
    const { Monitor } = await import("../../src/core/monitor/monitor.js");
    const { describeNotification } = await import("../../src/format/notify.js");
    let monitor: InstanceType<typeof Monitor> | undefined;
    try {
      expect((await t.wingman.spawn({ session: "hq", workdir: work }, OWNER)).ok).toBe(true);
      await until(
        () => t.wingman.status("hq"),
        (vs) => vs[0]?.state === "idle",
        10_000,
      );
      // Written behind Wingman's back, as an attacker with write access to the state dir would.
      await t.wingman.updateRegistry((d) => {
        d.sessions.hq!.queue = [
          { text: "clear\u001b[2J\u001b]52;c;ZWNobyBoaQ==\u0007", at: ISO },
          { text: "the honest one", at: ISO },
        ];
      });
      monitor = new Monitor({
        describe: describeNotification,
        wingman: t.again(),
        config: t.wingman.config,
        logger: captureLogger(),
        notifier: { send: async () => {} },
      });
      expect(await monitor.start()).toBe(true);
      const prompts = await until(
        () => standinPrompts(log),
        (p) => p.includes("the honest one"),
        15_000,
      );
      expect(prompts).toEqual(["the honest one"]);
      expect((await t.wingman.readRegistry()).sessions.hq?.queue).toBeUndefined();
    } finally {
      await monitor?.stop();
      await t.cleanup();
    }
  });

  it("junk in usedIds, shown and lastOwner → ignored (valid ids and string maps kept), nothing crashes", async () => {
    const stateDir = join(root, "state");
    await writeRegistry(
      stateDir,
      { good: record("good") },
      {
        usedIds: ["ab2c", 5, null, "../x", { id: "zz9z" }, "k7mn"],
        shown: { "cli:a": { good: "ab2c", bad: 5 }, "cli:b": 7, "cli:c": ["ab2c"], "cli:d": null },
        lastOwner: { phone: "+1" },
      },
    );
    const d = await new Registry(stateDir, captureLogger()).read();
    expect(d.usedIds).toEqual(["ab2c", "k7mn"]);
    expect(d.shown).toEqual({ "cli:a": { good: "ab2c" } });
    expect(d.lastOwner).toBeUndefined();
    expect(Object.keys(d.sessions)).toEqual(["good"]);
  });

  it("the same rejected record seen twice (the move is interrupted) → one file, not one per read", async () => {
    const stateDir = join(root, "state");
    await writeRegistry(stateDir, { x: 5 });
    const text = await readFile(join(stateDir, "registry.json"), "utf8");
    await new Registry(stateDir, captureLogger()).read();
    await writeFile(join(stateDir, "registry.json"), text); // as if the registry write had not happened
    await new Registry(stateDir, captureLogger()).read();
    expect(await rejectedFiles(stateDir)).toHaveLength(1);
  });
});

// ------------------------------------------------------------------------------------------------ 2

describe("state dir modes", () => {
  it("WINGMAN_STATE_DIR pointed at an existing shared dir (0777) → left 0777, warned once; Wingman's own subdirs are 0700", async () => {
    const shared = join(root, "shared");
    await mkdir(shared);
    await chmod(shared, 0o777);
    const log = captureLogger();
    const reg = new Registry(shared, log);
    await reg.update((d) => {
      d.lastOwner = "x";
    });
    await reg.read();
    expect((await stat(shared)).mode & 0o777).toBe(0o777);
    expect(log.warnings.filter((m) => m.includes(shared))).toHaveLength(1);
    expect(log.warnings[0]).toMatch(/writable/);
    // A dir Wingman creates inside it is owner-only whatever the umask.
    const old = process.umask(0o000);
    try {
      const st = await ensurePrivateDir(join(shared, "events", "s1"));
      expect(st.created).toBe(true);
    } finally {
      process.umask(old);
    }
    expect((await stat(join(shared, "events"))).mode & 0o777).toBe(0o700);
    expect((await stat(join(shared, "events", "s1"))).mode & 0o777).toBe(0o700);
  });

  it("an existing dir owned by another user → left as it is, with a warning", async () => {
    const theirs = join(root, "theirs");
    await mkdir(theirs, { mode: 0o755 });
    await chmod(theirs, 0o755);
    await chown(theirs, 4242, 4242);
    const warned: string[] = [];
    const st = await ensurePrivateDir(theirs, (m) => warned.push(m));
    expect(st.created).toBe(false);
    expect(st.warning).toMatch(/owned by uid 4242/);
    expect(warned).toHaveLength(1);
    expect((await stat(theirs)).mode & 0o777).toBe(0o755);
  });

  it("an existing private dir (0700, mine) → no warning; a missing one is created 0700 under umask 022", async () => {
    const mine = join(root, "mine");
    await mkdir(mine, { mode: 0o700 });
    expect(await ensurePrivateDir(mine)).toEqual({ created: false });
    const old = process.umask(0o022);
    try {
      expect((await ensurePrivateDir(join(root, "new", "deeper"))).created).toBe(true);
    } finally {
      process.umask(old);
    }
    expect((await stat(join(root, "new"))).mode & 0o777).toBe(0o700);
    expect((await stat(join(root, "new", "deeper"))).mode & 0o777).toBe(0o700);
  });
});

// ------------------------------------------------------------------------------------------------ 3

/** The pid of a process that has exited: a lock naming it is stale. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  return r.pid;
}

describe("locks: a stale lock with many waiters", () => {
  it("40 waiters in one process find the same stale lock → exactly one holds it at a time (20 rounds)", async () => {
    const lock = join(root, "registry.lock");
    for (let round = 0; round < 20; round++) {
      await writeFile(lock, `${deadPid()} ${Date.now()}\n`);
      let inside = 0;
      let most = 0;
      let done = 0;
      await Promise.all(
        Array.from({ length: 40 }, () =>
          withFileLock(
            lock,
            async () => {
              inside++;
              most = Math.max(most, inside);
              await sleep(1);
              inside--;
              done++;
            },
            { timeoutMs: 30_000 },
          ),
        ),
      );
      expect(most, `round ${round}`).toBe(1);
      expect(done).toBe(40);
    }
  });

  it("4 processes × 10 waiters start together on a stale lock → never two holders (checked with an O_EXCL marker)", async () => {
    const lock = join(root, "cross.lock");
    const marker = join(root, "inside");
    const overlaps = join(root, "overlaps.log");
    const child = join(root, "child.mjs");
    const filesTs = pathToFileURL(resolve(REPO, "src/core/store/files.ts")).href;
    // The child imports files.ts as Node strips its types; `./errors.js` is mapped to errors.ts.
    await writeFile(
      child,
      `import { registerHooks } from "node:module";
registerHooks({ resolve(spec, ctx, next) { try { return next(spec, ctx); } catch (e) { if (spec.endsWith(".js")) return next(spec.slice(0, -3) + ".ts", ctx); throw e; } } });
const { withFileLock } = await import(${JSON.stringify(filesTs)});
const { open, unlink, appendFile } = await import("node:fs/promises");
const [lock, marker, overlaps, startAt] = process.argv.slice(2);
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
await Promise.all(Array.from({ length: 10 }, () => withFileLock(lock, async () => {
  let fh;
  try { fh = await open(marker, "wx"); } catch { await appendFile(overlaps, process.pid + "\\n"); return; }
  await fh.close();
  await new Promise((r) => setTimeout(r, 2));
  await unlink(marker);
}, { timeoutMs: 30000 })));
`,
    );
    for (let round = 0; round < 3; round++) {
      await writeFile(lock, `${deadPid()} ${Date.now()}\n`);
      const startAt = Date.now() + 1500;
      const codes = await Promise.all(
        Array.from(
          { length: 4 },
          () =>
            new Promise<number | null>((ok) => {
              const p = spawn(process.execPath, ["--no-warnings", child, lock, marker, overlaps, String(startAt)], {
                stdio: "inherit",
              });
              p.on("exit", (code) => ok(code));
            }),
        ),
      );
      expect(codes).toEqual([0, 0, 0, 0]);
      expect(await readFile(overlaps, "utf8").catch(() => ""), `round ${round}`).toBe("");
    }
  });

  it("6 monitors start together on a dead monitor's lock → exactly one runs, the others name it", async () => {
    const lock = join(root, "monitor.lock");
    const child = join(root, "monitor-child.mjs");
    const filesTs = pathToFileURL(resolve(REPO, "src/core/store/files.ts")).href;
    await writeFile(
      child,
      `import { registerHooks } from "node:module";
registerHooks({ resolve(spec, ctx, next) { try { return next(spec, ctx); } catch (e) { if (spec.endsWith(".js")) return next(spec.slice(0, -3) + ".ts", ctx); throw e; } } });
const { takeProcessLock } = await import(${JSON.stringify(filesTs)});
const [lock, startAt] = process.argv.slice(2);
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const r = await takeProcessLock(lock);
process.stdout.write(JSON.stringify({ pid: process.pid, took: "token" in r, holder: r.holder ?? null }) + "\\n");
// A monitor stays: its lock outlives the race. It exits when the test closes its stdin, once all six have tried.
process.stdin.resume();
await new Promise((r) => process.stdin.on("end", r));
`,
    );
    // Each monitor holds its lock until all six have tried (not for a fixed 1.5 s: under load a late starter
    // found the first holder already gone, took the lock from a dead process, as it should, and was counted as
    // a second winner of a race it never ran).
    type Tried = { pid: number; took: boolean; holder: number | null };
    for (let round = 0; round < 3; round++) {
      await writeFile(lock, `${deadPid()} ${Date.now()} deadbeef\n`);
      const startAt = Date.now() + 1200;
      const monitors = Array.from({ length: 6 }, () =>
        spawn(process.execPath, ["--no-warnings", child, lock, String(startAt)], {
          stdio: ["pipe", "pipe", "inherit"],
        }),
      );
      const exited = monitors.map((p) => new Promise((ok) => p.on("exit", ok)));
      const results = await Promise.all(
        monitors.map(
          (p) =>
            new Promise<Tried>((ok, fail) => {
              let out = "";
              p.stdout.on("data", (d) => {
                out += d;
                if (out.endsWith("\n")) ok(JSON.parse(out) as Tried);
              });
              p.on("exit", (code) => fail(new Error(`a monitor exited (${code}) before it tried: ${out}`)));
            }),
        ),
      );
      for (const p of monitors) p.stdin.end();
      await Promise.all(exited);
      const winners = results.filter((r) => r.took);
      expect(winners, `round ${round}`).toHaveLength(1);
      for (const r of results.filter((x) => !x.took)) expect(r.holder).toBe(winners[0]!.pid);
    }
  });

  it("a holder that overran staleMs and was taken over → its release does not delete the new holder's lock", async () => {
    const lock = join(root, "slow.lock");
    const slow = withFileLock(lock, () => sleep(300), { staleMs: 100 });
    await sleep(150);
    let stillMine: boolean | null = null;
    await withFileLock(
      lock,
      async () => {
        await slow; // the slow holder releases while this one holds
        stillMine = existsSync(lock);
      },
      { staleMs: 100, timeoutMs: 5000 },
    );
    expect(stillMine).toBe(true);
  });
});

// ------------------------------------------------------------------------------------------------ 4

describe("kill with a registry it cannot update (real tmux, stand-in agent)", () => {
  let t: TempWingman;
  let work: string;
  beforeEach(async () => {
    t = await tempWingman();
    work = join(t.root, "project");
    await mkdir(work);
    const r = await t.wingman.spawn({ session: "k1", workdir: work }, OWNER);
    expect(r.ok, say(r)).toBe(true);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  // As root, chmod 0500 on the state dir does not stop writes. These two ways do: another live process
  // holds registry.lock (the update times out), and registry.json turns into a directory right after the
  // tmux kill (the atomic rename onto it fails with EISDIR).

  it("registry.lock held by another live process → nothing is killed, and kill says the registry could not be updated", async () => {
    const holder = spawn("sleep", ["60"], { stdio: "ignore" });
    try {
      await writeFile(join(t.stateDir, "registry.lock"), `${holder.pid} ${Date.now()}\n`);
      const r = await t.wingman.kill("k1", OWNER);
      expect(r.ok).toBe(false);
      expect(say(r)).toMatch(/registry/);
      expect(say(r)).toMatch(/not killed/);
      expect(await t.wingman.tmux.hasSession("k1")).toBe(true);
      await rm(join(t.stateDir, "registry.lock"));
      expect((await t.wingman.readRegistry()).sessions.k1?.endedAt).toBeUndefined();
    } finally {
      holder.kill();
    }
  });

  it("registry.json cannot be written after the tmux kill → kill reports the partial result, not a bare EISDIR", async () => {
    const tmux = t.wingman.tmux;
    const killSession = tmux.killSession.bind(tmux);
    const file = join(t.stateDir, "registry.json");
    tmux.killSession = async (name: string) => {
      const killed = await killSession(name);
      await rm(file);
      await mkdir(file);
      await writeFile(join(file, "in-the-way"), "");
      return killed;
    };
    const r = await t.wingman.kill("k1", OWNER);
    expect(r.ok).toBe(false);
    expect(say(r)).toMatch(/killed the tmux session k1 but could not record it: .*EISDIR/);
    expect(await killSession("k1")).toBe(false); // it really is gone
  });
});

// ------------------------------------------------------------------------------------------------ 5

describe("hook event files", () => {
  it("the hook run under umask 022 → the event file is 0600 (owner-only)", async () => {
    const events = join(root, "events");
    await mkdir(events, { mode: 0o700 });
    const r = spawnSync("/bin/sh", ["-c", 'umask 022; exec /bin/sh "$0"', join(REPO, "hooks/wingman-hook.sh")], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", WMHOOK_EVENTS: events, WMHOOK_SESSION: "s1" },
      input: JSON.stringify({ hook_event_name: "Stop", session_id: "abc" }),
    });
    expect(r.status).toBe(0);
    const files = (await readdir(events)).filter((n) => n.endsWith(".json"));
    expect(files).toHaveLength(1);
    expect((await stat(join(events, files[0]!))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(join(events, files[0]!), "utf8"))).toMatchObject({
      wingman_session: "s1",
      event: { hook_event_name: "Stop" },
    });
  });
});

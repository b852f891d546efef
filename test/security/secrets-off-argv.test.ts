// Security: secrets never go on a command line. Any local user can read every process's command line in
// /proc/PID/cmdline; the agent's environment (Wingman's own, where an API key often lives) and a host's
// configured `env` must reach the agent through a file only this user can read (0600, removed once read by
// a fixed launcher script), never through `tmux new-session -e K=V` or the ssh/remote shell line.
// Three witnesses: every argv of the tmux and ssh programs Wingman starts (wrappers on PATH log them), a
// watcher sweeping all /proc/*/cmdline while the spawns run (catches the remote side's sh and tmux too), and
// a sweep afterwards (a tmux server keeps the command line of the client that started it, for its life).
//   spawn here with a secret in Wingman's environment                   → the secret is in no tmux/ssh argv and no process's cmdline; the agent's environment has it (byte-exact, with quotes and a newline)
//   spawn on an SSH host with a secret in hosts.<name>.env (and PATH)   → the same, on both machines; the agent there has it
//   the environment file after the agent started                        → gone (locally and there); its folder is 0700
//   the contract's rule still holds                                     → the agent's environment has no WINGMAN_* variable, no TMUX, no TMUX_PANE
//   the launcher alone, values holding every byte 1–255 as text, ' and a trailing newline → the program gets each value exactly; the file is gone before it runs; unset names are absent
import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSshHosts, fakeSshHosts, fakeSshUnavailable } from "../../devkit/fake-ssh-host.js";
import { OWNER, REPO, STANDIN, type TempWingman, tempWingman } from "../../devkit/temp-wingman.js";
import { until } from "../../devkit/wait.js";
import { launchThroughFile } from "../../src/core/sessions/launcher.js";
import { say } from "../../devkit/say.js";

const WATCH = resolve(REPO, "devkit/cmdline-watch.mjs");

/** A program of the same name on PATH that logs its argv (NUL-separated, one call a line) and runs the real one. */
async function wrapper(bin: string, name: string, real: string, log: string): Promise<void> {
  const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  await writeFile(join(bin, name), `#!/bin/sh\n{ printf '%s\\0' "$@"; echo; } >>${q(log)}\nexec ${q(real)} "$@"\n`, {
    mode: 0o755,
  });
}

/** The /proc watcher: started with the secret on stdin; stop() returns what it saw. */
async function watchCmdlines(
  secret: string,
): Promise<{ stop(): Promise<{ sweeps: number; hits: Array<{ pid: number; cmdline: string }> }> }> {
  const child = spawn(process.execPath, [WATCH], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stdin.end(secret);
  const closed = new Promise((r) => child.once("close", r));
  await until(
    async () => out,
    (o) => o.startsWith("ready\n"),
    10_000,
    10,
  );
  return {
    async stop() {
      child.kill("SIGTERM"); // by its own pid; a second stop finds it gone and returns the same result
      await closed;
      return JSON.parse(out.slice("ready\n".length));
    },
  };
}

/** Every process's command line now, with `secret` in it. */
async function cmdlinesWith(secret: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of await readdir("/proc")) {
    if (!/^\d+$/.test(f)) continue;
    const cmd = await readFile(`/proc/${f}/cmdline`, "latin1").catch(() => "");
    if (cmd.includes(secret)) out.push(`${f}: ${cmd.replaceAll("\0", " ")}`);
  }
  return out;
}

/** Files named *.env under `dir` (the launcher's environment files). */
async function envFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true }).catch(() => [] as string[]))
    .map(String)
    .filter((f) => f.endsWith(".env"));
}

describe("secrets stay off command lines: the agent's environment goes through a 0600 file and a fixed launcher", () => {
  const token = `wmsecret${Math.random().toString(36).slice(2, 12)}`;
  const localSecret = `${token}-local 'q' "dq" $(no) \\ end\nline2`;
  const hostSecret = `${token}-host 'q' $(no)`;
  const hostPath = `/usr/local/bin:/usr/bin:/bin:/nonexistent/${token}-path`;
  let fake: FakeSshHosts;
  let t: TempWingman;
  let root: string;
  let work: string;
  const savedPath = process.env.PATH;
  let watcher: Awaited<ReturnType<typeof watchCmdlines>>;

  beforeAll(async () => {
    const why = await fakeSshUnavailable();
    if (why) throw new Error(`these tests need fake SSH hosts: ${why}`);
    fake = await fakeSshHosts(["vault"]);
    root = await realpath(fake.root);
    const bin = join(root, "bin");
    await mkdir(bin);
    await wrapper(bin, "tmux", "/usr/bin/tmux", join(root, "tmux-argv.log"));
    await wrapper(bin, "ssh", "/usr/bin/ssh", join(root, "ssh-argv.log"));
    process.env.PATH = `${bin}:${savedPath}`;
    work = join(root, "project"); // /tmp is shared with the fake host: the same folder on both sides
    await mkdir(work);
    t = await tempWingman({
      env: { WM_TEST_SECRET: localSecret, STANDIN_ENV_DUMP: join(root, "local-env.json"), PATH: process.env.PATH },
      config: {
        hosts: {
          vault: {
            ssh: fake.hosts[0]!.alias,
            sshConfig: fake.sshConfig,
            claudeCommand: STANDIN,
            // A PATH there is also where programs are looked for (spawn checks the agent's program with it).
            env: { WM_HOST_SECRET: hostSecret, PATH: hostPath, STANDIN_ENV_DUMP: join(root, "remote-env.json") },
          },
        },
      },
    });
    watcher = await watchCmdlines(token);
  }, 60_000);

  afterAll(async () => {
    process.env.PATH = savedPath;
    await watcher?.stop().catch(() => {});
    await t?.wingman.fleet.close();
    await t?.cleanup();
    await fake?.cleanup();
  });

  it("spawn here and on a host: both agents start and see their secret byte-exact", async () => {
    const here = await t.wingman.spawn({ session: "s-here", workdir: work }, OWNER);
    expect(here.ok, say(here)).toBe(true);
    const there = await t.wingman.spawn({ session: "s-there", workdir: work, host: "vault" }, OWNER);
    expect(there.ok, say(there)).toBe(true);
    for (const s of ["s-here", "s-there"])
      await until(
        () => t.wingman.status(s),
        (vs) => vs[0]?.state === "idle",
        15_000,
      );
    const local = JSON.parse(await readFile(join(root, "local-env.json"), "utf8")) as Record<string, string>;
    const remote = JSON.parse(await readFile(join(root, "remote-env.json"), "utf8")) as Record<string, string>;
    expect(local.WM_TEST_SECRET).toBe(localSecret);
    expect(remote.WM_HOST_SECRET).toBe(hostSecret);
    expect(remote.PATH).toBe(hostPath);
    // The contract's rule: none of Wingman's handles, no tmux variables, in either agent's environment.
    for (const env of [local, remote]) {
      expect(Object.keys(env).filter((k) => k.startsWith("WINGMAN_") || k === "TMUX" || k === "TMUX_PANE")).toEqual([]);
    }
    // Another machine's agent gets that host's variables, never this machine's environment.
    expect(remote.WM_TEST_SECRET).toBeUndefined();
  });

  it("no tmux or ssh argv Wingman ran held a secret (wrappers' logs)", async () => {
    const tmuxLog = await readFile(join(root, "tmux-argv.log"), "latin1");
    const sshLog = await readFile(join(root, "ssh-argv.log"), "latin1");
    expect(tmuxLog).toContain("new-session"); // the wrappers did see the spawns
    expect(sshLog).toContain(fake.hosts[0]!.alias);
    expect(tmuxLog.includes(token)).toBe(false);
    expect(sshLog.includes(token)).toBe(false);
  });

  it("no process's /proc/PID/cmdline held a secret, during the spawns or after", async () => {
    expect(await cmdlinesWith(token)).toEqual([]);
    const seen = await watcher.stop();
    expect(seen.sweeps).toBeGreaterThan(10);
    expect(seen.hits).toEqual([]);
  });

  it("the environment files are gone once read, here and there; their folder is owner-only", async () => {
    expect(await envFiles(t.stateDir)).toEqual([]);
    const there = join(fake.hosts[0]!.home, ".local/state/claude-code-wingman");
    expect(await envFiles(there)).toEqual([]);
    for (const dir of [join(t.stateDir, "launch"), join(there, "launch")])
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });
});

describe("the launcher on its own (hooks/wingman-launch.sh through /bin/sh)", () => {
  it("hands every value over exactly, removes the file before the program runs, and unsets what it must", async () => {
    const dir = await realpath(await mkdtemp(join(tmpdir(), "wm-launch-")));
    try {
      const every = Array.from({ length: 255 }, (_, i) => String.fromCharCode(i + 1)).join("");
      const env = { WM_EVERY: every, WM_QUOTES: `it's "q" \\' $(x) \`y\``, WM_TRAILING_NL: "a\n\n", "BAD-NAME": "x" };
      const envFile = join(dir, "launch", "s1.env");
      // The program reports its environment and whether the file still exists while it runs.
      const probe = `process.stdout.write(JSON.stringify({ env: process.env, fileLeft: require("node:fs").existsSync(${JSON.stringify(envFile)}) }))`;
      const plan = launchThroughFile({
        agentDir: dir,
        session: "s1",
        argv: [process.execPath, "-e", probe],
        env,
        unset: ["WM_GONE", "TMUX"],
        local: true,
      });
      await mkdir(join(dir, "launch"), { mode: 0o700 });
      for (const f of plan.files) await writeFile(f.path, f.content, { mode: 0o600 });
      const out = await new Promise<string>((resolve, reject) =>
        execFile(
          plan.argv[0]!,
          plan.argv.slice(1),
          { env: { PATH: process.env.PATH, WM_GONE: "should go", TMUX: "/tmp/x,1,0" } },
          (e, stdout) => (e ? reject(e) : resolve(stdout)),
        ),
      );
      const got = JSON.parse(out) as { env: Record<string, string>; fileLeft: boolean };
      expect(got.fileLeft).toBe(false);
      expect(got.env.WM_EVERY).toBe(every);
      expect(got.env.WM_QUOTES).toBe(env.WM_QUOTES);
      expect(got.env.WM_TRAILING_NL).toBe("a\n\n");
      expect(got.env.WM_GONE).toBeUndefined();
      expect(got.env.TMUX).toBeUndefined();
      expect(got.env["BAD-NAME"]).toBeUndefined(); // sh cannot export it (docs/security.md)
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

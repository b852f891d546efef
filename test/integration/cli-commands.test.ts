// The built `wingman` CLI as a person and a script use it, run as a subprocess (exit codes and streams are
// the contract): help and version, --json on every command that reports a result, prompts from a file or
// stdin, resume, the host config read as JSON5, local times, shell completion with live names, and
// `status --watch` both piped and on a real terminal (a tmux pane on this test's own socket).
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, STANDIN } from "../../devkit/temp-wingman.js";
import { standinPrompts, until } from "../../devkit/wait.js";
import { Registry } from "../../src/core/store/registry.js";
import { silentLogger } from "../../src/api/notify.js";

const run = promisify(execFile);
const BIN = join(REPO, "bin/wingman.js");

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

describe("the wingman CLI (built, as a subprocess, stand-in agent on real tmux)", () => {
  let root: string;
  let state: string;
  let work: string;
  let log: string;
  let env: NodeJS.ProcessEnv;
  const version = () =>
    readFile(join(REPO, "package.json"), "utf8").then((t) => (JSON.parse(t) as { version: string }).version);

  function cli(args: string[], o: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { env: o.env ?? env, cwd: root });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
      child.stdin.end(o.input ?? "");
    });
  }
  const json = async (args: string[], o: { input?: string; env?: NodeJS.ProcessEnv } = {}) => {
    const r = await cli(args, o);
    return {
      ...r,
      body: JSON.parse(r.stdout) as Record<string, unknown> & { sessions?: Array<Record<string, unknown>> },
    };
  };
  const view = async (name: string) =>
    ((await json(["status", name, "--json"])).body.sessions ?? [])[0] as Record<string, unknown> & {
      pending?: { id: string } | null;
    };

  beforeAll(async () => {
    if (!existsSync(join(REPO, "dist/cli.js")))
      throw new Error("the CLI is not built: run `npm run build` first (npm test does)");
    root = await realpath(await mkdtemp(join(tmpdir(), "wm-cli-")));
    state = join(root, "state");
    work = join(root, "project");
    log = join(root, "prompts.log");
    await mkdir(work);
    await mkdir(join(root, "home"));
    env = {
      ...process.env,
      HOME: join(root, "home"),
      WINGMAN_STATE_DIR: state,
      WINGMAN_CLAUDE_COMMAND: STANDIN,
      STANDIN_LOG: log,
      TZ: "Asia/Tokyo",
    };
    for (const k of [
      "WINGMAN_TMUX_SOCKET",
      "WINGMAN_CONFIG",
      "OPENCLAW_CONFIG_PATH",
      "CLAWDBOT_CONFIG_PATH",
      "OPENCLAW_STATE_DIR",
      "CLAWDBOT_STATE_DIR",
      "NO_COLOR",
    ])
      delete env[k];
  });
  afterAll(async () => {
    if (!root) return;
    await run("tmux", ["-S", join(state, "tmux.sock"), "kill-server"]).catch(() => {});
    await run("tmux", ["-S", join(root, "term.sock"), "kill-server"]).catch(() => {});
    await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  });

  it("bare wingman: help on stderr, exit 2; help, help CMD, CMD --help, --version: stdout, exit 0", async () => {
    const bare = await cli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe("");
    expect(bare.stderr).toContain("wingman spawn");
    const help = await cli(["help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("wingman resume NAME");
    const a = await cli(["spawn", "--help"]);
    const b = await cli(["help", "spawn"]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain("usage: wingman spawn");
    expect(a.stdout).toContain("In chat: /wm spawn [AGENT] [HOST:]NAME DIR [TEXT…]");
    expect((await cli(["help", "nosuch"])).code).toBe(2);
    const v = await cli(["--version"]);
    expect(v).toEqual({ code: 0, stdout: `wingman ${await version()}\n`, stderr: "" });
    const unknown = await json(["frob", "--json"]);
    expect(unknown.code).toBe(2);
    expect(unknown.body).toMatchObject({ ok: false, error: "usage" });
  });

  it("spawn --json with the prompt on stdin (CRLF → LF): the session view, as status --json has it", async () => {
    const r = await json(["spawn", "--session", "alpha", "--workdir", work, "--prompt-file", "-", "--json"], {
      input: "first line\r\nsecond line\r\n",
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.body).toMatchObject({ ok: true, sessions: [{ name: "alpha", workdir: work, agent: "claude-code" }] });
    expect(typeof r.body.message).toBe("string");
    const status = await json(["status", "--json"]);
    expect(Object.keys(r.body.sessions![0]!).sort()).toEqual(
      expect.arrayContaining(
        Object.keys(status.body.sessions![0]!)
          .filter((k) => k !== "lastActivityAt" && k !== "detail")
          .sort(),
      ),
    );
    await until(
      () => standinPrompts(log),
      (p) => p.length === 1,
    );
    expect(await standinPrompts(log)).toEqual(["first line\nsecond line"]);
  });

  it("send --prompt-file FILE; a control character is refused by the core: exit 1, JSON error, nothing typed", async () => {
    await until(
      () => view("alpha"),
      (v) => v?.state === "idle",
    );
    const file = join(root, "prompt.txt");
    await writeFile(file, "run the tests\r\nthen report\r\n");
    const ok = await json(["send", "alpha", "--prompt-file", file, "--json"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.body).toMatchObject({ ok: true, sessions: [{ name: "alpha" }] });
    await until(
      () => standinPrompts(log),
      (p) => p.length === 2,
    );
    await until(
      () => view("alpha"),
      (v) => v?.state === "idle",
    );
    await writeFile(file, "bad \x1b[31m text\n");
    const bad = await json(["send", "alpha", "--prompt-file", file, "--json"]);
    expect(bad.code).toBe(1);
    expect(bad.body).toEqual({
      ok: false,
      error: "control_char",
      code: "control_char",
      message: expect.stringContaining("U+001B"),
      facts: { why: "control_char", place: "text", codePoint: "U+001B", position: 5 },
    });
    expect(bad.stderr).toMatch(/^wingman: .*control character/);
    expect(await standinPrompts(log)).toEqual(["first line\nsecond line", "run the tests\nthen report"]);
    const missing = await json(["send", "alpha", "--prompt-file", join(root, "none.txt"), "--json"]);
    expect(missing.code).toBe(2);
    expect(missing.body).toMatchObject({ ok: false, error: "usage" });
  });

  it("answers with --json: a stale id is refused with its code, the right one answers; the view comes back", async () => {
    await cli(["send", "alpha", "ASK"]);
    const waiting = await until(
      () => view("alpha"),
      (v) => v?.state === "waiting_approval" && !!v.pending,
      15_000,
    );
    const id = waiting.pending!.id;
    const other = id === "2345" ? "2346" : "2345";
    const stale = await json(["approve", "alpha", other, "--json"]);
    expect(stale.code).toBe(1);
    expect(stale.body).toMatchObject({ ok: false, error: "stale_id" });
    const ok = await json(["approve", "alpha", id, "--json"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.body).toMatchObject({ ok: true, sessions: [{ name: "alpha", pending: null }] });
    for (const cmd of [
      ["deny", "alpha"],
      ["always", "alpha"],
      ["trust", "alpha"],
      ["answer", "alpha", "1"],
    ]) {
      const r = await json([...cmd, "--json"]);
      expect(r.code, cmd.join(" ")).toBe(1);
      expect(r.body.ok, cmd.join(" ")).toBe(false);
      expect(typeof r.body.error).toBe("string");
    }
  });

  it("kill and resume --json: exit 1 wrong_state while running or without a conversation; resume brings it back; the dashboard offers it", async () => {
    await until(
      () => view("alpha"),
      (v) => v?.state === "idle",
    );
    const running = await json(["resume", "alpha", "--json"]);
    expect(running.code).toBe(1);
    expect(running.body).toMatchObject({ ok: false, error: "wrong_state" });
    const killed = await json(["kill", "alpha", "--json"]);
    expect(killed.code, killed.stderr).toBe(0);
    expect(killed.body).toMatchObject({ ok: true, sessions: [{ name: "alpha", state: "exited" }] });
    const none = await json(["resume", "alpha", "--json"]);
    expect(none.code).toBe(1);
    expect(none.body).toMatchObject({ ok: false, error: "wrong_state" });
    // The stand-in reports no conversation id (Claude Code does, through its hooks): record one as a hook would.
    await new Registry(state, silentLogger).update((d) => {
      d.sessions.alpha!.agentSessionId = "0b1c2d3e-standin";
    });
    const dash = await cli(["status"]);
    expect(dash.stdout).toContain("Can be resumed: alpha (wingman resume --all, or wingman resume NAME)");
    const resumed = await json(["resume", "--all", "--json"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.body).toMatchObject({ ok: true, sessions: [{ name: "alpha" }] });
    expect((await view("alpha")).state).not.toBe("exited");
    const usage = await json(["resume", "--json"]);
    expect(usage.code).toBe(2);
    expect(usage.body).toMatchObject({ ok: false, error: "usage" });
  });

  it("history and audit: local time with its zone for people, UTC ISO in JSON", async () => {
    const h = await cli(["history"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d GMT\+9 {2}alpha/m);
    const hj = await json(["history", "--json"]);
    expect(String((hj.body.sessions as Array<{ createdAt: string }>)[0]!.createdAt)).toMatch(/Z$/);
    const a = await cli(["audit"]);
    expect(a.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d GMT\+9 {2}cli:/m);
  });

  it("the host config is read as JSON5 from OPENCLAW_CONFIG_PATH; a broken one is a warning naming file and line", async () => {
    const cfg = join(root, "openclaw.json5");
    await writeFile(
      cfg,
      `// comments and trailing commas, as OpenClaw writes them\n{ plugins: { entries: { "claude-code-wingman": { config: { stateDir: ${JSON.stringify(state)}, }, }, }, }, }\n`,
    );
    const noState: NodeJS.ProcessEnv = { ...env, OPENCLAW_CONFIG_PATH: cfg };
    delete noState.WINGMAN_STATE_DIR;
    const r = await json(["status", "--json"], { env: noState });
    expect(r.stderr).toBe("");
    expect((r.body.sessions ?? []).map((s) => s.name)).toEqual(["alpha"]);
    await mkdir(join(root, "home", ".openclaw"), { recursive: true });
    const broken = join(root, "home", ".openclaw", "openclaw.json");
    await writeFile(broken, "{\n  plugins: { entries: [ }\n}\n");
    const w = await cli(["status"]);
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(
      new RegExp(`^wingman: warning: cannot parse the host config ${broken} line 2 column \\d+`),
    );
    await rm(join(root, "home", ".openclaw"), { recursive: true });
  });

  it("completion: bash completes commands and live session names through `wingman __complete sessions`", async () => {
    const shim = join(root, "bin");
    await mkdir(shim, { recursive: true });
    await writeFile(
      join(shim, "wingman"),
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`,
      { mode: 0o755 },
    );
    const script = (await cli(["completion", "bash"])).stdout;
    const file = join(root, "completion.bash");
    await writeFile(file, script);
    const comp = async (words: string[]) => {
      const line = `source ${JSON.stringify(file)}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(" ")}); COMP_CWORD=${words.length - 1}; _wingman; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const r = await run("bash", ["-c", line], { env: { ...env, PATH: `${shim}:${env.PATH}` } });
      return r.stdout.trim().split("\n");
    };
    expect(await comp(["wingman", "res"])).toEqual(["resume"]);
    expect(await comp(["wingman", "approve", "al"])).toEqual(["alpha"]);
    expect(await comp(["wingman", "spawn", "--prompt-f"])).toEqual(["--prompt-file"]);
    expect(await comp(["wingman", "completion", "z"])).toEqual(["zsh"]);
    const names = await cli(["__complete", "sessions"]);
    expect(names).toEqual({ code: 0, stdout: "alpha\n", stderr: "" });
    // Never noisy: a state dir that cannot be read gives no names, no error, exit 0.
    await writeFile(join(root, "not-a-dir"), "x");
    expect(
      await cli(["__complete", "sessions"], { env: { ...env, WINGMAN_STATE_DIR: join(root, "not-a-dir") } }),
    ).toEqual({ code: 0, stdout: "", stderr: "" });
    expect((await cli(["completion", "tcsh"])).code).toBe(2);
  });

  it("status --watch piped: plain dashboards appended; SIGINT stops it with exit 0", async () => {
    const child = spawn(process.execPath, [BIN, "status", "--watch", "--interval", "0.3"], { env, cwd: root });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    await until(
      async () => stdout,
      (s) => s.includes("Total: 1 session"),
      10_000,
    );
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/^--- \d\d:\d\d GMT\+9 ---\nSESSION/);
    expect(stdout).not.toContain("\x1b[");
  });

  it("status --watch on a terminal: redrawn in place, in colour (none with NO_COLOR), Ctrl-C ends it with exit 0", async () => {
    const sock = join(root, "term.sock");
    const tmux = (...a: string[]) => run("tmux", ["-S", sock, ...a]);
    const start = async (name: string, extra: Record<string, string>) => {
      const envArgs = Object.entries({
        WINGMAN_STATE_DIR: state,
        HOME: join(root, "home"),
        TZ: "Asia/Tokyo",
        ...extra,
      }).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
      await tmux(
        "new-session",
        "-d",
        "-s",
        name,
        "-x",
        "120",
        "-y",
        "30",
        ...envArgs,
        process.execPath,
        BIN,
        "status",
        "--watch",
        "--interval",
        "0.2",
      );
      await tmux("set-option", "-t", name, "remain-on-exit", "on");
    };
    await start("color", {});
    const screen = await until(
      async () => (await tmux("capture-pane", "-p", "-e", "-t", "color")).stdout,
      (s) => s.includes("Total: 1 session"),
      10_000,
    );
    // Let it redraw a few times: in place means one dashboard on screen, not a scroll of them.
    await new Promise((r) => setTimeout(r, 800));
    // A capture can land mid-redraw on a busy machine: take the first one that holds a whole frame.
    const again = await until(
      async () => (await tmux("capture-pane", "-p", "-e", "-t", "color")).stdout,
      (s) => s.includes("Total: "),
      5_000,
    );
    expect(again.match(/SESSION/g)?.length).toBe(1);
    expect(again.match(/Total: /g)?.length).toBe(1);
    expect(screen).toMatch(/wingman status · every 0.2s · \d\d:\d\d GMT\+9 · Ctrl-C to stop/);
    expect(again).toContain("\x1b[1mSESSION");
    const pid = Number((await tmux("display-message", "-p", "-t", "color", "#{pane_pid}")).stdout.trim());
    await tmux("send-keys", "-t", "color", "C-c");
    // Its exit status: from tmux once it has reaped the process, else from the kernel. Under load tmux 3.3a was
    // seen to leave an exited pane process a zombie (pane dead, no status) for seconds; /proc/PID/stat's last
    // field is then the wait status (0: exit 0; a signal would show as its number).
    const status = await until(
      async () => {
        const t = (
          await tmux("display-message", "-p", "-t", "color", "#{pane_dead} #{pane_dead_status}")
        ).stdout.trim();
        if (/^1 \d+$/.test(t)) return Number(t.split(" ")[1]) * 256;
        const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
        const f = stat
          .slice(stat.lastIndexOf(")") + 2)
          .trim()
          .split(" ");
        return f[0] === "Z" ? Number(f[f.length - 1]) : null;
      },
      (s) => s !== null,
      10_000,
    );
    expect(status).toBe(0);

    await start("plain", { NO_COLOR: "1" });
    const plain = await until(
      async () => (await tmux("capture-pane", "-p", "-e", "-t", "plain")).stdout,
      (s) => s.includes("Total: 1 session"),
      10_000,
    );
    expect(plain).toContain("SESSION");
    expect(plain).not.toMatch(/\x1b\[(1|2|3\d)m/);
    await tmux("send-keys", "-t", "plain", "C-c");
  });

  it("spawn with an agent command that rejects the flags Wingman adds: exit 1, failed with the exit reason; kill then says it had already exited", async () => {
    // A `claude.command` that refuses --settings and --permission-mode, as an older or wrapped CLI might.
    const picky = join(root, "picky-claude");
    await writeFile(
      picky,
      `#!/bin/sh\nfor a; do case $a in --settings|--permission-mode) echo "error: unknown option '$a'" >&2; exit 2 ;; esac; done\nexec '${STANDIN}' "$@"\n`,
    );
    await chmod(picky, 0o755);
    const e = { ...env, WINGMAN_CLAUDE_COMMAND: picky };
    const r = await cli(["spawn", "--session", "picky", "--workdir", work], { env: e });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("started");
    // tmux 3.3a does not always record a pane's exit status; then all anyone can say is "exited".
    const reason = /before its first screen \((exit status 2|exited)\)/.exec(r.stderr)?.[1];
    expect(reason, r.stderr).toBeDefined();
    expect(r.stderr).toContain("picky did not start: its agent exited before its first screen");
    const j = await json(["spawn", "--session", "picky-json", "--workdir", work, "--json"], { env: e });
    expect(j.code).toBe(1);
    expect(j.body).toMatchObject({
      ok: false,
      error: "failed",
      facts: { why: "exited_before_screen", session: "picky-json" },
    });
    const jReason = (j.body.facts as { reason: string }).reason;
    expect(jReason).toMatch(/^(exit status 2|exited)$/);
    // kill on it: nothing runs, and the reason it ended with stays.
    const k = await cli(["kill", "picky"]);
    expect(k).toEqual({ code: 0, stdout: `picky had already exited (${reason}); nothing to kill\n`, stderr: "" });
    expect(await view("picky")).toMatchObject({ state: "exited", stateReason: reason });
    const kj = await json(["kill", "picky-json", "--json"]);
    expect(kj.body).toMatchObject({ ok: true, code: "already_exited", facts: { reason: jReason } });
  });
});

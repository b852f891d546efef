// Adopting agents a person started by hand (docs/adopt.md), on the real Claude Code 2.1.331 and Codex 0.171.0
// against the mocks: each is started with plain `tmux -S <path> new -d` on the person's own server (a private
// TMUX_TMPDIR, so "the default socket" is this test's), with no Wingman involved and no hooks. Then, through
// the built CLI as a subprocess: listed, adopted, a permission prompt answered by id, `tell`, `kill` refused,
// `release` (the pane still runs), and a pane killed by hand while adopted ends the session with a reason.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLAUDE_BIN } from "../../devkit/claude-home.js";
import { CODEX_BIN } from "../../devkit/codex-home.js";
import { type CodexRig, codexRig } from "../../devkit/codex-rig.js";
import { REPO } from "../../devkit/temp-wingman.js";
import type { Notification } from "../../src/api/notify.js";
import { Monitor } from "../../src/core/monitor/monitor.js";
import { describeNotification } from "../../src/format/notify.js";

const run = promisify(execFile);
const BIN = join(REPO, "bin/wingman.js");

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
type View = {
  name: string;
  state: string;
  stateReason?: string;
  adopted?: boolean;
  target?: string;
  agent: string;
  workdir: string;
  lastMessage?: string;
  pending: { id: string; tool: string | null; detail: string | null; optionsPending?: boolean } | null;
};

describe("adopt agents started by hand (real CLIs, the person's own tmux server)", () => {
  let rig: CodexRig;
  let tmuxTmp: string;
  /** The person's default server, as tmux finds it with this TMUX_TMPDIR. */
  let socket: string;
  /** A second server of the person's, named by path (`-S`). */
  let other: string;
  /** What the person's shell would pass to tmux: the agents' environment (mocks, homes), nothing of Wingman's. */
  let agentEnv: Record<string, string>;
  /** Wingman's CLI environment: the rig's state dir and the same TMUX_TMPDIR. */
  let env: NodeJS.ProcessEnv;

  const tmux = (sock: string, ...args: string[]) => run("tmux", ["-S", sock, "-f", "/dev/null", ...args]);
  /** Start an agent by hand: `tmux -S SOCK new -d -s SESSION -c DIR -- env … PROGRAM ARGS` (no Wingman). */
  const byHand = (sock: string, session: string, argv: string[]) =>
    tmux(
      sock,
      "new-session",
      "-d",
      "-s",
      session,
      "-x",
      "120",
      "-y",
      "40",
      "-c",
      rig.work,
      "--",
      "env",
      "-i",
      ...Object.entries(agentEnv).map(([k, v]) => `${k}=${v}`),
      ...argv,
    );
  const screenOf = async (sock: string, target: string) =>
    (await tmux(sock, "capture-pane", "-p", "-t", target)).stdout;
  const waitScreen = async (sock: string, target: string, re: RegExp, ms = 30_000) => {
    const until = Date.now() + ms;
    let last = "";
    while (Date.now() < until) {
      last = await screenOf(sock, target).catch(() => "");
      if (re.test(last)) return last;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`${target} never showed ${re}; last screen:\n${last}`);
  };

  function cli(args: string[]): Promise<Ran> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { env, cwd: rig.work });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
      child.stdin.end("");
    });
  }
  const json = async (args: string[]) => {
    const r = await cli([...args, "--json"]);
    try {
      return { ...r, body: JSON.parse(r.stdout) as Record<string, unknown> & { sessions?: View[] } };
    } catch {
      throw new Error(`not JSON from wingman ${args.join(" ")}: ${r.stdout} ${r.stderr}`);
    }
  };
  const view = async (name: string) => ((await json(["status", name])).body.sessions ?? [])[0] as View;
  const waitView = async (name: string, ok: (v: View) => boolean, ms = 30_000) => {
    const until = Date.now() + ms;
    let last: View | undefined;
    while (Date.now() < until) {
      last = await view(name);
      if (last && ok(last)) return last;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${name} did not get there in ${ms} ms; last: ${JSON.stringify(last)}`);
  };
  const paneIdOf = async (sock: string, target: string) =>
    (await tmux(sock, "display-message", "-p", "-t", target, "#{pane_id}")).stdout.trim();

  beforeAll(async () => {
    if (!existsSync(join(REPO, "dist/cli.js")))
      throw new Error("the CLI is not built: run `npm run build` (test/global-setup.ts builds it for npm test)");
    rig = await codexRig({ withClaude: true });
    tmuxTmp = await mkdtemp(join(tmpdir(), "wm-adopt-tmux-"));
    const dir = join(tmuxTmp, `tmux-${process.getuid!()}`);
    await mkdir(dir, { mode: 0o700 });
    socket = join(dir, "default");
    other = join(tmuxTmp, "elsewhere.sock");
    agentEnv = Object.fromEntries(
      Object.entries(rig.env).filter((e): e is [string, string] => !e[0].startsWith("WINGMAN_") && e[1] !== undefined),
    );
    env = { ...rig.env, TMUX_TMPDIR: tmuxTmp, PATH: process.env.PATH ?? "/usr/bin:/bin" };
    delete env.TMUX;
    await byHand(socket, "work", [CLAUDE_BIN, "--permission-mode", "default"]);
    await byHand(socket, "Codex Box", [CODEX_BIN, "--no-daemon", "-a", "on-request"]);
    await tmux(socket, "new-window", "-t", "work", "-c", rig.work, "--", "sleep", "600");
    await byHand(other, "side", [CLAUDE_BIN, "--permission-mode", "default"]);
    await waitScreen(socket, "work:0.0", /for shortcuts|Try "/);
    await waitScreen(socket, "Codex Box:0.0", /›|To get started/);
  });
  afterAll(async () => {
    // Only this test's own servers: their sockets are under its private folder.
    for (const s of [socket, other]) if (s) await tmux(s, "kill-server").catch(() => {});
    await rig?.close();
    if (tmuxTmp) await rm(tmuxTmp, { recursive: true, force: true });
  });

  it("lists the panes that run a known agent, with targets, and not the one that runs something else", async () => {
    const r = await json(["adopt"]);
    expect(r.code, r.stderr).toBe(0);
    const facts = r.body.facts as { socket: string; panes: Array<{ target: string; agent: string }>; others: number };
    expect(facts.socket).toBe("default");
    expect(facts.panes.map((p) => [p.target, p.agent]).sort()).toEqual([
      ["default:Codex Box:0.0", "codex"],
      ["default:work:0.0", "claude-code"],
    ]);
    expect(facts.others).toBe(1); // the `sleep` window
    const text = await cli(["adopt"]);
    expect(text.stdout).toContain("default:work:0.0 · Claude Code");
    // Another server by path.
    const side = await json(["adopt", "--socket", other]);
    expect((side.body.facts as { panes: Array<{ target: string }> }).panes.map((p) => p.target)).toEqual([
      `${other}:side:0.0`,
    ]);
  });

  it("refuses a pane whose program is not an agent, saying what it saw, and a pane that is not there", async () => {
    const r = await cli(["adopt", "default:work:1.0", "sleeper"]);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toMatch(/runs "sleep 600", not an agent Wingman knows/);
    const gone = await cli(["adopt", "default:nowhere:0.0", "ghost"]);
    expect(gone.code).toBe(1);
    expect(gone.stderr + gone.stdout).toMatch(/no pane "default:nowhere:0.0"/);
    expect((await json(["status"])).body.sessions ?? []).toEqual([]);
  });

  it("adopts Claude Code; a permission prompt is answered by id from the CLI, read from its screen alone", async () => {
    const a = await json(["adopt", "default:work:0.0", "hand"]);
    expect(a.code, a.stdout + a.stderr).toBe(0);
    expect(a.body.code).toBe("adopted");
    const v = await waitView("hand", (x) => x.state === "idle");
    expect(v).toMatchObject({ adopted: true, target: "default:work:0.0", agent: "claude-code", workdir: rig.work });
    // No hooks: nothing of Wingman's was given to the agent, so no signal folder exists for it.
    expect(existsSync(join(rig.stateDir, "events", "hand"))).toBe(false);

    // The monitor (as the host runs it) notifies the adopted session's prompt with its id.
    const notes: Notification[] = [];
    const monitor = new Monitor({
      describe: describeNotification,
      wingman: rig.wingman,
      config: rig.wingman.config,
      logger: { info() {}, warn() {}, error() {} },
      notifier: { send: async (n) => void notes.push(n) },
    });
    expect(await monitor.start()).toBe(true);

    const file = join(rig.work, "adopted-approved.txt");
    const told = await cli(["send", "hand", `RUN_BASH touch ${file}`]);
    expect(told.code, told.stderr).toBe(0);
    const asking = await waitView(
      "hand",
      (x) => x.state === "waiting_approval" && !!x.pending && !x.pending.optionsPending,
    );
    expect(asking.pending!.tool).toBe("Bash");
    expect(asking.pending!.detail).toContain("adopted-approved.txt");
    for (const until = Date.now() + 20_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100)))
      if (notes.some((n) => n.type === "approval_needed" && n.session === "hand")) break;
    await monitor.stop();
    const note = notes.find((n) => n.type === "approval_needed" && n.session === "hand");
    expect(note, JSON.stringify(notes.map((n) => [n.type, n.session, n.id]))).toBeDefined();
    expect(note!.id).toBe(asking.pending!.id);
    expect(note!.text).toContain(asking.pending!.id);
    // A wrong id presses nothing.
    const wrong = await cli(["approve", "hand", "zz9z"]);
    expect(wrong.code).toBe(1);
    expect(existsSync(file)).toBe(false);
    const ok = await cli(["approve", "hand", asking.pending!.id]);
    expect(ok.code, ok.stderr + ok.stdout).toBe(0);
    await waitView("hand", (x) => x.state === "idle" && x.pending === null);
    expect(existsSync(file)).toBe(true);
    // The person's tmux session keeps its name and size.
    expect(
      (
        await tmux(socket, "display-message", "-p", "-t", "work:0.0", "#{session_name} #{pane_width}x#{pane_height}")
      ).stdout.trim(),
    ).toBe("work 120x40");
  });

  it("kill is refused and points to release; release forgets it and the pane still runs", async () => {
    const k = await cli(["kill", "hand"]);
    expect(k.code).toBe(1);
    expect(k.stderr + k.stdout).toMatch(/release hand/);
    const paneId = await paneIdOf(socket, "work:0.0");
    const r = await json(["release", "hand"]);
    expect(r.code).toBe(0);
    expect(r.body).toMatchObject({ code: "unadopted", facts: { session: "hand", running: true } });
    expect(await paneIdOf(socket, "work:0.0")).toBe(paneId);
    expect(await screenOf(socket, "work:0.0")).toMatch(/for shortcuts|Try "|❯/);
    expect((await json(["status"])).body.sessions ?? []).toEqual([]);
  });

  it("adopts Codex (a session name with a space and capitals), `tell` reaches the model, and an approval by id runs", async () => {
    const a = await json(["adopt", "default:Codex Box:0.0", "cx"]);
    expect(a.code, a.stdout + a.stderr).toBe(0);
    await waitView("cx", (x) => x.state === "idle");
    const t = await cli(["send", "cx", "SAY hello from the phone"]);
    expect(t.code, t.stderr).toBe(0);
    await rig.modelGotPrompt("SAY hello from the phone", 20_000);
    // Read from its screen alone: the turn is over when the screen is idle again (no notify program tells).
    await waitView("cx", (x) => x.state === "idle");
    const file = join(rig.work, "codex-adopted.txt");
    expect((await cli(["send", "cx", `RUN_BASH touch ${file}`])).code).toBe(0);
    const asking = await waitView(
      "cx",
      (x) => x.state === "waiting_approval" && !!x.pending && !x.pending.optionsPending,
    );
    const ok = await cli(["approve", "cx", asking.pending!.id]);
    expect(ok.code, ok.stderr + ok.stdout).toBe(0);
    await waitView("cx", (x) => x.state === "idle" && x.pending === null);
    expect(existsSync(file)).toBe(true);
  });

  it("a pane killed by hand while adopted makes the session exited, with a reason; it cannot be resumed", async () => {
    await tmux(socket, "kill-pane", "-t", "Codex Box:0.0");
    const v = await waitView("cx", (x) => x.state === "exited", 15_000);
    expect(v.stateReason).toMatch(/adopted pane is gone/);
    const r = await cli(["resume", "cx"]);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toMatch(/cannot be resumed/);
    expect((await json(["release", "cx"])).body).toMatchObject({ code: "unadopted", facts: { running: false } });
  });
});

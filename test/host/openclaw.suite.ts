// The plugin in OpenClaw 2026.9.6 (on the project's Node 24), installed as a user would: the packed package
// through `openclaw plugins install`, then a real gateway on 127.0.0.1 that loads it and starts its monitor
// service (the monitor's lock then holds the gateway's pid). Chat goes in as the gateway's own web chat sends
// it (`chat.send`, see gateway-chat.mjs), and the real Claude Code behind Wingman talks to the mock API, so a
// plain `approve NAME ID` from chat runs a real command. The host's own assistant has a scripted model
// (tool-model.ts) that calls Wingman's tools on cue, so the tool door is tested as the host runs it.
// Left out only by WINGMAN_SKIP_HOST_TESTS=1.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claudeViaMock } from "../../devkit/claude-home.js";
import { type MockAnthropic, startMockAnthropic } from "../../devkit/mock-anthropic.js";
import { REPO } from "../../devkit/temp-wingman.js";
import { git, initRepo } from "../../devkit/git-repo.js";
import { noRegistry, PACKAGE, packedTarball } from "./packed.js";
import { assistantModel, gatewayClientModule, startToolModel, type ToolModel } from "./tool-model.js";
import {
  type ChatReply,
  chat as chatOver,
  freePort,
  type Gateway,
  HOST_HANG_MS,
  hostEnv,
  startGateway,
} from "./gateway.js";

const run = promisify(execFile);
const HOST = join(REPO, "test/host/fixture/openclaw");
const PKG = join(HOST, "node_modules/openclaw");
const OWNER_NUMBER = "+15550001111";

describe("in the real host: openclaw 2026.9.6", () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let gateway: Gateway | undefined;
  let port: number;
  let bin: string;
  let installLog = "";
  let mock: MockAnthropic | undefined;
  /** The host's own assistant's model (a scripted stand-in; Claude Code behind Wingman talks to `mock`). */
  let model: ToolModel | undefined;
  let work: string;

  let client: string;
  /** A git repository the phone flow works in; Wingman's config trusts it (autoTrust), and so its worktrees. */
  let repo: string;

  /** Sends each message over the gateway's chat, one after the other, with the host's own client. */
  function chat(...messages: string[]): Promise<ChatReply[]> {
    return chatOver({ node: process.execPath, client, gateway: gateway!, env }, ...messages);
  }

  /** Waits for the gateway's monitor to write a notification matching `ok` into Wingman's events.jsonl. */
  async function monitorEvent(ok: (n: MonitorLine) => boolean, what: string): Promise<MonitorLine> {
    const file = join(root, "wingman", "events.jsonl");
    let found: MonitorLine | undefined;
    await until(async () => {
      const text = await readFile(file, "utf8").catch(() => "");
      found = text
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as MonitorLine)
        .find(ok);
      return !!found;
    }, `${what} (events.jsonl: ${file})`);
    return found!;
  }

  /** What `wingman status --json` in a terminal shows for one session. */
  async function session(name: string): Promise<{ state: string; pending: { id: string } | null } | undefined> {
    const r = await run(process.execPath, [join(PACKAGE, "bin/wingman.js"), "status", "--json"], { env });
    return (
      JSON.parse(r.stdout) as { sessions: Array<{ name: string; state: string; pending: { id: string } | null }> }
    ).sessions.find((s) => s.name === name);
  }

  beforeAll(async () => {
    if (!existsSync(join(PKG, "package.json"))) {
      throw new Error(
        `openclaw is not installed in ${HOST}: run \`bash test/host/setup.sh\` (npm test does), or set WINGMAN_SKIP_HOST_TESTS=1`,
      );
    }
    const pkg = JSON.parse(await readFile(join(PKG, "package.json"), "utf8")) as {
      bin?: Record<string, string> | string;
    };
    bin = join(PKG, typeof pkg.bin === "string" ? pkg.bin : (pkg.bin?.openclaw ?? "openclaw.mjs"));
    client = gatewayClientModule(PKG);
    root = await mkdtemp(join(tmpdir(), "wm-openclaw-"));
    port = await freePort();
    const state = join(root, "state");
    await mkdir(state, { recursive: true });
    await mkdir(join(root, "home"), { recursive: true });
    work = join(root, "work");
    await mkdir(work);
    repo = await initRepo(join(root, "repo"), { "notes.txt": "one\n" });
    // Real Claude Code behind Wingman, offline: its HOME seeded, its API the mock. A wrapper gives the agent
    // (and only the agent) the mock's environment, so the gateway itself keeps its own.
    mock = await startMockAnthropic();
    const wrapper = claudeViaMock(root, mock.url, work);
    await writeFile(
      join(state, "openclaw.json"),
      JSON.stringify({ gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: "t" } } }),
    );
    env = hostEnv({
      HOME: join(root, "home"),
      OPENCLAW_STATE_DIR: state,
      OPENCLAW_NO_RESPAWN: "1",
      OPENCLAW_DISABLE_BONJOUR: "1",
      WINGMAN_STATE_DIR: join(root, "wingman"),
      WINGMAN_CLAUDE_COMMAND: wrapper,
      // The person's own tmux (adopt): a private folder, so "the default server" is this test's.
      TMUX_TMPDIR: join(root, "tmux"),
    });
    await mkdir(join(root, "tmux", `tmux-${process.getuid!()}`), { recursive: true, mode: 0o700 });
    const tgz = packedTarball();
    // A local archive is outside ClawHub review: the host asks for --force and capability consent.
    // From the file alone: no npm registry, no npm cache (packed.ts, noRegistry).
    const inst = await run(process.execPath, [bin, "plugins", "install", "--force", "--accept-capabilities", tgz], {
      env: { ...env, ...noRegistry(join(root, "empty-npm-cache")) },
      timeout: HOST_HANG_MS,
    });
    installLog = inst.stdout + inst.stderr;
    // As a WhatsApp user's gateway is set up: OpenClaw's WhatsApp channel plugin (`openclaw plugins install
    // @openclaw/whatsapp`; here loaded from the fixture, where setup.sh installed it) and a notification target
    // in Wingman's config. WhatsApp itself is never linked here. No owner list (channels.whatsapp.allowFrom):
    // with one, only those numbers may answer, and this test's chat arrives from the gateway's web chat.
    const cfgFile = join(state, "openclaw.json");
    const cfg = JSON.parse(await readFile(cfgFile, "utf8")) as Record<string, Record<string, unknown>> & {
      plugins: { entries: Record<string, Record<string, unknown>>; load?: unknown };
    };
    cfg.plugins.entries["claude-code-wingman"] = {
      ...cfg.plugins.entries["claude-code-wingman"],
      config: { notify: { to: OWNER_NUMBER }, autoTrust: [repo] },
    };
    cfg.plugins.entries.whatsapp = { enabled: true };
    cfg.plugins.load = { paths: [join(HOST, "node_modules/@openclaw/whatsapp")] };
    // The host's assistant gets a model too (a scripted one on 127.0.0.1), so it can call Wingman's tools.
    model = await startToolModel();
    Object.assign(cfg, assistantModel(model.url));
    await writeFile(cfgFile, JSON.stringify(cfg, null, 2));
    const lock = join(root, "wingman", "monitor.lock");
    gateway = await startGateway({
      node: process.execPath,
      entry: bin,
      port,
      env,
      ready: (log) => /listening/i.test(log) && existsSync(lock),
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    if (root) {
      await run("tmux", ["-S", join(root, "wingman", "tmux.sock"), "kill-server"]).catch(() => {});
      await mock?.close();
      await model?.close();
      await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    }
  });

  it("`openclaw plugins install` installs the packed package from the file alone (no npm registry)", () => {
    expect(installLog).toContain("Installed plugin: claude-code-wingman");
  });

  it("the gateway loads the plugin and runs the monitor service in its own process", async () => {
    expect(gateway?.log()).toMatch(/listening \(\d+ plugins: [^)]*claude-code-wingman/);
    const holder = Number((await readFile(join(root, "wingman", "monitor.lock"), "utf8")).trim().split(" ")[0]);
    expect(holder).toBe(gateway?.child.pid);
  });

  it("answers /wm over the gateway's chat with no assistant run", async () => {
    const [status, help] = await chat("/wm status", "/wm help");
    expect(status).toMatchObject({ state: "final", agentRan: false });
    expect(status?.text).toContain("No Claude Code sessions yet");
    expect(help).toMatchObject({ state: "final", agentRan: false });
    expect(help?.text).toContain("/wm approve");
  });

  it("serves the web page under /wingman/ with Wingman's own token (from `/wm web`) and refuses without it", async () => {
    const [reply] = await chat("/wm web");
    const url = /http:\/\/127\.0\.0\.1:\d+\/wingman\/\?token=[A-Za-z0-9_-]+/.exec(reply?.text ?? "")?.[0];
    expect(url, reply?.text).toBeDefined();
    expect(new URL(url!).port).toBe(String(port));
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="app.js" defer></script>');
    const token = new URL(url!).searchParams.get("token")!;
    const status = await fetch(`http://127.0.0.1:${port}/wingman/api/status?token=${token}`);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ ok: true, sessions: expect.any(Array) });
    // The live feed (server-sent events) streams through the gateway too.
    const events = await fetch(`http://127.0.0.1:${port}/wingman/api/events?token=${token}`);
    expect(events.headers.get("content-type")).toContain("text/event-stream");
    const reader = events.body!.getReader();
    let seen = "";
    while (!seen.includes("event: status")) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    // Without the token, or with the gateway's own token instead, no data is served (the page's shell holds
    // none: the page keeps its token in sessionStorage, so a reload of the address without it still works).
    const shell = await fetch(`http://127.0.0.1:${port}/wingman/`);
    expect(shell.status).toBe(200);
    expect(await shell.text()).not.toContain(token);
    expect(
      (await fetch(`http://127.0.0.1:${port}/wingman/api/status`, { headers: { Authorization: "Bearer t" } })).status,
    ).toBe(403);
    expect((await fetch(`http://127.0.0.1:${port}/wingman/api/status?token=t`)).status).toBe(403);
  });

  it("plain `status` and `approve NAME ID` are answered by before_dispatch; other text reaches the assistant", async () => {
    const [spawned] = await chat(`/wm spawn oc-build ${work} RUN_BASH touch approved-from-chat`);
    expect(spawned).toMatchObject({ state: "final", agentRan: false });
    expect(spawned?.text).toContain("oc-build started");
    let s = await session("oc-build");
    for (const until = Date.now() + 60_000; !(s?.state === "waiting_approval" && s.pending) && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 250));
      s = await session("oc-build");
    }
    expect(s).toMatchObject({ state: "waiting_approval" });
    const id = s!.pending!.id;

    const [status, approve, unknown, question] = await chat(
      "status",
      `approve oc-build ${id}`,
      "approve nosuch 7f3k",
      "what is Wingman?",
    );
    expect(status).toMatchObject({ state: "final", agentRan: false });
    expect(status?.text).toContain("oc-build");
    expect(status?.text).toContain(id);
    expect(approve).toMatchObject({ state: "final", agentRan: false });
    expect(approve?.text).toContain(`oc-build: approved once`);
    // No session of that name: not Wingman's to answer, so the host's assistant gets it (here the scripted model answers "ok").
    expect(unknown).toMatchObject({ agentRan: true });
    expect(question).toMatchObject({ agentRan: true });

    const proof = join(work, "approved-from-chat");
    for (const until = Date.now() + 20_000; !existsSync(proof) && Date.now() < until; )
      await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(proof)).toBe(true);

    // A CR inside /wm text: the host strips control characters from command arguments, or Wingman refuses
    // them (text rule); either way no second prompt is submitted and nothing runs.
    for (const until = Date.now() + 30_000; (await session("oc-build"))?.state !== "idle" && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 250));
    }
    const pwned = join(work, "pwned-by-cr");
    const [cr] = await chat(`/wm tell oc-build SAY hi\rRUN_BASH touch ${pwned}`);
    expect(cr).toMatchObject({ state: "final", agentRan: false });
    await new Promise((r) => setTimeout(r, 3000));
    const after = await session("oc-build");
    expect(after?.pending ?? null).toBeNull();
    expect(existsSync(pwned)).toBe(false);
    const [killed] = await chat("/wm kill oc-build");
    expect(killed?.text).toContain("oc-build killed");
  });

  it("the phone flow in a git repository: spawn (own worktree) → approve by id → changes → merge, each a chat message", async () => {
    // Waits on what happens, never on a clock: the monitor's notifications (its events.jsonl, the gateway's own
    // monitor writes it) and the mock API's records. The guards are hang guards for a loaded machine.
    const [spawned] = await chat(`/wm spawn oc-wt ${repo} RUN_BASH echo two >> notes.txt`);
    expect(spawned).toMatchObject({ state: "final", agentRan: false });
    expect(spawned?.text).toContain("oc-wt started");
    expect(spawned?.text).toContain(`worktree ${join(root, "repo.worktrees", "oc-wt")} on wingman/oc-wt (from main)`);
    const worktree = join(root, "repo.worktrees", "oc-wt");
    // The owner's phone gets the prompt with its options (a first note may go out before they are drawn).
    const asked = await monitorEvent(
      (n) => n.type === "approval_needed" && n.session === "oc-wt" && !!n.pending?.options?.length,
      "the Bash prompt's notification with its options",
    );
    expect(asked.text).toContain("oc-wt* needs approval");
    expect(asked.text).toContain("echo two >> notes.txt");
    expect(asked.text).toContain(`approve oc-wt ${asked.id}`);

    const results = () => mock!.requests.filter((r) => r.directive === "TOOL_RESULT" && r.doneAt !== undefined).length;
    const before = results();
    const [approved] = await chat(`approve oc-wt ${asked.id}`);
    expect(approved).toMatchObject({ state: "final", agentRan: false });
    expect(approved?.text).toContain("oc-wt: approved once");
    // The command ran in the worktree (the mock got its result), and the turn ended: "finished" says what the branch holds.
    await until(() => results() > before, "the command's result at the mock");
    const finished = await monitorEvent(
      (n) => n.type === "finished" && n.session === "oc-wt" && !!n.changes,
      "the finished notification",
    );
    expect(finished.text).toContain("0 files +0 −0 on wingman/oc-wt · 1 uncommitted");
    expect(await readFile(join(worktree, "notes.txt"), "utf8")).toBe("one\ntwo\n");
    expect(await readFile(join(repo, "notes.txt"), "utf8")).toBe("one\n");

    // Plain `changes` is read-only and claimed by Wingman; plain `merge` is never taken from plain text: the
    // assistant gets it, and the main checkout is unchanged.
    const [changes, plainMerge] = await chat("changes oc-wt", "merge oc-wt commit");
    expect(changes).toMatchObject({ state: "final", agentRan: false });
    expect(changes?.text).toContain("oc-wt*: 0 files +0 −0 on wingman/oc-wt · 1 uncommitted · 0 ahead, 0 behind main");
    expect(changes?.text).toContain("M notes.txt");
    // The next step it names is the one that works from chat: merge only through /wm.
    expect(changes?.text).toContain("Next: /wm changes oc-wt notes.txt · /wm merge oc-wt commit");
    expect(plainMerge).toMatchObject({ agentRan: true });
    expect(await readFile(join(repo, "notes.txt"), "utf8")).toBe("one\n");

    const [landed] = await chat("/wm merge oc-wt commit");
    expect(landed).toMatchObject({ state: "final", agentRan: false });
    expect(landed?.text).toContain(`oc-wt: wingman/oc-wt merged into main in ${repo}`);
    expect(landed?.text).toContain("first committed its uncommitted work");
    // The main checkout has the commit: its file, its log, nothing left over.
    expect(await readFile(join(repo, "notes.txt"), "utf8")).toBe("one\ntwo\n");
    expect(await git(repo, "log", "--format=%s", "main")).toBe(
      "Merge wingman/oc-wt (Wingman session oc-wt)\noc-wt: work from Wingman\nfirst",
    );
    expect(await git(repo, "status", "--porcelain")).toBe("");

    const [cleaned] = await chat("/wm kill oc-wt clean");
    expect(cleaned?.text).toContain("branch wingman/oc-wt deleted (merged)");
    expect(existsSync(worktree)).toBe(false);
  });

  it("adopts a Claude Code started by hand with /wm; a prompt is answered by id from chat; plain text adopts nothing", async () => {
    // Started by hand on the person's default server: plain tmux, no Wingman, no hooks.
    const personal = join(root, "tmux", `tmux-${process.getuid!()}`, "default");
    const wrapper = join(root, "claude-via-mock");
    await run("tmux", [
      "-S",
      personal,
      "-f",
      "/dev/null",
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
      wrapper,
      "--permission-mode",
      "default",
    ]);
    try {
      const [plain] = await chat("adopt default:hand:0.0 byhand");
      expect(plain).toMatchObject({ agentRan: true }); // not claimed from plain text: the assistant got it
      let listed: ChatReply | undefined;
      for (const until = Date.now() + 60_000; Date.now() < until; ) {
        [listed] = await chat("/wm adopt");
        if (listed?.text.includes("default:hand:0.0")) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(listed).toMatchObject({ state: "final", agentRan: false });
      expect(listed?.text).toContain("default:hand:0.0 · Claude Code");
      const [adopted] = await chat("/wm adopt default:hand:0.0 byhand");
      expect(adopted?.text).toContain("byhand adopted: Claude Code");
      let s = await session("byhand");
      for (const until = Date.now() + 60_000; s?.state !== "idle" && Date.now() < until; ) {
        await new Promise((r) => setTimeout(r, 250));
        s = await session("byhand");
      }
      expect(s).toMatchObject({ state: "idle" });
      const [told] = await chat("/wm tell byhand RUN_BASH touch adopted-from-chat");
      expect(told?.text).toContain("sent to byhand");
      for (const until = Date.now() + 60_000; !(s?.state === "waiting_approval" && s.pending) && Date.now() < until; ) {
        await new Promise((r) => setTimeout(r, 250));
        s = await session("byhand");
      }
      expect(s).toMatchObject({ state: "waiting_approval" });
      const [approve] = await chat(`/wm approve byhand ${s!.pending!.id}`);
      expect(approve?.text).toContain("byhand: approved once");
      const proof = join(work, "adopted-from-chat");
      for (const until = Date.now() + 20_000; !existsSync(proof) && Date.now() < until; )
        await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(proof)).toBe(true);
      const [kill] = await chat("/wm kill byhand");
      expect(kill?.text).toContain("release byhand");
      const [released] = await chat("/wm release byhand");
      expect(released?.text).toContain("byhand released");
      // The person's pane runs on.
      const panes = await run("tmux", ["-S", personal, "list-panes", "-a", "-F", "#{session_name} #{pane_dead}"]);
      expect(panes.stdout.trim()).toBe("hand 0");
    } finally {
      await run("tmux", ["-S", personal, "kill-server"]).catch(() => {});
    }
  });

  it("the assistant's acting tool runs for the owner (the web chat, no owner configured): past the door, the core answers", async () => {
    const [reply] = await chat(`WM_TOOL wingman_kill ${JSON.stringify({ session: "nosuch" })}`);
    expect(reply).toMatchObject({ agentRan: true });
    const results = model!.requests.flatMap((r) => r.toolResults);
    const result = JSON.parse(results.at(-1) ?? "{}") as { result?: { details: Record<string, unknown> } };
    expect(result.result?.details).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("the monitor's notification goes to OpenClaw's WhatsApp adapter; unlinked, the failure is logged and kept for retry", () => {
    // oc-build waited for approval above: the monitor in the gateway tried to tell the owner at once.
    expect(gateway?.log()).toMatch(
      /notification not delivered to whatsapp:\+15550001111 \(kept for retry\): No active WhatsApp Web listener/,
    );
    expect(gateway?.log()).not.toContain("no WhatsApp sending API");
    expect(gateway?.log()).not.toContain("requires a resolved runtime config");
  });
});

/** One line of the monitor's events.jsonl (the fields the tests read). */
interface MonitorLine {
  type: string;
  session?: string;
  id?: string;
  text: string;
  pending?: { options?: unknown[] };
  changes?: unknown;
}

/**
 * Waits until `ok()` holds, looking again every 200 ms (a look is a read of a small file or of this process's
 * memory, nothing that loads the machine). The limit is a hang guard, not a speed check.
 */
async function until(ok: () => boolean | Promise<boolean>, what: string, ms = HOST_HANG_MS / 2): Promise<void> {
  for (const end = Date.now() + ms; !(await ok()); ) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

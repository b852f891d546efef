// Wingman touches no tmux session it did not start, except an adopted pane, and that one only by reading it,
// answers and follow-ups (docs/adopt.md). A person's own server (a private TMUX_TMPDIR) holds an agent-looking
// pane, a second window and a second session; every tmux command Wingman runs is logged by a `tmux` shim first
// on PATH, and each one aimed at the person's server must be a read, or keys and text for the adopted pane's
// `%id`: nothing is created, killed, renamed or resized there, and no other pane gets a byte.
import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OWNER, type TempWingman, tempWingman } from "../../devkit/temp-wingman.js";
import { paneRuns } from "../../devkit/wait.js";

const run = promisify(execFile);

describe("an adopted pane is the only foreign pane Wingman touches, and only by reads, answers and follow-ups", () => {
  let t: TempWingman;
  let root: string;
  let socket: string;
  let log: string;
  let realTmux: string;
  const savedPath = process.env.PATH;
  const person = (...args: string[]) => run(realTmux, ["-S", socket, "-f", "/dev/null", ...args]);
  /** What a person would check: every window's session, index, name and size, and every pane's id and life. */
  const layout = async () =>
    (
      await person(
        "list-panes",
        "-a",
        "-F",
        "#{session_name}:#{window_index}.#{pane_index} #{window_name} #{window_width}x#{window_height} #{pane_id} #{pane_dead}",
      )
    ).stdout;
  /** The logged tmux argvs that name the person's socket. */
  const calls = async () =>
    (await readFile(log, "utf8").catch(() => ""))
      .split("\u001e")
      .filter(Boolean)
      .map((rec) => rec.split("\u001f").filter((_, i, a) => i < a.length - 1))
      .filter((argv) => argv.includes(socket));

  beforeAll(async () => {
    realTmux = (await run("sh", ["-c", "command -v tmux"])).stdout.trim();
    root = await mkdtemp(join(tmpdir(), "wm-adopted-sec-"));
    const dir = join(root, `tmux-${process.getuid!()}`);
    await mkdir(dir, { mode: 0o700 });
    socket = join(dir, "default");
    log = join(root, "tmux-calls.log");
    // The shim: each argv, fields split by U+001F, records by U+001E; then the real tmux.
    const bin = join(root, "bin");
    await mkdir(bin);
    await writeFile(
      join(bin, "tmux"),
      `#!/bin/sh\nfor a in "$@"; do printf '%s\\037' "$a" >> '${log}'; done\nprintf '\\036' >> '${log}'\nexec '${realTmux}' "$@"\n`,
    );
    await chmod(join(bin, "tmux"), 0o755);
    // "claude" here is cat under that name: its command line names a known agent, its screen echoes what it gets.
    await symlink("/bin/cat", join(bin, "claude"));
    await symlink("/bin/cat", join(bin, "notes"));
    process.env.PATH = `${bin}:${savedPath}`;
    t = await tempWingman({ env: { TMUX_TMPDIR: root } });
    // Windows named at creation (tmux does not rename them itself), so a changed name would be a rename.
    await person("new-session", "-d", "-s", "mine", "-n", "agent", "-x", "100", "-y", "30", "--", join(bin, "claude"));
    await person("new-window", "-t", "mine", "-n", "scratch", "--", join(bin, "notes"));
    await paneRuns(person, "mine:agent.0", "claude");
    await paneRuns(person, "mine:scratch.0", "notes");
    await person("new-session", "-d", "-s", "other", "-n", "wait", "-x", "90", "-y", "25", "--", "sleep", "600");
  });
  afterAll(async () => {
    process.env.PATH = savedPath;
    await person("kill-server").catch(() => {}); // this test's own server, by its socket
    await t?.cleanup();
    await rm(root, { recursive: true, force: true });
  });

  it("lists, adopts, reads, types a follow-up, refuses to kill, releases: reads and the adopted %id only", async () => {
    const before = await layout();
    const adoptedId = (await person("display-message", "-p", "-t", "mine:0.0", "#{pane_id}")).stdout.trim();

    const list = await t.wingman.adopt({}, OWNER);
    expect(list).toMatchObject({ ok: true, code: "adoptable" });
    expect(list.ok && list.code === "adoptable" && list.facts.panes.map((p) => p.target)).toEqual(["default:mine:0.0"]);
    const notAgent = await t.wingman.adopt({ target: "default:mine:1.0", session: "x" }, OWNER);
    expect(notAgent).toMatchObject({ ok: false, error: "refused", facts: { why: "not_an_agent" } });
    expect(notAgent.ok ? "" : String((notAgent.facts as { saw?: string }).saw)).toMatch(/notes$/);

    const a = await t.wingman.adopt({ target: "default:mine:0.0", session: "ad" }, OWNER);
    expect(a).toMatchObject({ ok: true, code: "adopted" });
    await t.wingman.status();
    const sent = await t.wingman.send("ad", "hello from wingman", { force: true }, OWNER);
    expect(sent.ok).toBe(true);
    await t.wingman.output("ad", 20);
    const k = await t.wingman.kill("ad", OWNER);
    expect(k).toMatchObject({ ok: false, error: "refused", facts: { why: "adopted", op: "kill" } });
    const r = await t.wingman.release("ad", OWNER);
    expect(r).toMatchObject({ ok: true, code: "unadopted", facts: { running: true } });

    // The person's server is as it was: same sessions, windows, names, sizes, panes alive.
    expect(await layout()).toBe(before);
    // The follow-up reached the adopted pane, and no other pane got a byte.
    expect((await person("capture-pane", "-p", "-t", adoptedId)).stdout).toContain("hello from wingman");
    expect((await person("capture-pane", "-p", "-t", "mine:1.0")).stdout.trim()).toBe("");

    const seen = await calls();
    expect(seen.length).toBeGreaterThan(0);
    for (const argv of seen) {
      const i = argv.indexOf("/dev/null");
      const sub = argv[i + 1];
      expect(["list-panes", "capture-pane", "send-keys"], argv.join(" ")).toContain(sub);
      if (sub === "capture-pane" || sub === "send-keys")
        expect(argv[argv.indexOf("-t") + 1], argv.join(" ")).toBe(adoptedId);
    }
    // And Wingman's own server never held the adopted pane.
    expect((await t.wingman.tmux.listPanes()).map((p) => p.session)).toEqual([]);
  });

  it("a pane id that comes back on a restarted server is another pane: the adopted session stays exited and gets nothing", async () => {
    const a = await t.wingman.adopt({ target: "default:mine:0.0", session: "ad2" }, OWNER);
    expect(a).toMatchObject({ ok: true, code: "adopted" });
    const oldId = (await person("display-message", "-p", "-t", "mine:0.0", "#{pane_id}")).stdout.trim();
    await person("kill-server");
    await new Promise((r) => setTimeout(r, 300));
    // A new server numbers its panes from %0 again: the same id, another program's pane.
    await person("new-session", "-d", "-s", "fresh", "-n", "agent", "--", join(root, "bin", "claude"));
    await paneRuns(person, "fresh:agent.0", "claude");
    const ids = (await person("list-panes", "-a", "-F", "#{pane_id}")).stdout.trim().split("\n");
    const [v] = await t.wingman.status("ad2");
    expect(v).toMatchObject({ state: "exited", stateReason: expect.stringMatching(/adopted pane is gone/) });
    const sent = await t.wingman.send("ad2", "not for you", { force: true }, OWNER);
    expect(sent.ok).toBe(false);
    for (const id of ids) expect((await person("capture-pane", "-p", "-t", id)).stdout).not.toContain("not for you");
    expect(ids).toContain(oldId); // the scenario itself: the very id the record keeps
    await t.wingman.release("ad2", OWNER);
  });
});

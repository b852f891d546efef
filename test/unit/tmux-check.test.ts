// The tmux version check and the reads that go out beside it (hosts/tmux.ts): a read may run while the
// check runs, but its result counts only once the check passed, and a command that changes the server
// waits for the check. A fake program runner records what would have run.
import { describe, expect, it } from "vitest";
import { type ProgramRunner, TmuxController } from "../../src/hosts/tmux.js";

function runner(version: () => Promise<{ exitCode: number; stdout: string } | "missing">) {
  const calls: string[] = [];
  const run: ProgramRunner = async (argv) => {
    if (argv[1] === "-V") {
      calls.push("tmux -V");
      const v = await version();
      if (v === "missing") throw Object.assign(new Error("spawn tmux ENOENT"), { notFound: true });
      return { ...v, stderr: "" };
    }
    calls.push(`tmux ${argv[argv.indexOf("/dev/null") + 1]}`);
    return { exitCode: 0, stdout: "", stderr: "" };
  };
  return { calls, run };
}

describe("tmux version check", () => {
  it("a read goes out beside the check, once; the check is not repeated", async () => {
    const r = runner(async () => ({ exitCode: 0, stdout: "tmux 3.4\n" }));
    const t = new TmuxController("/tmp/none.sock", r.run, async () => {});
    await t.snapshot(["a"]);
    await t.snapshot(["a"]);
    expect(r.calls).toEqual(["tmux -V", "tmux source-file", "tmux source-file"]);
    expect(t.version).toBe("tmux 3.4");
  });

  it("missing or too old: the read's result is not used, the error says what to install", async () => {
    const gone = new TmuxController("/tmp/none.sock", runner(async () => "missing").run, async () => {});
    await expect(gone.snapshot(["a"])).rejects.toThrow(/tmux is not installed: install tmux 3\.2 or later/);
    const old = new TmuxController(
      "/tmp/none.sock",
      runner(async () => ({ exitCode: 0, stdout: "tmux 2.9a\n" })).run,
      async () => {},
    );
    await expect(old.capture("=a:0.0")).rejects.toThrow(/tmux tmux 2\.9a is too old: Wingman needs tmux 3\.2 or later/);
  });

  it("a command that changes the server waits for the check, and does not run when it fails", async () => {
    let pass!: (v: { exitCode: number; stdout: string }) => void;
    const r = runner(() => new Promise((res) => (pass = res)));
    const t = new TmuxController("/tmp/none.sock", r.run, async () => {});
    const kill = t.killSession("a");
    await new Promise((res) => setTimeout(res, 20));
    // kill first reads the session's panes (their process groups): a read, out beside the check.
    expect(r.calls).toEqual(["tmux -V", "tmux list-panes"]);
    pass({ exitCode: 0, stdout: "tmux 3.4\n" });
    await kill;
    expect(r.calls).toEqual(["tmux -V", "tmux list-panes", "tmux kill-session"]);
    const failing = runner(async () => ({ exitCode: 0, stdout: "tmux 3.0\n" }));
    await expect(new TmuxController("/tmp/none.sock", failing.run, async () => {}).killSession("a")).rejects.toThrow(
      /too old/,
    );
    expect(failing.calls).not.toContain("tmux kill-session");
  });
});

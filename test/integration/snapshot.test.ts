// One tmux process reads the whole fleet (list + every screen), and still never lends one session's screen
// to another: each screen is attributed by a marker tmux fills in itself, a vanished session reads as null.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TmuxController } from "../../src/hosts/tmux.js";

describe("snapshot: the pane list and every screen in one tmux call (real tmux)", () => {
  let dir: string;
  let tmux: TmuxController;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-snap-"));
    tmux = new TmuxController(join(dir, "tmux.sock"));
  });
  afterEach(async () => {
    await tmux.killServer(); // our own socket only
    await rm(dir, { recursive: true, force: true });
  });

  async function session(name: string, says: string) {
    await tmux.newSession({
      name,
      workdir: dir,
      argv: ["sh", "-c", `printf '%s\\n' '${says}'; exec sleep 600`],
      width: 80,
      height: 10,
    });
  }
  async function until(ok: () => Promise<boolean>) {
    for (let i = 0; i < 100 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 20));
  }

  it("reads 200 sessions' screens with the list in one tmux process, each screen its own", async () => {
    for (let i = 0; i < 200; i++) await session(`s${i}`, `screen of s${i}`);
    const names = Array.from({ length: 200 }, (_, i) => `s${i}`);
    await until(async () => (await tmux.capture("=s199:0.0")).includes("screen of s199"));
    const before = tmux.spawned;
    const { panes, screens } = await tmux.snapshot(names);
    expect(tmux.spawned - before).toBe(1);
    expect(panes.map((p) => p.session).sort()).toEqual([...names].sort());
    for (const n of names) expect(screens.get(n)?.split("\n")[0]).toBe(`screen of ${n}`);
  });

  it("a session that vanished reads as null; the ones after it are still read, never shifted onto another", async () => {
    await session("a", "AAA");
    await session("b", "BBB");
    await session("c", "CCC");
    await until(async () => (await tmux.capture("=c:0.0")).includes("CCC"));
    await tmux.killSession("b");
    const before = tmux.spawned;
    const { panes, screens } = await tmux.snapshot(["a", "b", "c"]);
    expect(panes.map((p) => p.session).sort()).toEqual(["a", "c"]);
    expect(screens.get("a")?.split("\n")[0]).toBe("AAA");
    expect(screens.get("b")).toBeNull();
    expect(screens.get("c")?.split("\n")[0]).toBe("CCC");
    expect(tmux.spawned - before).toBe(1); // `source-file -` goes on past the command that failed
  });

  it("a renamed session is not read under its old name, nor is its screen given to the new name's reader", async () => {
    await session("old", "OLD SCREEN");
    await session("other", "OTHER");
    await until(async () => (await tmux.capture("=other:0.0")).includes("OTHER"));
    await tmux.run(["rename-session", "-t", "=old", "renamed"]);
    const { screens } = await tmux.snapshot(["old", "other"]);
    expect(screens.get("old")).toBeNull();
    expect(screens.get("other")?.split("\n")[0]).toBe("OTHER");
  });

  it("with no tmux server running: no panes, every screen null, no error", async () => {
    const { panes, screens } = await tmux.snapshot(["x"]);
    expect(panes).toEqual([]);
    expect(screens.get("x")).toBeNull();
  });
});

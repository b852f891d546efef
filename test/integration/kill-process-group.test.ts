// `kill` ends what the agent started, not only its pane. tmux's hang-up reaches the pane's process group as a
// SIGHUP, and a child that ignores it used to run on after "killed" (Gemini CLI's relaunched process did, for
// minutes: docs/gemini.md). Real tmux; the agent is the stand-in behind a wrapper that first starts a child
// ignoring SIGHUP in the same process group and writes the child's PID down.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { OWNER, STANDIN, type TempWingman, tempWingman } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("kill ends the agent's whole process group", () => {
  let t: TempWingman | undefined;
  let child = 0;
  let dir = "";
  afterEach(async () => {
    if (child && alive(child)) process.kill(child, "SIGKILL"); // by PID, if the product left it
    await t?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("a child that ignores the hang-up is gone once kill returns (within its 1 s grace)", async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-pgrp-"));
    const pidFile = join(dir, "child.pid");
    const wrapper = join(dir, "agent.sh");
    await writeFile(
      wrapper,
      [
        "#!/bin/sh",
        `"${process.execPath}" -e "process.on('SIGHUP',()=>{});setInterval(()=>{},1000)" &`,
        `echo $! > "${pidFile}"`,
        `exec "${process.execPath}" "${STANDIN}" "$@"`,
        "",
      ].join("\n"),
    );
    await chmod(wrapper, 0o755);
    t = await tempWingman({ command: wrapper });
    const work = join(t.root, "work");
    await mkdir(work);
    const started = await t.wingman.spawn({ session: "pgrp", workdir: work }, OWNER);
    expect(started.ok, say(started)).toBe(true);
    await expect.poll(() => readFile(pidFile, "utf8").catch(() => ""), { timeout: 10_000 }).toMatch(/^\d+\n$/);
    child = Number((await readFile(pidFile, "utf8")).trim());
    expect(alive(child)).toBe(true);

    const killed = await t.wingman.kill("pgrp", OWNER);
    expect(killed.ok, say(killed)).toBe(true);
    // kill has returned: the SIGHUP-proof child must be gone (or a zombie its parent has not reaped yet).
    const state = await readFile(`/proc/${child}/stat`, "utf8").catch(() => "gone");
    expect(state === "gone" || / Z /.test(state), state).toBe(true);
  });
});

// npm test installs the real hosts in the background (test/host/setup.sh --background); a host suite waits for its
// host's install through hostInstalled. What a person needs from it: a failed install fails the suite loudly, with
// the log's path, never a wait for nothing or a pass on a half-installed host.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hostInstalled } from "../host/installed.js";

describe("waiting for a host's background install", () => {
  let dir: string;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-host-install-"));
  });
  afterEach(async () => {
    if (child?.pid && child.exitCode === null) child.kill("SIGKILL");
    child = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it("no background install started (installed earlier): nothing to wait for", async () => {
    await expect(hostInstalled("openclaw", 5_000, dir)).resolves.toBeUndefined();
  });

  it("a failed install rejects with its exit status, the log's path and the log's end", async () => {
    await writeFile(join(dir, "openclaw.pid"), "999999\n");
    await writeFile(join(dir, "openclaw.status"), "1\n");
    await writeFile(join(dir, "openclaw.log"), "npm error code ETIMEDOUT\n");
    const err = await hostInstalled("openclaw", 5_000, dir).catch((e: Error) => e);
    expect(String(err)).toContain("the background install of openclaw failed (exit 1)");
    expect(String(err)).toContain(join(dir, "openclaw.log"));
    expect(String(err)).toContain("npm error code ETIMEDOUT");
  });

  it("an install still running is waited for, and its success lets the suite go on", async () => {
    child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    await writeFile(join(dir, "clawdbot.pid"), `${child.pid}\n`);
    let done = false;
    const waiting = hostInstalled("clawdbot", 30_000, dir).then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 1200));
    expect(done).toBe(false);
    await writeFile(join(dir, "clawdbot.status"), "0\n");
    await waiting;
    expect(done).toBe(true);
  });

  it("an install that died without writing its status rejects, naming its PID and log", async () => {
    child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((r) => child?.once("exit", r));
    await writeFile(join(dir, "clawdbot.pid"), `${child.pid}\n`);
    await expect(hostInstalled("clawdbot", 5_000, dir)).rejects.toThrow(
      `the background install of clawdbot (PID ${child.pid}) ended without an exit status; its log: ${join(dir, "clawdbot.log")}`,
    );
  });

  it("an install still going after the hang guard rejects instead of waiting on", async () => {
    child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    await writeFile(join(dir, "openclaw.pid"), `${child.pid}\n`);
    await expect(hostInstalled("openclaw", 1_000, dir)).rejects.toThrow(/still runs after 1 s; its log: /);
  });
});

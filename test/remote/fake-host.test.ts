// The fake-SSH-host kit checked the way its users rely on it: real OpenSSH into real namespaces, each host with
// its own hostname and $HOME, tmux reachable through the local home, down()/up() acting like a network cut.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type FakeSshHosts, fakeSshHosts, fakeSshUnavailable } from "../../devkit/fake-ssh-host.js";
import { until } from "../../devkit/wait.js";

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run a command to its end and keep everything it said. */
function runCmd(cmd: string, args: string[]): Promise<Ran> {
  const t0 = Date.now();
  const p = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  return ended(p, t0);
}

function ended(p: ChildProcess, t0 = Date.now()): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  p.stdout?.on("data", (d) => (stdout += d));
  p.stderr?.on("data", (d) => (stderr += d));
  return new Promise((resolve) => p.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 })));
}

/** Resolves when the command printed something (it is then running on the host). */
function firstOutput(p: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    p.stdout?.once("data", () => resolve());
    p.once("close", (code) => reject(new Error(`ended (${code}) before printing anything`)));
  });
}

/** Alive and not a zombie waiting to be reaped. */
async function alive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat !== "" && !/\) Z /.test(stat);
}

describe("fake SSH hosts (real OpenSSH + tmux)", () => {
  let kit: FakeSshHosts;
  let cleaned = false;
  const ssh = (alias: string, cmd: string, opts: string[] = []) =>
    runCmd("ssh", ["-F", kit.sshConfig, ...opts, alias, cmd]);
  const tmuxServers: number[] = [];

  beforeAll(async () => {
    const why = await fakeSshUnavailable();
    if (why) throw new Error(`fake SSH hosts cannot run here: ${why}`); // fail, never skip
    kit = await fakeSshHosts(["build", "gpu"]);
  });
  afterAll(async () => {
    if (kit && !cleaned) await kit.cleanup();
  });

  it("each host answers with its own hostname, and $HOME is /root backed by its own local folder", async () => {
    const marker = `fssh-marker-${process.pid}-${Date.now()}`;
    for (const [i, name] of ["build", "gpu"].entries()) {
      const h = kit.hosts[i]!;
      expect(h.alias).toBe(`fake-${name}`);
      const r = await ssh(h.alias, `hostname; echo $HOME; command -v tmux; echo from-${name} > ~/${marker}`);
      expect(r, r.stderr).toMatchObject({ code: 0, stderr: "" });
      expect(r.stdout).toBe(`${name}\n/root\n/usr/bin/tmux\n`);
      expect(await readFile(join(h.home, marker), "utf8")).toBe(`from-${name}\n`);
    }
    expect(existsSync(join("/root", marker))).toBe(false); // the real /root is untouched
  });

  it("a tmux server started on a host is reachable through the local home path", async () => {
    const [build, gpu] = kit.hosts;
    expect((await ssh(build!.alias, "tmux -S ~/t.sock new-session -d -s x sleep 100")).code).toBe(0);
    const local = await runCmd("tmux", [
      "-S",
      join(build!.home, "t.sock"),
      "display-message",
      "-p",
      "-t",
      "x",
      "#{session_name} #{pid}",
    ]);
    expect(local.code, local.stderr).toBe(0);
    const [session, pid] = local.stdout.trim().split(" ");
    expect(session).toBe("x");
    tmuxServers.push(Number(pid));
    // tmux's default socket lands in the host's home too, not in this machine's /tmp/tmux-0.
    expect(
      (await ssh(gpu!.alias, "tmux new-session -d -s y sleep 100 && tmux display-message -p '#{socket_path} #{pid}'"))
        .stdout,
    ).toMatch(/^\/root\/\.tmux-tmp\/tmux-0\/default \d+\n$/);
    const [sock] = (await readdir(join(gpu!.home, ".tmux-tmp", "tmux-0"))).filter((f) => f === "default");
    expect(sock).toBe("default");
    const y = await runCmd("tmux", [
      "-S",
      join(gpu!.home, ".tmux-tmp", "tmux-0", "default"),
      "display-message",
      "-p",
      "-t",
      "y",
      "#{pid}",
    ]);
    tmuxServers.push(Number(y.stdout.trim()));
  });

  it("down() refuses new connections and cuts a live ControlMaster; the host's tmux keeps running; up() restores it", async () => {
    const build = kit.hosts[0]!;
    const mux = ["-o", "ControlMaster=auto", "-o", `ControlPath=${join(kit.root, "cm-%n")}`, "-o", "ControlPersist=60"];
    // The master is ours, not the kit's: end it even if an assertion fails (down() should already have).
    onTestFinished(async () => void (await runCmd("ssh", ["-F", kit.sshConfig, ...mux, "-O", "exit", build.alias])));
    expect((await ssh(build.alias, "true", mux)).code).toBe(0);
    expect((await runCmd("ssh", ["-F", kit.sshConfig, ...mux, "-O", "check", build.alias])).code).toBe(0);
    // A long command through the master, already running on the host when the network goes.
    const live = spawn("ssh", ["-F", kit.sshConfig, ...mux, build.alias, "echo started; exec sleep 30"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const liveEnd = ended(live);
    await firstOutput(live);

    const t0 = Date.now();
    await build.down();
    const cut = await liveEnd;
    expect(cut.code).toBe(255);
    expect(Date.now() - t0).toBeLessThan(3000);
    const check = await until(
      () => runCmd("ssh", ["-F", kit.sshConfig, ...mux, "-O", "check", build.alias]),
      (r) => r.code !== 0,
      5000,
    );
    expect(check.code).not.toBe(0); // the master is gone with its connection
    const refused = await ssh(build.alias, "true");
    expect(refused.code).toBe(255);
    expect(refused.stderr).toContain("host down");
    expect(refused.ms).toBeLessThan(3000);
    expect((await ssh(build.alias, "true", mux)).code).toBe(255); // a new master cannot connect either
    // As on a real box whose network went away, what it started still runs.
    expect((await runCmd("tmux", ["-S", join(build.home, "t.sock"), "has-session", "-t", "x"])).code).toBe(0);
    expect((await ssh(kit.hosts[1]!.alias, "hostname")).stdout).toBe("gpu\n"); // the other host is unaffected

    await build.up();
    const back = await ssh(build.alias, "hostname; tmux -S ~/t.sock has-session -t x && echo tmux-alive");
    expect(back, back.stderr).toMatchObject({ code: 0, stdout: "build\ntmux-alive\n" });
  });

  it("cleanup() leaves no tmux server and no sshd -i running, and removes its folder", async () => {
    const gpu = kit.hosts[1]!;
    const live = spawn("ssh", ["-F", kit.sshConfig, gpu.alias, "echo started; exec sleep 30"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const liveEnd = ended(live);
    await firstOutput(live);
    const pidDir = join(kit.root, "gpu", "pids");
    // Recorded PIDs of connections that already ended may linger until the kit looks at them again.
    const sshds: number[] = [];
    for (const p of (await readdir(pidDir)).map(Number)) if (await alive(p)) sshds.push(p);
    expect(sshds).toHaveLength(1);
    expect(await readlink(`/proc/${sshds[0]}/exe`)).toBe("/usr/sbin/sshd");
    expect(tmuxServers).toHaveLength(2);
    for (const p of tmuxServers) expect(await alive(p)).toBe(true);

    await kit.cleanup();
    cleaned = true;
    expect((await liveEnd).code).toBe(255);
    for (const p of [...sshds, ...tmuxServers])
      expect(
        await until(
          () => alive(p),
          (a) => !a,
          3000,
        ),
        `pid ${p}`,
      ).toBe(false);
    expect(existsSync(kit.root)).toBe(false);
  });
});

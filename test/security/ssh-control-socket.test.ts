// Security: the SSH control socket. Whoever can put a socket where ssh looks for its ControlMaster receives
// every remote command and its stdin (the text typed to agents) and answers with a forged screen. The folder
// is checked when each ssh starts, not only when the connection object is built. The attacker's stand-in
// here is a Unix socket server at the exact path ssh would use; it counts the connections it gets.
//   the control folder is swapped for a symlink to the attacker's folder after construction → refused at use: "not a private folder … symlink"; the fake master gets no connection; no ssh is started
//   the control folder is replaced by a folder another user owns after construction         → refused at use ("owned by uid …"); no connection; no ssh started
//   the control folder is opened to others (0755) after construction                        → refused at use; no connection; no ssh started
//   the control folder is removed after construction (a tmp cleaner)                         → made again, private, at use; ssh runs
//   a state dir so long the socket path would pass the limit                                 → the socket goes under $XDG_RUNTIME_DIR (a folder only this user can enter), not a shared /tmp name
//   same, no XDG_RUNTIME_DIR                                                                 → the temp dir's wingman-<uid> folder, with the same checks at use (a symlink planted there is refused)
import { execFileSync } from "node:child_process";
import { chmod, chown, mkdir, mkdtemp, realpath, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SshConnection } from "../../src/hosts/ssh/connection.js";

/** What ssh makes of `ControlPath=<path>` for this destination (`%C` expanded), as `ssh -G` prints it. */
function expandedControlPath(path: string, config: string, dest: string): string {
  const out = execFileSync("ssh", ["-F", config, "-G", "-o", `ControlPath=${path}`, dest], { encoding: "utf8" });
  const line = out.split("\n").find((l) => l.startsWith("controlpath "));
  if (!line) throw new Error("ssh -G printed no controlpath");
  return line.slice("controlpath ".length);
}

/** A fake ControlMaster: accepts, counts, hangs up. */
async function fakeMaster(path: string): Promise<{ server: Server; connections: () => number }> {
  let n = 0;
  const server = createServer((s) => {
    n++;
    s.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, resolve);
  });
  return { server, connections: () => n };
}

describe("the SSH control socket's folder is checked at every use", () => {
  let root: string;
  let config: string;
  const servers: Server[] = [];
  const DEST = "wm-nowhere";

  beforeAll(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), "wm-ctl-")));
    // No network: the "host" is a ProxyCommand that fails at once (ssh exits 255), so a run that gets past
    // the checks fails as unreachable, and one that is refused never starts ssh at all.
    config = join(root, "ssh_config");
    await writeFile(config, `Host ${DEST}\n  ProxyCommand /bin/false\n  BatchMode yes\n`);
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** A connection whose control folder is `<case>/ssh`, and the attacker's folder with a master listening at the socket's name. */
  async function setUp(name: string) {
    const base = join(root, name);
    await mkdir(base);
    const controlDir = join(base, "ssh");
    const conn = new SshConnection("h", { ssh: DEST, sshConfig: config }, controlDir);
    const attacker = join(base, "evil");
    await mkdir(attacker);
    const leaf = basename(expandedControlPath(conn.controlPath, config, DEST));
    const master = await fakeMaster(join(attacker, leaf));
    servers.push(master.server);
    return { conn, controlDir, attacker, master };
  }

  it("swapped for a symlink to the attacker's folder after construction → refused, nothing reaches the fake master", async () => {
    const { conn, controlDir, attacker, master } = await setUp("symlink");
    await rm(controlDir, { recursive: true });
    await symlink(attacker, controlDir);
    await expect(conn.run(["tmux", "send-keys", "-t", "=s:0.0", "-l", "--", "secret text"])).rejects.toThrow(
      /not a private folder.*symlink/,
    );
    expect(master.connections()).toBe(0);
    expect(conn.calls).toBe(0);
  });

  it("replaced by a folder another user owns → refused, nothing sent", async () => {
    const { conn, controlDir, attacker, master } = await setUp("owner");
    await rm(controlDir, { recursive: true });
    await rename(attacker, controlDir);
    await chown(controlDir, 65534, 65534);
    await expect(conn.run(["true"])).rejects.toThrow(/not a private folder.*owned by uid 65534/);
    expect(master.connections()).toBe(0);
    expect(conn.calls).toBe(0);
  });

  it("opened to others (0755) after construction → refused, nothing sent", async () => {
    const { conn, controlDir, attacker, master } = await setUp("mode");
    await rm(controlDir, { recursive: true });
    await rename(attacker, controlDir);
    await chmod(controlDir, 0o755);
    await expect(conn.run(["true"])).rejects.toThrow(/not a private folder.*mode 755/);
    expect(master.connections()).toBe(0);
    expect(conn.calls).toBe(0);
  });

  it("removed after construction → made again (0700, this user's) at use, and ssh runs", async () => {
    const { conn, controlDir } = await setUp("gone");
    await rm(controlDir, { recursive: true });
    // The host is unreachable by design: what matters is that ssh was started, from a private folder.
    await expect(conn.run(["true"])).rejects.toThrow(/unreachable/);
    expect(conn.calls).toBe(1);
    const st = await stat(controlDir);
    expect(st.mode & 0o777).toBe(0o700);
    expect(st.uid).toBe(process.getuid?.());
  });

  describe("a state dir too long for a socket path", () => {
    const long = () => join(root, "x".repeat(60), "ssh");
    const saved = { XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR, TMPDIR: process.env.TMPDIR };
    afterEach(() => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    });

    it("→ the socket goes under $XDG_RUNTIME_DIR, in a folder only this user can enter", async () => {
      const runtime = join(root, "run-user");
      await mkdir(runtime, { mode: 0o700 });
      process.env.XDG_RUNTIME_DIR = runtime;
      const conn = new SshConnection("h", { ssh: DEST, sshConfig: config }, long());
      expect(dirname(conn.controlPath).startsWith(`${runtime}/`)).toBe(true);
      await expect(conn.run(["true"])).rejects.toThrow(/unreachable/);
      expect((await stat(dirname(conn.controlPath))).mode & 0o777).toBe(0o700);
    });

    it("no XDG_RUNTIME_DIR → the temp dir's wingman-<uid> folder, and a symlink planted there after construction is refused", async () => {
      delete process.env.XDG_RUNTIME_DIR;
      const tmp = join(root, "t");
      await mkdir(tmp);
      await chmod(tmp, 0o1777);
      process.env.TMPDIR = tmp;
      const conn = new SshConnection("h", { ssh: DEST, sshConfig: config }, long());
      const dir = dirname(conn.controlPath);
      expect(dir).toBe(join(tmp, `wingman-${process.getuid?.()}`));
      const attacker = join(root, "evil-tmp");
      await mkdir(attacker, { mode: 0o700 });
      const master = await fakeMaster(join(attacker, basename(expandedControlPath(conn.controlPath, config, DEST))));
      servers.push(master.server);
      await rm(dir, { recursive: true });
      await symlink(attacker, dir);
      await expect(conn.run(["true"])).rejects.toThrow(/not a private folder.*symlink/);
      expect(master.connections()).toBe(0);
      expect(conn.calls).toBe(0);
    });
  });
});

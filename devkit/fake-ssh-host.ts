// Fake SSH hosts on this one machine, made of real OpenSSH and real tmux (recipe: /work/shared/remote-ssh.md).
// No listening port: each connection's ProxyCommand runs its own `sshd -i` inside a fresh mount + UTS namespace,
// with the host's name and a private folder bind-mounted on /root, so the remote side sees its own box.
// Needs root (unshare, mount) and openssh-server; fakeSshUnavailable() says why not, for the test to fail with.
import { execFile } from "node:child_process";
import { constants, existsSync } from "node:fs";
import { access, chmod, mkdir, mkdtemp, readFile, readdir, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const SSHD = "/usr/sbin/sshd"; // absolute: sshd refuses to re-exec otherwise
const UNSHARE = "/usr/bin/unshare";

export interface FakeSshHost {
  /** The ssh alias ("Host" line) in sshConfig, e.g. "fake-build". */
  alias: string;
  /** The local folder that is this host's $HOME (/root inside its namespace, bind-mounted). */
  home: string;
  /** New connections fail ("host down", exit 255) and live ones are cut; the host's own processes (tmux) keep running. */
  down(): Promise<void>;
  /** Connections work again. */
  up(): Promise<void>;
}

export interface FakeSshHosts {
  hosts: FakeSshHost[];
  /** ssh_config for `ssh -F FILE alias …`; no ControlMaster/ControlPath (the code under test sets its own). */
  sshConfig: string;
  root: string;
  /** Kills the fake hosts' tmux servers (by their sockets under each home) and any recorded sshd -i, removes root. */
  cleanup(): Promise<void>;
}

/** POSIX single-quoting for the generated scripts (paths come from mkdtemp, but stay safe anyway). */
const sq = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Why fake hosts cannot run here, or null. Tests fail with this message, never skip. */
export async function fakeSshUnavailable(): Promise<string | null> {
  if (process.getuid?.() !== 0) return "fake SSH hosts need root (unshare -m and mount --bind onto /root)";
  for (const [bin, pkg] of [
    [SSHD, "openssh-server"],
    ["/usr/bin/ssh", "openssh-client"],
    ["/usr/bin/ssh-keygen", "openssh-client"],
    [UNSHARE, "util-linux"],
    ["/usr/bin/tmux", "tmux"],
  ]) {
    if (
      !(await access(bin!, constants.X_OK).then(
        () => true,
        () => false,
      ))
    )
      return `${bin} is missing (apt-get install ${pkg})`;
  }
  const probe = await mkdtemp(join(tmpdir(), "fssh-probe-"));
  try {
    // The same namespace trick the ProxyCommand uses, on a throwaway folder.
    await run(UNSHARE, [
      "-m",
      "-u",
      "--propagation",
      "private",
      "sh",
      "-c",
      `hostname fssh-probe && mount --bind ${sq(probe)} ${sq(probe)}`,
    ]);
    return null;
  } catch (e) {
    return `unshare -m -u + mount --bind is not permitted here: ${(e as { stderr?: string }).stderr?.trim() || String(e)}`;
  } finally {
    await rm(probe, { recursive: true, force: true });
  }
}

/**
 * The recorded PIDs that still are this host's connection, so a reused PID is never hit. Before sshd runs, the
 * command line names the host's folder; once sshd has set its process title ("sshd: root@notty") it no longer
 * does, but the process still has the host's home bind-mounted on /root.
 */
async function livePids(dir: string, home: string): Promise<number[]> {
  const out: number[] = [];
  for (const f of await readdir(join(dir, "pids")).catch(() => [] as string[])) {
    const cmd = await readFile(`/proc/${f}/cmdline`, "utf8").catch(() => "");
    const mounts = cmd ? await readFile(`/proc/${f}/mountinfo`, "utf8").catch(() => "") : "";
    if (cmd.includes(`${dir}/`) || mounts.includes(` ${home} /root `)) out.push(Number(f));
    else await rm(join(dir, "pids", f), { force: true }); // gone: forget it
  }
  return out;
}

/** Every process below `pids` (sshd's privsep and session children hold the pipe too; the daemonized tmux server has left). */
async function withChildren(pids: number[]): Promise<number[]> {
  const parent = new Map<number, number>();
  for (const f of await readdir("/proc")) {
    if (!/^\d+$/.test(f)) continue;
    const stat = await readFile(`/proc/${f}/stat`, "utf8").catch(() => "");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid) parent.set(Number(f), ppid);
  }
  const all = new Set(pids);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, pp] of parent) {
      if (all.has(pp) && !all.has(pid)) {
        all.add(pid);
        grew = true;
      }
    }
  }
  return [...all];
}

async function killAndWait(pids: number[], ms = 3000): Promise<void> {
  for (const p of pids) {
    try {
      process.kill(p, "SIGKILL");
    } catch {} // already gone
  }
  const end = Date.now() + ms;
  // A killed process stays in /proc as a zombie until its parent (ssh, or init) reaps it: count "Z" as gone.
  const alive = async (p: number) => !/\) Z /.test(await readFile(`/proc/${p}/stat`, "utf8").catch(() => ") Z "));
  while (Date.now() < end) {
    if (!(await Promise.all(pids.map(alive))).some(Boolean)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Sockets under `dir` (tmux servers started on the host, wherever it put them in its home). */
async function socketsUnder(dir: string): Promise<string[]> {
  const { stdout } = await run("find", [dir, "-type", "s"]).catch(() => ({ stdout: "" }));
  return stdout.split("\n").filter(Boolean);
}

export interface FakeSshHostOptions {
  /**
   * A login shell for root on some hosts (name → program, e.g. `{ fishy: "/usr/bin/fish" }`): that host's
   * namespace gets a copy of /etc/passwd, bind-mounted, in which root's shell is this one. sshd runs every
   * `ssh host cmd` as `<shell> -c cmd`, so the host parses commands as a box with that login shell would.
   */
  loginShell?: Record<string, string>;
  /** Per host, programs of this machine that host does not have (an empty, non-executable file is mounted over each there). */
  without?: Record<string, string[]>;
}

export async function fakeSshHosts(names: string[], opts: FakeSshHostOptions = {}): Promise<FakeSshHosts> {
  for (const n of names)
    if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(n)) throw new Error(`fake host name ${JSON.stringify(n)}: use [a-z0-9-]`);
  if (new Set(names).size !== names.length) throw new Error("fake host names must be distinct");
  const root = await realpath(await mkdtemp(join(tmpdir(), "fssh-")));
  // sshd -i chroots its pre-auth child there; the package's tmpfiles.d makes it only when the service runs.
  await mkdir("/run/sshd", { recursive: true, mode: 0o755 });
  const key = join(root, "id_ed25519");
  const keygen = (f: string) => run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "fake-ssh", "-f", f]);
  await Promise.all([
    keygen(key),
    ...names.map((n) =>
      mkdir(join(root, n, "pids"), { recursive: true }).then(() => keygen(join(root, n, "host_ed25519"))),
    ),
  ]);
  await writeFile(join(root, "authorized_keys"), await readFile(`${key}.pub`));
  await chmod(key, 0o600); // ssh ignores a private key others can read

  const known: string[] = [];
  const blocks: string[] = [];
  const hosts: FakeSshHost[] = [];
  const pidDirs: [string, string][] = [];
  for (const name of names) {
    const dir = join(root, name);
    const home = join(dir, "home");
    const alias = `fake-${name}`;
    const config = join(dir, "sshd_config");
    const flag = join(dir, "down");
    const pids = join(dir, "pids");
    await mkdir(join(home, ".tmux-tmp"), { recursive: true });
    // Debian's bash sources ~/.bashrc even for `ssh host cmd`: keep both empty so commands are fast and print nothing.
    await writeFile(join(home, ".bashrc"), "");
    await writeFile(join(home, ".profile"), "");
    await writeFile(
      config,
      [
        `HostKey ${join(dir, "host_ed25519")}`,
        `AuthorizedKeysFile ${join(root, "authorized_keys")}`,
        "PermitRootLogin prohibit-password",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "StrictModes no", // the keys live under /tmp (1777)
        "PrintMotd no",
        "PrintLastLog no",
        "X11Forwarding no",
        "Subsystem sftp internal-sftp",
        // tmux's default socket dir is /tmp/tmux-0, shared with this machine and the other fake hosts: keep it per host.
        "SetEnv TMUX_TMPDIR=/root/.tmux-tmp",
        "",
      ].join("\n"),
    );
    let passwd = "";
    const shell = opts.loginShell?.[name];
    if (shell) {
      if (!/^\/[A-Za-z0-9_./-]+$/.test(shell))
        throw new Error(`login shell ${JSON.stringify(shell)}: give an absolute path`);
      const lines = (await readFile("/etc/passwd", "utf8")).split("\n");
      const file = join(dir, "passwd");
      await writeFile(
        file,
        lines.map((l) => (l.startsWith("root:") ? `${l.split(":").slice(0, 6).join(":")}:${shell}` : l)).join("\n"),
        { mode: 0o644 },
      );
      passwd = ` && mount --bind ${sq(file)} /etc/passwd`;
    }
    // Programs this host lacks: hidden in its own mount namespace only (`command -v` skips a file that is not executable).
    const hide: string[] = [];
    for (const prog of opts.without?.[name] ?? []) {
      const { stdout } = await run("sh", ["-c", 'command -v -- "$1" || true', "sh", prog]);
      const path = stdout.trim();
      if (path.startsWith("/")) hide.push(` && mount --bind ${sq(join(root, "absent"))} ${sq(path)}`);
    }
    if (hide.length) await writeFile(join(root, "absent"), "", { mode: 0o644 });
    const inner = `hostname ${name} && mount --bind ${sq(home)} /root${passwd}${hide.join("")} && exec ${SSHD} -i -f ${sq(config)} -o LogLevel=ERROR`;
    const proxy = join(dir, "proxy.sh");
    // PID first, flag second (down() does the reverse), so a connection racing down() is either refused or killed.
    // `exec` keeps the PID all the way to sshd, so killing it (and its children) cuts the connection.
    await writeFile(
      proxy,
      [
        "#!/bin/sh",
        `# ProxyCommand of fake SSH host ${name}: a private sshd -i in its own mount+UTS namespace.`,
        `: > ${sq(pids)}/$$`,
        `if [ -e ${sq(flag)} ]; then rm -f ${sq(pids)}/$$; echo "host down" >&2; exit 1; fi`,
        `exec ${UNSHARE} -m -u --propagation private sh -c ${sq(inner)}`,
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
    known.push(`${alias} ${(await readFile(join(dir, "host_ed25519.pub"), "utf8")).split(" ").slice(0, 2).join(" ")}`);
    blocks.push(
      [
        `Host ${alias}`,
        `  HostName ${name}`,
        "  User root",
        `  HostKeyAlias ${alias}`,
        `  UserKnownHostsFile ${join(root, "known_hosts")}`,
        "  StrictHostKeyChecking yes",
        `  IdentityFile ${key}`,
        "  IdentitiesOnly yes",
        "  BatchMode yes",
        "  LogLevel ERROR",
        "  KexAlgorithms curve25519-sha256", // the 9.2 default (sntrup761) costs ~55 ms more per connection
        `  ProxyCommand ${proxy}`,
        "",
      ].join("\n"),
    );
    pidDirs.push([dir, home]);
    hosts.push({
      alias,
      home,
      async down() {
        await writeFile(flag, "");
        await killAndWait(await withChildren(await livePids(dir, home)));
      },
      async up() {
        await rm(flag, { force: true });
      },
    });
  }
  await writeFile(join(root, "known_hosts"), known.join("\n") + "\n");
  const sshConfig = join(root, "ssh_config");
  await writeFile(sshConfig, blocks.join("\n"));

  return {
    hosts,
    sshConfig,
    root,
    async cleanup() {
      for (const h of hosts) {
        for (const s of await socketsUnder(h.home)) await run("tmux", ["-S", s, "kill-server"]).catch(() => {}); // our own sockets
      }
      const left = await Promise.all(pidDirs.map(([d, h]) => livePids(d, h)));
      await killAndWait(await withChildren(left.flat()));
      if (existsSync(root)) await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

// One SSH connection per configured host: every command Wingman runs there is a fixed argv, encoded into the
// one command line ssh hands to the remote login shell so that no shell's quoting rules matter
// (remote-command.ts), over a ControlMaster that the first command opens
// and the rest reuse (one TCP connection, one login, per host). BatchMode: a password or host-key question is
// an error that says what to run, never a hang. After a failure to connect, calls fail fast until a backoff
// (1 s doubling to 16 s) has passed, so a host that is down costs nothing per refresh.
import { lstatSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { hostUnreachable } from "../../api/errors.js";
import { runProgram } from "../run.js";
import type { RunResult } from "../tmux.js";
import { remoteCommand } from "./remote-command.js";

export interface SshTarget {
  /** `user@box` or an alias from the ssh config. */
  ssh: string;
  /** An ssh config file (`ssh -F FILE`). */
  sshConfig?: string;
}

/** ssh exits 255 when it could not connect (or the connection broke); remote programs' own codes pass through. */
const SSH_FAILED = 255;
const BACKOFF_MS = [1000, 2000, 4000, 8000, 16000];
/** A Unix socket path longer than this is refused by the kernel (108 bytes, with room for ssh's temp suffix). */
const MAX_SOCKET_PATH = 100;

/**
 * POSIX single quotes, for command lines shown to a person for THIS machine's shell (checkCommand). Not for
 * a remote login shell: fish reads `\'` inside single quotes as an escape (remoteCommand is for that).
 */
export function shQuote(s: string): string {
  return /^[A-Za-z0-9_./=:@%+,-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/** A destination ssh would read as an option, or that holds a space or control character, is refused. */
export function checkDestination(ssh: string): string | null {
  if (!ssh || ssh.startsWith("-")) return "must not be empty or start with -";
  if (/[\s\u0000-\u001f\u007f]/.test(ssh)) return "must not contain spaces or control characters";
  return null;
}

/**
 * Where the control socket goes: `controlDir` (`<state>/ssh`) when the socket path fits; else a folder of
 * this user's under $XDG_RUNTIME_DIR (made by the login manager, 0700, this user's alone); else
 * `wingman-<uid>` in the temp dir ($TMPDIR, then /tmp). The last can be made by anyone first, which is why
 * every use checks it (checkControlDir).
 */
function controlFolder(controlDir: string, leaf: string): string {
  const fits = (dir: string) => join(dir, leaf).length + 40 <= MAX_SOCKET_PATH;
  if (fits(controlDir)) return controlDir;
  const uid = process.getuid?.() ?? "u";
  const runtime = process.env.XDG_RUNTIME_DIR;
  const candidates = [
    ...(runtime?.startsWith("/") ? [join(runtime, "wingman-ssh")] : []),
    join(tmpdir(), `wingman-${uid}`),
    join("/tmp", `wingman-${uid}`),
  ];
  return candidates.find(fits) ?? candidates[candidates.length - 1]!;
}

/** Why `dir` is not a folder only this user can use (lstat: a symlink is refused, never followed), or null. */
export function privateFolderProblem(dir: string): string | null {
  const uid = process.getuid?.();
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(dir);
  } catch (e) {
    return `it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
  }
  if (st.isSymbolicLink()) return "it is a symlink";
  if (!st.isDirectory()) return "it is not a folder";
  if (uid !== undefined && st.uid !== uid) return `it is owned by uid ${st.uid}, not by you (uid ${uid})`;
  if (st.mode & 0o077) return `others have access to it (mode ${(st.mode & 0o777).toString(8)})`;
  // A parent others may write to, without the sticky bit, lets them rename this folder away and put theirs.
  const parent = lstatSync(dirname(dir), { throwIfNoEntry: false });
  if (parent && parent.mode & 0o022 && !(parent.mode & 0o1000)) {
    return `its parent ${dirname(dir)} lets others replace it (mode ${(parent.mode & 0o7777).toString(8)})`;
  }
  return null;
}

export class SshConnection {
  /** A call has gone through since the last failure (a master is up). */
  private connected = false;
  /** The first call on a cold host, which the others wait for. */
  private opening: Promise<RunResult> | null = null;
  private failures = 0;
  private retryAt = 0;
  private lastError = "";
  /** ssh processes started (benchmarks: calls per refresh). */
  calls = 0;
  readonly controlPath: string;
  /** The folder of the control socket: `<state>/ssh`, or a short private one when that path is too long. */
  readonly controlDir: string;

  constructor(
    readonly hostName: string,
    readonly target: SshTarget,
    controlDir: string,
  ) {
    const problem = checkDestination(target.ssh);
    if (problem)
      throw hostUnreachable(`host ${hostName}: ssh destination ${JSON.stringify(target.ssh.slice(0, 60))} ${problem}`);
    // `%C` is ssh's hash of (local host, remote host, port, user); the host's own name in front keeps two
    // hosts from ever sharing a master, even when both resolve to the same address (a fake host, a jump box).
    const leaf = `${hostName}-%C`;
    this.controlDir = controlFolder(controlDir, leaf);
    this.controlPath = join(this.controlDir, leaf);
    this.checkControlDir();
  }

  /**
   * The control socket is a login to the host: whoever can put a socket at its path receives every command
   * and its stdin, and answers with screens of their choosing. So before EVERY ssh start (not once, at
   * construction: a folder can be swapped in between), the folder must be a real folder (lstat: never a
   * symlink), this user's, and closed to others; a missing one is made again, private. Its parent must not
   * let others rename it away (owner's, or sticky like /tmp).
   */
  private checkControlDir(): void {
    const dir = this.controlDir;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST")
        throw this.notPrivate(`it cannot be made: ${(e as Error).message}`);
    }
    const why = privateFolderProblem(dir);
    if (why) throw this.notPrivate(why);
  }

  private notPrivate(why: string) {
    return hostUnreachable(
      `host ${this.hostName}: ${this.controlDir} (for its ssh control socket) is not a private folder of this user: ${why}; nothing was sent. Remove it, or set a shorter state dir`,
    );
  }

  /** `ssh -F …` and the options every call shares. */
  baseArgs(): string[] {
    return [
      ...(this.target.sshConfig ? ["-F", this.target.sshConfig] : []),
      "-o",
      "BatchMode=yes",
      "-o",
      "ControlMaster=auto",
      "-o",
      `ControlPath=${this.controlPath}`,
      "-o",
      "ControlPersist=600",
      "-o",
      "ServerAliveInterval=15",
      "-o",
      "ServerAliveCountMax=3",
      "-o",
      "ConnectTimeout=10",
      "-o",
      "LogLevel=ERROR",
    ];
  }

  /**
   * ssh's argv for a long-lived command over this host's master only (the same shell-independent line as run()): `ControlMaster=no` uses the master, and
   * a ProxyCommand that fails keeps ssh from opening a second connection when there is none (options given
   * first win, so these override the ones below and the user's ssh config).
   */
  streamArgs(argv: string[]): string[] {
    this.checkControlDir(); // as before every ssh start: the socket's folder must still be this user's alone
    return [
      "-o",
      "ControlMaster=no",
      "-o",
      "ProxyCommand=false",
      ...this.baseArgs(),
      "-T",
      "--",
      this.target.ssh,
      remoteCommand(argv),
    ];
  }

  /** What a person runs to check the connection by hand. */
  checkCommand(): string {
    return ["ssh", ...(this.target.sshConfig ? ["-F", this.target.sshConfig] : []), this.target.ssh, "true"]
      .map(shQuote)
      .join(" ");
  }

  /**
   * Run `argv` there; `input` goes to its stdin. Throws host_unreachable when ssh itself failed. Until a call
   * has gone through, calls wait for the one in flight: with ControlMaster=auto, calls that start together on
   * a cold host would each open a connection of their own instead of sharing the first one's master.
   */
  async run(argv: string[], input?: string): Promise<RunResult> {
    if (!this.connected) {
      if (this.opening) await this.opening.catch(() => {});
      else {
        const first = this.exec(argv, input);
        this.opening = first;
        try {
          return await first;
        } finally {
          this.opening = null;
        }
      }
    }
    return this.exec(argv, input);
  }

  private async exec(argv: string[], input?: string): Promise<RunResult> {
    if (Date.now() < this.retryAt) throw this.unreachable(this.lastError);
    this.checkControlDir();
    this.calls++;
    const command = remoteCommand(argv);
    const r = await runProgram("ssh", [...this.baseArgs(), "-T", "--", this.target.ssh, command], {
      input: input ?? "",
      timeoutMs: 60_000,
    });
    const stderr = r.stderr;
    if (r.exitCode === null || (r.exitCode === SSH_FAILED && !stderr.startsWith("tmux"))) {
      this.failures++;
      this.connected = false;
      this.retryAt = Date.now() + BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length) - 1]!;
      this.lastError = (stderr.trim().split("\n").pop() ?? "") || (r.failure ?? `ssh exit ${r.exitCode}`);
      throw this.unreachable(this.lastError);
    }
    this.failures = 0;
    this.retryAt = 0;
    this.connected = true;
    return { exitCode: r.exitCode, stdout: r.stdout, stderr };
  }

  private unreachable(why: string) {
    return hostUnreachable(
      `host ${this.hostName} (${this.target.ssh}) is unreachable: ${why.slice(0, 200)}. Check it with: ${this.checkCommand()}`,
    );
  }

  /** Whether the last call failed to connect (and calls are held back until the backoff has passed). */
  get down(): boolean {
    return this.failures > 0;
  }

  /** Ends the ControlMaster, if one runs. */
  async close(): Promise<void> {
    try {
      this.checkControlDir();
    } catch {
      return; // nothing of ours can be listening in a folder that is not ours
    }
    await runProgram("ssh", [...this.baseArgs(), "-O", "exit", "--", this.target.ssh], { timeoutMs: 5000 });
  }
}

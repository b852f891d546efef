// One SSH connection per configured host: every command Wingman runs there is a fixed argv, POSIX-quoted into
// the one command line ssh hands to the remote login shell, over a ControlMaster that the first command opens
// and the rest reuse (one TCP connection, one login, per host). BatchMode: a password or host-key question is
// an error that says what to run, never a hang. After a failure to connect, calls fail fast until a backoff
// (1 s doubling to 16 s) has passed, so a host that is down costs nothing per refresh.
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { hostUnreachable } from "../../api/errors.js";
import type { RunResult } from "../tmux.js";

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

/** POSIX single quotes: every byte stays itself in sh, bash, dash, zsh (and fish) alike. */
export function shQuote(s: string): string {
  return /^[A-Za-z0-9_./=:@%+,-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/** A destination ssh would read as an option, or that holds a space or control character, is refused. */
export function checkDestination(ssh: string): string | null {
  if (!ssh || ssh.startsWith("-")) return "must not be empty or start with -";
  if (/[\s\u0000-\u001f\u007f]/.test(ssh)) return "must not contain spaces or control characters";
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

  constructor(
    readonly hostName: string,
    readonly target: SshTarget,
    controlDir: string,
  ) {
    const problem = checkDestination(target.ssh);
    if (problem) throw hostUnreachable(`host ${hostName}: ssh destination ${JSON.stringify(target.ssh.slice(0, 60))} ${problem}`);
    // `%C` is ssh's hash of (local host, remote host, port, user); the host's own name in front keeps two
    // hosts from ever sharing a master, even when both resolve to the same address (a fake host, a jump box).
    const leaf = `${hostName}-%C`;
    const dir = join(controlDir, leaf).length + 40 > MAX_SOCKET_PATH ? join("/tmp", `wingman-${process.getuid?.() ?? "u"}`) : controlDir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // A folder in /tmp can be made by anyone first: the control socket is a login to the host, so the folder
    // must be this user's and closed to others.
    const st = statSync(dir);
    if (st.uid !== process.getuid?.() || (st.mode & 0o077) !== 0) {
      throw hostUnreachable(`host ${hostName}: ${dir} (for its ssh control socket) is not a private folder of this user; remove it or set a shorter state dir`);
    }
    this.controlPath = join(dir, leaf);
  }

  /** `ssh -F …` and the options every call shares. */
  baseArgs(): string[] {
    return [
      ...(this.target.sshConfig ? ["-F", this.target.sshConfig] : []),
      "-o", "BatchMode=yes",
      "-o", "ControlMaster=auto",
      "-o", `ControlPath=${this.controlPath}`,
      "-o", "ControlPersist=600",
      "-o", "ServerAliveInterval=15",
      "-o", "ServerAliveCountMax=3",
      "-o", "ConnectTimeout=10",
      "-o", "LogLevel=ERROR",
    ];
  }

  /**
   * ssh's argv for a long-lived command over this host's master only: `ControlMaster=no` uses the master, and
   * a ProxyCommand that fails keeps ssh from opening a second connection when there is none (options given
   * first win, so these override the ones below and the user's ssh config).
   */
  streamArgs(argv: string[]): string[] {
    return ["-o", "ControlMaster=no", "-o", "ProxyCommand=false", ...this.baseArgs(), "-T", "--", this.target.ssh, argv.map(shQuote).join(" ")];
  }

  /** What a person runs to check the connection by hand. */
  checkCommand(): string {
    return ["ssh", ...(this.target.sshConfig ? ["-F", this.target.sshConfig] : []), this.target.ssh, "true"].map(shQuote).join(" ");
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
    this.calls++;
    const command = argv.map(shQuote).join(" ");
    const r = await execa("ssh", [...this.baseArgs(), "-T", "--", this.target.ssh, command], {
      reject: false,
      input: input ?? "",
      stripFinalNewline: false,
      timeout: 60_000,
    });
    const stderr = String(r.stderr ?? "");
    if (r.exitCode === undefined || (r.exitCode === SSH_FAILED && !stderr.startsWith("tmux"))) {
      this.failures++;
      this.connected = false;
      this.retryAt = Date.now() + BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length) - 1]!;
      this.lastError = (stderr.trim().split("\n").pop() ?? "") || String(r.shortMessage ?? `ssh exit ${r.exitCode}`);
      throw this.unreachable(this.lastError);
    }
    this.failures = 0;
    this.retryAt = 0;
    this.connected = true;
    return { exitCode: r.exitCode, stdout: String(r.stdout ?? ""), stderr };
  }

  private unreachable(why: string) {
    return hostUnreachable(`host ${this.hostName} (${this.target.ssh}) is unreachable: ${why.slice(0, 200)}. Check it with: ${this.checkCommand()}`);
  }

  /** Whether the last call failed to connect (and calls are held back until the backoff has passed). */
  get down(): boolean {
    return this.failures > 0;
  }

  /** Ends the ControlMaster, if one runs. */
  async close(): Promise<void> {
    await execa("ssh", [...this.baseArgs(), "-O", "exit", "--", this.target.ssh], { reject: false, timeout: 5000 });
  }
}

// Longer than 300 lines: the SSH host implements the whole PaneHost interface over one connection; each method is a
// fixed remote program and its parsing.
// Another machine, reached over SSH: its own Wingman tmux server and state dir, driven through one
// connection (connection.ts) with fixed programs and quoted argv; text to type goes on stdin. A refresh costs
// one round trip per host: the pane list, the screens, and the session's signal files (with the deletion of
// the ones already folded) come back from one remote `sh` that runs tmux and then prints the files.
import { randomBytes } from "node:crypto";
import { posix } from "node:path";
import { failed } from "../../api/errors.js";
import type { PaneStatus, SignalFile } from "../../api/types.js";
import type { HostHint, HostProbe, HostWatch, NewPane, RemoteHost, WatchOptions } from "../host.js";
import { TmuxPanes } from "../local.js";
import { isSignalName, signalsFrom } from "../signal-files.js";
import { exactSession, TmuxController } from "../tmux.js";
import { type SshTarget, SshConnection } from "./connection.js";
import { remoteCommand } from "./remote-command.js";
import { HostStream } from "./stream.js";

export interface SshHostSettings extends SshTarget {
  /** Wingman's state dir there: absolute or `~/…`; default `${XDG_STATE_HOME:-~/.local/state}/claude-code-wingman`. */
  stateDir?: string;
  /** Variables set for the agents there; a PATH here is also where programs are looked for. */
  env?: Record<string, string>;
}

/** Names Wingman gives sessions; checked again here because they go into a remote `for` list. */
const SESSION = /^[a-z0-9][a-z0-9-]*$/;
/** A signal snapshot older than this is not served (the next read goes to the host). */
const FRESH_MS = 2000;

// `sh -c` scripts: fixed text, values only as positional arguments ($1…), so nothing a user typed is ever
// parsed by the remote shell. Each is a constant of this module.
const READY = `d=$1
case $d in "") d=\${XDG_STATE_HOME:-$HOME/.local/state}/claude-code-wingman ;; "~") d=$HOME ;; "~/"*) d=$HOME/\${d#"~/"} ;; esac
umask 077; mkdir -p "$d/events" && cd "$d" && pwd -P`;
/** Delete folded files ($4: "session/file …"), run the rest of argv (tmux, or nothing), then print the signal files of the sessions in $3. */
const DUMP = `dir=$1; mark=$2; list=$3; prune=$4; shift 4
for p in $prune; do rm -f -- "$dir/$p"; done
rc=0; if [ $# -gt 0 ]; then "$@"; rc=$?; fi
for s in $list; do
  for f in "$dir/$s"/*.json; do
    [ -f "$f" ] || continue
    printf '%s%s/%s%s\\n' "$mark" "$s" "\${f##*/}" "$mark"; cat -- "$f"
  done
done
exit $rc`;
/** Atomic and owner-only; a file that already holds these bytes is left as it is (no rename under a running hook). */
const WRITE = `umask 077; mkdir -p -- "\${1%/*}" && t="$1.tmp.$$" && cat >"$t" || exit 1
if cmp -s -- "$t" "$1"; then rm -f -- "$t"; else mv -f -- "$t" "$1"; fi`;
const RESET = `umask 077; rm -rf -- "$1" && mkdir -p -- "$1"`;
// A PATH from the host's `env` comes on stdin, not as an argument: no value of `hosts.<name>.env` is ever on
// a command line (there, or in this machine's ssh).
const HAS = `IFS= read -r x; [ -n "$x" ] && PATH=$x; command -v -- "$1" >/dev/null 2>&1`;
/** Runs "$@" with the PATH read from stdin's first line; the rest of stdin is the program's (sh reads byte by byte). */
const WITH_PATH = `IFS= read -r x; [ -n "$x" ] && PATH=$x && export PATH; exec "$@"`;
const REALDIR = `case $1 in "~") d=$HOME ;; "~/"*) d=$HOME/\${1#"~/"} ;; *) d=$1 ;; esac; cd -- "$d" 2>/dev/null && pwd -P`;
const PROBE = `IFS= read -r x; [ -n "$x" ] && PATH=$x; exec </dev/null; tmux -V 2>/dev/null || echo; t=; command -v timeout >/dev/null 2>&1 && t="timeout 15"
for p; do
  if command -v -- "$p" >/dev/null 2>&1; then v=$($t "$p" --version </dev/null 2>/dev/null | head -n 1); printf '%s\\n' "\${v:-?}"; else echo; fi
done`;

export class SshHost implements RemoteHost {
  readonly kind = "ssh";
  readonly conn: SshConnection;
  private state: Promise<{ dir: string; panes: TmuxPanes }> | null = null;
  private resolved: { dir: string; panes: TmuxPanes } | null = null;
  /** Signal files that came back with the last snapshot, per session, not yet handed out. */
  private cached = new Map<string, { at: number; files: Array<{ name: string; text: string }> }>();
  /** Files already folded, deleted at the start of the next call. */
  private toPrune = new Map<string, Set<string>>();

  constructor(
    readonly name: string,
    private readonly settings: SshHostSettings,
    controlDir: string,
  ) {
    this.conn = new SshConnection(name, settings, controlDir);
  }

  get address(): string {
    return this.settings.ssh;
  }

  get calls(): number {
    return this.conn.calls;
  }

  /** Resolves the state dir there (made owner-only) once; every other call waits for it. */
  ready(): Promise<{ dir: string; panes: TmuxPanes }> {
    this.state ??= (async () => {
      const r = await this.conn.run(["sh", "-c", READY, "sh", this.settings.stateDir ?? ""]);
      const dir = r.stdout.replace(/\n$/, "");
      if (r.exitCode !== 0 || !dir.startsWith("/") || dir.includes("\n")) {
        throw failed(
          `host ${this.name}: cannot make Wingman's state dir there: ${r.stderr.trim() || dir || `exit ${r.exitCode}`}`,
        );
      }
      const tmux = new TmuxController(
        posix.join(dir, "tmux.sock"),
        (argv, input) => this.conn.run(argv, input),
        async () => {},
      );
      this.resolved = { dir, panes: new TmuxPanes(tmux, this.name, true) };
      return this.resolved;
    })().catch((e) => {
      this.state = null; // try again next time (the host may be back)
      throw e;
    });
    return this.state;
  }

  private get dir(): string {
    if (!this.resolved) throw failed(`host ${this.name}: not connected yet`);
    return this.resolved.dir;
  }

  // ---- panes ----

  async listPanes(): Promise<PaneStatus[]> {
    return (await this.ready()).panes.listPanes();
  }

  async snapshot(
    sessions: string[],
    opts?: { escapes?: ReadonlySet<string> },
  ): Promise<{ panes: PaneStatus[]; screens: Map<string, string | null> }> {
    const { panes } = await this.ready();
    const names = sessions.filter((s) => SESSION.test(s));
    return panes.tmux.snapshot(sessions, (argv, input) => this.dump(names, argv, input), opts);
  }

  async capture(session: string, opts?: { history?: number; escapes?: boolean }): Promise<string> {
    return (await this.ready()).panes.capture(session, opts);
  }

  async newSession(o: NewPane): Promise<PaneStatus> {
    return (await this.ready()).panes.newSession(o);
  }

  async typeText(session: string, text: string): Promise<void> {
    return (await this.ready()).panes.typeText(session, text);
  }

  async sendKeys(session: string, ...keys: string[]): Promise<void> {
    return (await this.ready()).panes.sendKeys(session, ...keys);
  }

  async killSession(session: string): Promise<boolean> {
    return (await this.ready()).panes.killSession(session);
  }

  async hasSession(session: string): Promise<boolean> {
    return (await this.ready()).panes.hasSession(session);
  }

  async tmuxVersion(): Promise<string> {
    return (await this.ready()).panes.tmuxVersion();
  }

  /** `ssh -t HOST tmux -S … attach -t =NAME` (after ready(); the socket path is the one there), encoded for any login shell. */
  attachArgv(session: string): string[] {
    const remote = ["tmux", "-S", posix.join(this.dir, "tmux.sock"), "attach-session", "-t", exactSession(session)];
    return [
      "ssh",
      ...(this.settings.sshConfig ? ["-F", this.settings.sshConfig] : []),
      "-t",
      "--",
      this.settings.ssh,
      remoteCommand(remote),
    ];
  }

  // ---- files ----

  get agentDir(): string {
    return this.dir;
  }

  signalsDir(session: string): string {
    return posix.join(this.dir, "events", session);
  }

  async readSignals(session: string, cursor?: string): Promise<SignalFile[]> {
    const hit = this.cached.get(session);
    this.cached.delete(session);
    if (hit && Date.now() - hit.at < FRESH_MS) return signalsFrom(hit.files, cursor);
    await this.ready();
    if (!SESSION.test(session)) return [];
    await this.dump([session], []);
    const got = this.cached.get(session);
    this.cached.delete(session);
    return signalsFrom(got?.files ?? [], cursor);
  }

  async pruneSignals(session: string, cursor: string): Promise<void> {
    // Deleted at the start of the next call to this host (no round trip of its own); a file read again
    // before then is behind the cursor and skipped.
    const seen = this.toPrune.get(session) ?? new Set<string>();
    for (const f of this.lastNames.get(session) ?? []) if (f <= cursor) seen.add(f);
    this.toPrune.set(session, seen);
  }

  async resetSignals(session: string): Promise<void> {
    await this.ready();
    this.forget(session);
    await this.must(["sh", "-c", RESET, "sh", this.signalsDir(session)], "empty the signals folder");
  }

  async removeSignals(session: string): Promise<void> {
    await this.ready();
    this.forget(session);
    await this.must(["rm", "-rf", "--", this.signalsDir(session)], "remove the signals folder");
  }

  async writeFiles(files: Array<{ path: string; content: string }>): Promise<void> {
    await this.ready();
    for (const f of files) {
      if (!f.path.startsWith(`${this.dir}/`))
        throw failed(`host ${this.name}: ${f.path} is outside Wingman's state dir there`);
      await this.must(["sh", "-c", WRITE, "sh", f.path], `write ${posix.basename(f.path)}`, f.content);
    }
  }

  async hasProgram(command: string): Promise<boolean> {
    await this.ready();
    const r = await this.conn.run(["sh", "-c", HAS, "sh", command], `${this.settings.env?.PATH ?? ""}\n`);
    return r.exitCode === 0;
  }

  async realFolder(path: string): Promise<string | null> {
    await this.ready();
    const r = await this.conn.run(["sh", "-c", REALDIR, "sh", path]);
    const out = r.stdout.replace(/\n$/, "");
    return r.exitCode === 0 && out.startsWith("/") ? out : null;
  }

  /** A fixed argv there, over the host's one connection (its PATH from the host's env when set). */
  readonly run = async (
    argv: string[],
    input?: string,
  ): Promise<{ exitCode: number; stdout: string; stderr: string }> => {
    await this.ready();
    const path = this.settings.env?.PATH;
    // The PATH on stdin, like HAS and PROBE: a value of the host's env is never on a command line.
    return path
      ? this.conn.run(["sh", "-c", WITH_PATH, "sh", ...argv], `${path}\n${input ?? ""}`)
      : this.conn.run(argv, input);
  };

  // ---- the host itself ----

  async probe(programs: string[]): Promise<HostProbe> {
    try {
      await this.ready();
      const r = await this.conn.run(["sh", "-c", PROBE, "sh", ...programs], `${this.settings.env?.PATH ?? ""}\n`);
      const lines = r.stdout.split("\n");
      const tmuxVersion = lines[0]?.trim() || undefined;
      return {
        reachable: true,
        ...(tmuxVersion ? { tmuxVersion } : {}),
        programs: Object.fromEntries(programs.map((p, i) => [p, lines[i + 1]?.trim() || null])),
      };
    } catch (e) {
      return { reachable: false, error: e instanceof Error ? e.message : String(e), programs: {} };
    }
  }

  /** Changes as they happen, over this host's connection (stream.ts). */
  watch(onHint: (hint: HostHint) => void, opts?: WatchOptions): HostWatch & Pick<HostStream, "stats" | "remotePid"> {
    for (const s of this.streams) if (s.ended) this.streams.delete(s);
    const stream = new HostStream(this.name, this.conn, async () => (await this.ready()).dir, onHint, opts);
    this.streams.add(stream);
    return stream;
  }

  private readonly streams = new Set<HostStream>();

  async close(): Promise<void> {
    await Promise.all([...this.streams].map((s) => s.close()));
    this.streams.clear();
    await this.conn.close();
  }

  // ---- helpers ----

  /** File names handed out by the last read, per session (what a prune may delete). */
  private lastNames = new Map<string, string[]>();

  private forget(session: string): void {
    this.cached.delete(session);
    this.toPrune.delete(session);
    this.lastNames.delete(session);
  }

  private async must(argv: string[], what: string, input?: string): Promise<void> {
    const r = await this.conn.run(argv, input);
    if (r.exitCode !== 0) throw failed(`host ${this.name}: cannot ${what}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
  }

  /**
   * One remote call: delete what was folded, run `argv` (tmux's snapshot, or nothing), print the signal
   * files of `sessions` after a per-call random marker. Returns argv's own output; the files go to the cache.
   */
  private async dump(
    sessions: string[],
    argv: string[],
    input?: string,
  ): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    const mark = `\u001d${randomBytes(8).toString("hex")}\u001d`;
    const prune: string[] = [];
    for (const [s, files] of this.toPrune)
      for (const f of files) if (SESSION.test(s) && isSignalName(f)) prune.push(`${s}/${f}`);
    const r = await this.conn.run(
      ["sh", "-c", DUMP, "sh", posix.join(this.dir, "events"), mark, sessions.join(" "), prune.join(" "), ...argv],
      input,
    );
    this.toPrune.clear();
    const parts = r.stdout.split(mark);
    const at = Date.now();
    for (const s of sessions) this.cached.set(s, { at, files: [] });
    for (let i = 1; i + 1 < parts.length; i += 2) {
      const [s, f] = parts[i]!.split("/");
      if (!s || !f || !this.cached.has(s)) continue;
      this.cached.get(s)!.files.push({ name: f, text: parts[i + 1]!.replace(/^\n/, "") });
    }
    for (const s of sessions)
      this.lastNames.set(
        s,
        this.cached.get(s)!.files.map((f) => f.name),
      );
    return { exitCode: r.exitCode, stdout: parts[0] ?? "", stderr: r.stderr };
  }
}

// A host's changes as they happen: one long-lived channel over the host's existing ControlMaster, running a
// constant script there that attaches one tmux control client (read-only) per session there and watches the
// signals folder (inotifywait when the host has it, else a 1 s poll there that sends only changes). This side
// parses its lines (stream-lines.ts) into hints for the monitor, which then reads the screens as it always
// does: a hint decides nothing. The channel never opens a connection of its own (ControlMaster=no and a
// ProxyCommand that fails): when the master is gone it ends, and the monitor's poll, which owns the
// connection, takes over and reports the host down once. A channel that stops answering heartbeats is
// killed and started again, after a backoff.
import { type ChildProcess, spawn } from "node:child_process";
import { posix } from "node:path";
import type { HostHint, HostWatch, WatchOptions } from "../host.js";
import { LineSplitter, parseStreamLine, SESSION_NAME, WakeGate } from "./stream-lines.js";

// $1 tmux socket, $2 events folder: values only as positional arguments. It follows every session on Wingman's
// own tmux server there (all of them are Wingman's), as they are when it starts.
// - Without inotifywait, once a second: anything in the events folder newer than the last look (a file that
//   came and went in between still changed its folder's mtime) is one `F`. Two stamps take turns (marked
//   before each look, so nothing falls between looks), which costs two programs a second: `sleep` and `find`.
// - The pane ids of the sessions first (P lines, so %output maps to a session), then `W $$`.
// - Control clients read a pipe from `sleep` that never ends nor carries anything (their stdin must stay open;
//   an async list's own stdin is /dev/null, hence fd 3). `-r`: read-only, it can press nothing; `ignore-size`:
//   it never resizes a window.
// - The main shell answers heartbeats; when the channel closes (this side ended it, or the connection broke)
//   its read ends and `kill 0` ends every process of the stream (tmux's server is in a session of its own).
//   It ignores SIGPIPE (set after the others started, so theirs stays default): a heartbeat still queued when
//   the channel closed would otherwise kill it on its answer, before `kill 0`, and leave the rest running.
const STREAM = `sock=$1; ev=$2
tmux -u -S "$sock" -f /dev/null list-panes -a -F 'P #{pane_id} #{session_name}' 2>/dev/null
echo "W $$"
if command -v inotifywait >/dev/null 2>&1; then
  inotifywait -m -r -q -e close_write -e moved_to --format 'F %w%f' "$ev" 2>/dev/null &
else
  (a=\${ev%/*}/.stream-poll-a; b=\${ev%/*}/.stream-poll-b; : >"$a"
   while sleep 1; do : >"$b"; [ -z "$(find "$ev" -newer "$a" 2>/dev/null)" ] || echo F; t=$a; a=$b; b=$t; done) &
fi
sleep 2147483647 | {
  exec 3<&0
  tmux -u -S "$sock" -f /dev/null list-sessions -F '#{session_name}' 2>/dev/null | while IFS= read -r s; do
    { tmux -u -S "$sock" -f /dev/null -C attach-session -r -f ignore-size -t "=$s" <&3 2>/dev/null; echo "X $s"; } &
  done
} &
trap '' PIPE
while IFS= read -r _; do echo H || break; done
kill 0`;

const RESTART_MS = [1000, 2000, 4000, 8000, 16000];
const HEARTBEAT_MS = 5000;
/** The wait before a stream for a changed session set. */
const RESET_MS = 200;
/** A stream that ran this long before it ended starts again after the shortest wait. */
const STEADY_MS = 30_000;
/** Lines this side may still hold when a %output line is longer (only the head is read). */
const KEEP_CHARS = 256;

/** What the stream needs of the host's connection. */
export interface StreamConnection {
  /** ssh's argv for a command over the existing master only (never a connection of its own). */
  streamArgs(argv: string[]): string[];
  /** The last call could not connect (the monitor's poll is reconnecting). */
  readonly down: boolean;
}

export interface StreamStats {
  /** Streams started (ssh channels opened). */
  starts: number;
  /** Hints handed to the monitor. */
  hints: number;
  /** %output lines received. */
  outputLines: number;
}

export class HostStream implements HostWatch {
  /** Sessions the monitor follows there (the stream runs while there is one). */
  private wanted: string[] = [];
  /** The sessions on the host's tmux server when the stream started (from its P lines). */
  private known = new Set<string>();
  private child: ChildProcess | null = null;
  private live = false;
  private liveSince = 0;
  private attached = new Set<string>();
  private panes = new Map<string, string>();
  private lastHeard = 0;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;
  private beat: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly gate = new WakeGate();
  /** Output not yet reported: sessions, or "any" when a pane was not known. */
  private pending = new Set<string>();
  private pendingAny = false;
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly restartMs: number[];
  private readonly heartbeatMs: number;
  readonly stats: StreamStats = { starts: 0, hints: 0, outputLines: 0 };
  /** The stream's shell there (tests end it from the far side). */
  remotePid = 0;

  constructor(
    readonly host: string,
    private readonly conn: StreamConnection,
    /** The host's state dir there, resolved (throws when the host cannot be reached). */
    private readonly stateDir: () => Promise<string>,
    private readonly onHint: (hint: HostHint) => void,
    opts: WatchOptions = {},
  ) {
    this.restartMs = opts.restartMs?.length ? opts.restartMs : RESTART_MS;
    this.heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS;
  }

  follow(sessions: string[]): void {
    if (this.closed) return;
    this.wanted = [...new Set(sessions.filter((s) => SESSION_NAME.test(s)))];
    if (!this.wanted.length) {
      // Nothing left to follow there: no channel either.
      this.stop();
      if (this.retry) clearTimeout(this.retry);
      this.retry = null;
      this.failures = 0;
      return;
    }
    // A session the monitor knows but the stream did not find there when it started (made in between): a new
    // stream attaches what there is now, after the backoff's wait.
    if (this.live && this.wanted.some((s) => !this.known.has(s))) {
      this.stop();
      this.later();
    }
    if (!this.child && !this.retry) void this.start();
  }

  /** close() was called: it follows nothing any more. */
  get ended(): boolean {
    return this.closed;
  }

  covers(session: string): boolean {
    return this.live && this.attached.has(session);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.retry = this.flushTimer = null;
    const child = this.child;
    this.stop();
    if (child && child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once("close", r));
  }

  private async start(): Promise<void> {
    if (this.closed || this.child || !this.wanted.length) return;
    // While the host is down, the poll owns reconnecting; try again after the next wait.
    if (this.conn.down) return this.later();
    let dir: string;
    try {
      dir = await this.stateDir();
    } catch {
      return this.later();
    }
    if (this.closed || this.child || !this.wanted.length) return;
    const events = posix.join(dir, "events");
    const argv = ["sh", "-c", STREAM, "sh", posix.join(dir, "tmux.sock"), events];
    const child = spawn("ssh", this.conn.streamArgs(argv), { stdio: ["pipe", "pipe", "ignore"] });
    this.child = child;
    this.stats.starts++;
    this.lastHeard = Date.now();
    const lines = new LineSplitter(KEEP_CHARS);
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      if (this.child !== child) return;
      this.lastHeard = Date.now();
      for (const line of lines.push(chunk)) this.line(line, events);
    });
    child.stdin!.on("error", () => {}); // the channel closed under a heartbeat: its exit says so
    child.on("error", () => {}); // ssh missing: "close" follows
    child.on("close", () => {
      if (this.child !== child) return;
      const wasLive = this.live;
      const ranFor = Date.now() - this.liveSince;
      this.stop();
      if (this.closed) return;
      if (wasLive && ranFor >= STEADY_MS) this.failures = 0;
      // The monitor falls back to polling these sessions: tell it now, not at its next tick.
      if (wasLive) this.hint(null, "stream");
      this.later();
    });
    this.beat = setInterval(() => this.heartbeat(), this.heartbeatMs);
    this.beat.unref();
  }

  /** A new stream for a changed session set, shortly (the lines of one change come together); not a failure. */
  private restartSoon(): void {
    if (this.closed || this.retry) return;
    this.stop();
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, RESET_MS);
    this.retry.unref();
  }

  /** Start again after the next wait of the backoff. */
  private later(): void {
    if (this.closed || this.retry) return;
    const wait = this.restartMs[Math.min(this.failures, this.restartMs.length - 1)]!;
    this.failures++;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, wait);
    this.retry.unref();
  }

  /** Ask for a sign of life; a stream that said nothing for 1.5 heartbeats has stalled: end it (its close restarts it). */
  private heartbeat(): void {
    const child = this.child;
    if (!child) return;
    if (Date.now() - this.lastHeard > this.heartbeatMs * 1.5) {
      this.live = false;
      child.kill("SIGKILL");
      return;
    }
    child.stdin!.write("p\n");
  }

  /** Ends the channel (closing ssh's stdin ends the script there). */
  private stop(): void {
    if (this.beat) clearInterval(this.beat);
    this.beat = null;
    const child = this.child;
    this.child = null;
    this.live = false;
    this.attached.clear();
    this.known.clear();
    this.panes.clear();
    if (child && child.exitCode === null && child.signalCode === null) {
      child.stdin?.end();
      child.kill("SIGTERM");
    }
  }

  private line(line: string, events: string): void {
    const l = parseStreamLine(line, events);
    switch (l.kind) {
      case "started":
        this.live = true;
        this.liveSince = Date.now();
        this.remotePid = l.pid;
        return;
      case "pane":
        this.panes.set(l.pane, l.session);
        this.known.add(l.session);
        return;
      case "attached":
        this.attached.add(l.session);
        // What changed between the poll's last look and this attach: one look now closes the gap.
        this.hint([l.session], "stream");
        return;
      case "detached": {
        // Its session ended there (tmux also says %sessions-changed), or its control client was killed while
        // the session runs: then a new stream attaches it again. One that never attached (a tmux older than 3.2
        // refuses the flags) is not retried: that session stays on the 500 ms look.
        const was = this.attached.delete(l.session);
        this.hint([l.session], "sessions");
        if (was) this.restartSoon();
        return;
      }
      case "output": {
        this.stats.outputLines++;
        const s = this.panes.get(l.pane);
        if (s) this.pending.add(s);
        else this.pendingAny = true;
        this.flushSoon();
        return;
      }
      case "signal":
        // Signal files are few and each may be a prompt: not held back by the gate.
        this.hint(l.session ? [l.session] : null, "signal");
        return;
      case "sessions":
        // A session came or went there: look now, and attach the new set.
        this.hint(null, "sessions");
        this.restartSoon();
        return;
      default:
    }
  }

  /** Pane output is reported once per batch of lines, and no faster than the gate lets it. */
  private flushSoon(): void {
    if (this.flushTimer) return;
    const wait = this.gate.take(Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      const sessions = this.pendingAny ? null : [...this.pending];
      this.pending.clear();
      this.pendingAny = false;
      if (this.live) this.hint(sessions, "output");
    }, wait);
    this.flushTimer.unref();
  }

  private hint(sessions: string[] | null, why: HostHint["why"]): void {
    this.stats.hints++;
    this.onHint({ host: this.host, sessions, why });
  }
}

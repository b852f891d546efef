// What a host's change stream says, line by line (the script is STREAM in stream.ts), and how much of it may
// wake the monitor. Pure: no processes, no timers, so the rules are unit-tested on their own.
//
// Lines the host sends:
//   W <pid>                       the stream runs (the pid of its shell there)
//   P <pane id> <session>         a pane of a followed session, listed once at the start
//   H                             the answer to a heartbeat
//   X <session>                   that session's control client ended (the session is gone, or it was killed)
//   F <path>                      a file was written in the events folder (inotifywait); `F` alone: the
//                                 host-side poll saw the folder change, file unknown
//   %…                            tmux control mode, from one control client per session there
import { isSignalName } from "../signal-files.js";

/** Names Wingman gives sessions (the same check as for every other remote call). */
export const SESSION_NAME = /^[a-z0-9][a-z0-9-]*$/;

export type StreamLine =
  | { kind: "started"; pid: number }
  | { kind: "pane"; pane: string; session: string }
  | { kind: "alive" }
  | { kind: "attached"; session: string }
  | { kind: "detached"; session: string }
  | { kind: "output"; pane: string }
  | { kind: "signal"; session: string | null }
  | { kind: "sessions" }
  | { kind: "other" };

const PANE = /^%[0-9]+$/;

/** One line of the stream; `eventsDir` is the signals root there (F lines name files under it). */
export function parseStreamLine(line: string, eventsDir: string): StreamLine {
  const sp = line.indexOf(" ");
  const head = sp < 0 ? line : line.slice(0, sp);
  const rest = sp < 0 ? "" : line.slice(sp + 1);
  switch (head) {
    case "%output": {
      const pane = rest.slice(0, rest.indexOf(" ") < 0 ? undefined : rest.indexOf(" "));
      return PANE.test(pane) ? { kind: "output", pane } : { kind: "other" };
    }
    case "H":
      return { kind: "alive" };
    case "F": {
      if (rest === "") return { kind: "signal", session: null };
      // `<eventsDir>/<session>/<file>`: only a finished signal file counts (the hooks write a dot-file, then rename).
      if (!rest.startsWith(`${eventsDir}/`)) return { kind: "other" };
      const [session, file, extra] = rest.slice(eventsDir.length + 1).split("/");
      if (extra !== undefined || !session || !file || !SESSION_NAME.test(session) || !isSignalName(file))
        return { kind: "other" };
      return { kind: "signal", session };
    }
    case "W": {
      const pid = Number(rest);
      return Number.isInteger(pid) && pid > 0 ? { kind: "started", pid } : { kind: "other" };
    }
    case "P": {
      const [pane, session] = rest.split(" ");
      return pane && session && PANE.test(pane) && SESSION_NAME.test(session)
        ? { kind: "pane", pane, session }
        : { kind: "other" };
    }
    case "X":
      return SESSION_NAME.test(rest) ? { kind: "detached", session: rest } : { kind: "other" };
    case "%session-changed": {
      // `%session-changed $<id> <name>`: a control client is attached to that session.
      const name = rest.slice(rest.indexOf(" ") + 1);
      return rest.startsWith("$") && SESSION_NAME.test(name) ? { kind: "attached", session: name } : { kind: "other" };
    }
    default:
      // A session was made or ended on that tmux server.
      return head === "%sessions-changed" ? { kind: "sessions" } : { kind: "other" };
  }
}

/**
 * Splits a byte stream into lines, keeping at most `keep` characters of each: a busy pane's `%output` line can
 * be long, and only its head (the pane id) is read.
 */
export class LineSplitter {
  private part = "";
  private over = false;
  constructor(private readonly keep = 256) {}

  push(chunk: string): string[] {
    const out: string[] = [];
    let from = 0;
    for (let nl = chunk.indexOf("\n"); nl >= 0; nl = chunk.indexOf("\n", from)) {
      if (!this.over) this.part += chunk.slice(from, Math.min(nl, from + this.keep - this.part.length));
      out.push(this.part);
      this.part = "";
      this.over = false;
      from = nl + 1;
    }
    if (!this.over) {
      this.part += chunk.slice(from, from + this.keep - this.part.length);
      this.over = this.part.length >= this.keep;
    }
    return out;
  }
}

/**
 * How often pane output may wake the monitor, per host: a bucket of `burst` wake-ups that refills at
 * `perSecond`. A quiet pane that draws (a dialog) wakes it at once; a pane that draws all the time wakes it
 * at most `perSecond` times a second, which is what the 500 ms poll cost, and no more.
 */
export class WakeGate {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst = 4,
    private readonly perSecond = 2,
    now = 0,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Counts a wake-up and says in how many ms it may go (0: now). The caller sends it then, and asks no sooner. */
  take(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond) - 1;
    this.at = now;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.perSecond) * 1000);
  }
}

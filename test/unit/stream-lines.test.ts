// The rules of a host's change stream on this side (hosts/ssh/stream-lines.ts): which lines mean what, how long
// lines are cut, and how often pane output may wake the monitor. The stream itself runs against real OpenSSH
// and tmux in test/remote/stream.test.ts.
import { describe, expect, it } from "vitest";
import { LineSplitter, parseStreamLine, WakeGate } from "../../src/hosts/ssh/stream-lines.js";

const EV = "/root/.local/state/claude-code-wingman/events";

describe("parseStreamLine", () => {
  it("reads the stream's own lines", () => {
    expect(parseStreamLine("W 4242", EV)).toEqual({ kind: "started", pid: 4242 });
    expect(parseStreamLine("P %3 r1", EV)).toEqual({ kind: "pane", pane: "%3", session: "r1" });
    expect(parseStreamLine("H", EV)).toEqual({ kind: "alive" });
    expect(parseStreamLine("X r1", EV)).toEqual({ kind: "detached", session: "r1" });
  });

  it("a signal file counts only when finished, under the events folder, in a session's folder", () => {
    expect(parseStreamLine(`F ${EV}/r1/1733212345000000000-77.json`, EV)).toEqual({ kind: "signal", session: "r1" });
    expect(parseStreamLine("F", EV)).toEqual({ kind: "signal", session: null });
    // The hook's temp file, a file elsewhere, a nested path, a bad session name: not signals.
    for (const l of [
      `F ${EV}/r1/.1733-77.tmp`,
      "F /etc/passwd",
      `F ${EV}/r1/x/1-2.json`,
      `F ${EV}/R1/1-2.json`,
      `F ${EV}-x/r1/1-2.json`,
    ]) {
      expect(parseStreamLine(l, EV)).toEqual({ kind: "other" });
    }
  });

  it("reads tmux control mode: output by pane, attach by session name, a session made or ended", () => {
    expect(parseStreamLine("%output %12 \\033[?2004hroot@vm:~# ", EV)).toEqual({ kind: "output", pane: "%12" });
    expect(parseStreamLine("%output %12", EV)).toEqual({ kind: "output", pane: "%12" });
    expect(parseStreamLine("%session-changed $4 r1", EV)).toEqual({ kind: "attached", session: "r1" });
    expect(parseStreamLine("%sessions-changed", EV)).toEqual({ kind: "sessions" });
    expect(parseStreamLine("%unlinked-window-add @7", EV)).toEqual({ kind: "other" });
    expect(parseStreamLine("%begin 1796107800 597 0", EV)).toEqual({ kind: "other" });
  });

  it("anything malformed is nothing (a hint is never made of a bad line)", () => {
    for (const l of [
      "W",
      "W -1",
      "W abc",
      "P %3",
      "P 3 r1",
      "P %3 ../x",
      "X",
      "X a b",
      "%output x",
      "%session-changed 4 r1",
      "",
      "garbage",
    ]) {
      expect(parseStreamLine(l, EV)).toEqual({ kind: "other" });
    }
  });
});

describe("LineSplitter", () => {
  it("joins lines across chunks and keeps only the head of a long one", () => {
    const s = new LineSplitter(8);
    expect(s.push("H\nW 1")).toEqual(["H"]);
    expect(s.push("2\n%output %1 ")).toEqual(["W 12"]);
    expect(s.push("x".repeat(1000))).toEqual([]);
    expect(s.push("yyy\nH\n")).toEqual(["%output ", "H"]);
  });
});

describe("WakeGate", () => {
  it("lets a burst through at once, then paces at its rate, and fills again when quiet", () => {
    const g = new WakeGate(4, 2, 0);
    expect([g.take(0), g.take(0), g.take(0), g.take(0)]).toEqual([0, 0, 0, 0]);
    expect(g.take(0)).toBe(500); // the fifth waits for the next token
    expect(g.take(500)).toBe(500); // that token went to the fifth: the sixth waits its own
    // A steady stream over 10 s gets about 2 a second, never more.
    const sent: number[] = [];
    let t = 1000;
    while (t < 11_000) {
      const w = g.take(t);
      t += w;
      sent.push(t);
      t += 1; // asks again right after each one went
    }
    expect(sent.length).toBeLessThanOrEqual(21);
    expect(sent.length).toBeGreaterThanOrEqual(19);
    // Quiet for 5 s: the burst is back.
    expect([g.take(t + 5000), g.take(t + 5000), g.take(t + 5000), g.take(t + 5000)]).toEqual([0, 0, 0, 0]);
  });
});

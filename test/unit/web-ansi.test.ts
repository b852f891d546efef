// The web page's screen converter: colours become classes or `#rrggbb`, everything else is text.
import { describe, expect, it } from "vitest";
import { ansiToLines, CLASS_NAMES, linesText } from "../../src/doors/web/ansi.js";

const E = "\x1b[";

describe("ANSI to styled runs", () => {
  it("keeps plain text as one run per line", () => {
    expect(ansiToLines("hello\nworld")).toEqual([[{ t: "hello" }], [{ t: "world" }]]);
  });

  it("turns the 16 colours, bold and reset into classes", () => {
    const lines = ansiToLines(`${E}1;31mred${E}0m plain ${E}92;44mhi${E}m`);
    expect(lines[0]).toEqual([{ t: "red", c: "b f1" }, { t: " plain " }, { t: "hi", c: "f10 g4" }]);
  });

  it("turns 256 and true colours into #rrggbb, in both the ; and the : forms", () => {
    expect(ansiToLines(`${E}38;5;208mo${E}48;5;245mg`)[0]).toEqual([
      { t: "o", fg: "#ff8700" },
      { t: "g", fg: "#ff8700", bg: "#8a8a8a" },
    ]);
    expect(ansiToLines(`${E}38;2;1;2;3mx${E}38:2::255:0:16my`)[0]).toEqual([
      { t: "x", fg: "#010203" },
      { t: "y", fg: "#ff0010" },
    ]);
    expect(ansiToLines(`${E}38;5;3mp`)[0]).toEqual([{ t: "p", c: "f3" }]);
  });

  it("reverse video swaps the colours, using rf/rb for the defaults", () => {
    expect(ansiToLines(`${E}7mcursor${E}27m`)[0]).toEqual([{ t: "cursor", c: "rf rb" }]);
    expect(ansiToLines(`${E}31;7mx`)[0]).toEqual([{ t: "x", c: "rf g1" }]);
  });

  it("carries the style across lines, as a terminal does", () => {
    expect(ansiToLines(`${E}32mgreen\nstill`)).toEqual([[{ t: "green", c: "f2" }], [{ t: "still", c: "f2" }]]);
  });

  it("drops other escapes (cursor moves, OSC hyperlinks, private modes) and control characters, keeps the text", () => {
    const s = `a${E}2Kb${E}?25lc\x1b]8;;https://evil.example\x07link\x1b]8;;\x07d\x07e\x00f\x1b`;
    expect(linesText(ansiToLines(s))).toBe("abclinkdef");
  });

  it("expands tabs to the next stop of 8", () => {
    expect(linesText(ansiToLines("ab\tc"))).toBe("ab      c");
  });

  it("markup is text: the runs carry it verbatim and no class outside the fixed alphabet ever appears", () => {
    const s = `${E}31m<script>alert(1)</script>${E}0m <img src=x onerror=alert(2)> ${E}38;5;999mz${E}38;2;300;999;7mw`;
    const lines = ansiToLines(s);
    expect(linesText(lines)).toBe("<script>alert(1)</script> <img src=x onerror=alert(2)> zw");
    for (const r of lines.flat()) {
      for (const c of (r.c ?? "").split(" ").filter(Boolean)) expect(CLASS_NAMES).toContain(c);
      for (const col of [r.fg, r.bg]) if (col !== undefined) expect(col).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it("ignores a malformed colour without losing the text", () => {
    expect(ansiToLines(`${E}38;9;1mx${E}38;5mq`)[0]).toEqual([{ t: "xq" }]);
  });
});
